/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small seeded customer tables and the scorers fitted on them. */
public final class TestModels {
    public static final List<String> INPUTS = List.of("recency_days", "frequency", "monetary");

    private TestModels() {
    }

    /** RFM-like customers from three groups: recent big spenders, occasional, lapsed one-timers. */
    public static Dataset customers(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            int g = i % 3;
            double recency = g == 0 ? 5 + rng.nextInt(20) : g == 1 ? 40 + rng.nextInt(60) : 200 + rng.nextInt(150);
            double frequency = g == 0 ? 10 + rng.nextInt(20) : g == 1 ? 2 + rng.nextInt(5) : 1 + rng.nextInt(2);
            double monetary = g == 0 ? 3000 + 4000 * rng.nextDouble() : g == 1 ? 300 + 900 * rng.nextDouble()
                    : 20 + 200 * rng.nextDouble();
            rows[i] = new double[] {recency, frequency, monetary};
        }
        return Dataset.of(rows, INPUTS);
    }

    /** Customer ids {@code prefix000001, ...}. */
    public static List<String> ids(String prefix, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(String.format("%s%06d", prefix, i + 1));
        }
        return out;
    }

    public static FittedPipeline pipeline(Dataset raw) {
        return FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary").standardize().build().fit(raw);
    }

    /** Log1p, standardize, K-means; segments named by their mean recency, so that names survive a refit. */
    public static SegmentScorer kmeans(Dataset raw, int k, long seed) {
        FittedPipeline p = pipeline(raw);
        SegmentScorer s = SegmentScorer.of(p, KMeans.builder().k(k).nInit(3).seed(seed).build().fit(p.transform(raw)));
        return named(s, raw);
    }

    public static SegmentScorer gmm(Dataset raw, int k, long seed) {
        FittedPipeline p = pipeline(raw);
        return named(SegmentScorer.of(p, GaussianMixture.builder().k(k).seed(seed).build().fit(p.transform(raw))), raw);
    }

    public static SegmentScorer dbscan(Dataset raw, double eps, int minPts) {
        FittedPipeline p = pipeline(raw);
        return named(SegmentScorer.of(p, Dbscan.builder().eps(eps).minPts(minPts).build().fit(p.transform(raw))), raw);
    }

    /** Names by rank of mean recency: "recent", "middle", "lapsed" (then "group 3", ...). */
    static SegmentScorer named(SegmentScorer s, Dataset raw) {
        int k = s.k();
        int[] labels = s.assign(raw);
        double[] sum = new double[k];
        int[] count = new int[k];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                sum[labels[i]] += raw.get(i, 0);
                count[labels[i]]++;
            }
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(sum[a] / Math.max(1, count[a]), sum[b] / Math.max(1, count[b])));
        String[] base = {"recent", "middle", "lapsed"};
        String[] names = new String[k];
        for (int r = 0; r < k; r++) {
            names[order[r]] = r < base.length && k == 3 ? base[r] : "group " + r;
        }
        return s.withSegmentNames(List.of(names));
    }
}
