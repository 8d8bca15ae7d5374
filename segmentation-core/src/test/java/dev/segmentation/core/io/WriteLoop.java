/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.io;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The child JVM of {@link ModelFileDurabilityTest}: rewrites one model file in a loop, alternating a small and a
 * large model, until it is killed. Writes a marker file once the first write has completed. Not a test.
 */
public final class WriteLoop {
    private WriteLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        KMeansModel[] models = {model(20, 2), model(4000, 8)};
        ModelIO.write(models[0], target);
        Files.writeString(Path.of(args[1]), "started");
        for (long i = 1; ; i++) {
            ModelIO.write(models[(int) (i & 1)], target);
        }
    }

    private static KMeansModel model(int n, int k) {
        SplittableRandom r = new SplittableRandom(n);
        double[][] rows = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i][j] = r.nextGaussian() + (i % k) * 4;
            }
        }
        return KMeans.builder().k(k).seed(3).build().fit(Dataset.of(rows));
    }
}
