/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.postprocess;

/**
 * One merge made by {@link SmallClusterMerger}: cluster {@code cluster} (a label of the original model)
 * was absorbed by cluster {@code into} (also an original label; the cluster that absorbed it, which may
 * itself have absorbed others before).
 *
 * @param cluster the original label of the small cluster
 * @param into the original label of the cluster it joined
 * @param size the number of training rows the small cluster held when it was merged (its own and those of
 *     clusters merged into it before)
 * @param share {@code size} as a share of the training rows
 * @param distance the Euclidean distance between the two centres when they were merged
 * @since 0.1
 */
public record Merge(int cluster, int into, int size, double share, double distance) {
}
