/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.DissimilarityMatrix;
import dev.segmentation.core.FitControl;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariants: on data without ties, row order only permutes the partition and leaves the heights; the
 * matrix and the matrix-free algorithms agree; the cophenetic correlation of a condensed matrix and of the
 * data agree; every dendrogram passes validation.
 */
class HierarchicalProperties {

    static Dataset data(long seed, int n, int d) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(4);
            for (int j = 0; j < d; j++) {
                x[i][j] = 2 * c + r.nextGaussian();
            }
        }
        return Dataset.of(x);
    }

    @Property(tries = 40)
    void rowOrderOnlyPermutesThePartition(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                          @ForAll @IntRange(min = 0, max = 6) int linkageIndex,
                                          @ForAll @IntRange(min = 1, max = 8) int k) {
        Linkage linkage = Linkage.values()[linkageIndex];
        Dataset x = data(seed, 60, 3);
        int n = x.rows();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 5);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        AgglomerativeClustering est = AgglomerativeClustering.builder().linkage(linkage).nClusters(k).singleThreaded()
                .build();
        HierarchicalModel a = est.fit(x);
        HierarchicalModel b = est.fit(x.selectRows(perm));
        double[] ha = a.dendrogram().heights();
        double[] hb = b.dendrogram().heights();
        if (linkage.isReducible()) {
            for (int i = 0; i < ha.length; i++) {
                assertEquals(ha[i], hb[i], 1e-9 * Math.max(1, ha[i]));
            }
        } else {
            Arrays.sort(ha);
            Arrays.sort(hb);
            for (int i = 0; i < ha.length; i++) {
                assertEquals(ha[i], hb[i], 1e-9 * Math.max(1, ha[i]));
            }
        }
        int[] la = a.trainingLabels();
        int[] lb = b.trainingLabels();
        int[] back = new int[n];
        for (int i = 0; i < n; i++) {
            back[perm[i]] = lb[i];
        }
        assertTrue(HierarchicalReferenceTest.samePartition(la, back));
    }

    @Property(tries = 40)
    void matrixFreeEqualsMatrixAndCopheneticAgrees(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                   @ForAll @IntRange(min = 2, max = 80) int n,
                                                   @ForAll boolean single) {
        Dataset x = data(seed, n, 2);
        Linkage linkage = single ? Linkage.SINGLE : Linkage.WARD;
        Dendrogram v = AgglomerativeClustering.builder().linkage(linkage).nClusters(1).singleThreaded().build()
                .dendrogram(x, FitControl.none());
        Dendrogram m = AgglomerativeClustering.builder().linkage(linkage).nClusters(1)
                .distanceStorage(AgglomerativeClustering.DistanceStorage.MATRIX).singleThreaded().build()
                .dendrogram(x, FitControl.none());
        double[][] a = v.linkageMatrix();
        double[][] b = m.linkageMatrix();
        for (int r = 0; r < a.length; r++) {
            assertEquals(b[r][0], a[r][0]);
            assertEquals(b[r][1], a[r][1]);
            assertEquals(b[r][2], a[r][2], 1e-12 * Math.max(1, b[r][2]));
        }
        assertEquals(v, Dendrogram.of(v.linkageMatrix()));
        if (n > 2) {
            double[] cond = new double[n * (n - 1) / 2];
            double[] rows = x.toRowMajorArray();
            int idx = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dx = rows[2 * i] - rows[2 * j];
                    double dy = rows[2 * i + 1] - rows[2 * j + 1];
                    cond[idx++] = Math.sqrt(dx * dx + dy * dy);
                }
            }
            assertEquals(v.copheneticCorrelation(DissimilarityMatrix.ofCondensed(cond)), v.copheneticCorrelation(x),
                    1e-12);
        }
        int[] labels = v.cut(Cut.clusters(Math.min(3, n)));
        assertEquals(Math.min(3, n), Arrays.stream(labels).max().getAsInt() + 1);
        assertArrayEquals(labels, v.cut(Cut.clusters(Math.min(3, n))));
    }
}
