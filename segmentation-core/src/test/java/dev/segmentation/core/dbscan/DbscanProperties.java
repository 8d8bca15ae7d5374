/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.dbscan;

import dev.segmentation.core.Dataset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Invariants of DBSCAN: every index gives the brute-force answer; row order only permutes the result. */
class DbscanProperties {

    static Dataset data(long seed, int n, int d, boolean grid) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(3);
            for (int j = 0; j < d; j++) {
                // On a lattice of step 0.25 many distances tie exactly with eps.
                x[i][j] = grid ? 0.25 * r.nextInt(20) : 3 * c + r.nextGaussian();
            }
        }
        return Dataset.of(x);
    }

    @Property(tries = 60)
    void everyIndexGivesTheBruteForceAnswer(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                            @ForAll @IntRange(min = 1, max = 5) int d,
                                            @ForAll @IntRange(min = 1, max = 12) int minPts,
                                            @ForAll boolean lattice) {
        Dataset x = data(seed, 400, d, lattice);
        double eps = lattice ? 0.5 : 0.4 + (seed % 7) * 0.1;
        DbscanModel brute = Dbscan.builder().eps(eps).minPts(minPts).neighborIndex(Dbscan.NeighborIndexType.BRUTE_FORCE)
                .singleThreaded().build().fit(x);
        DbscanModel tree = Dbscan.builder().eps(eps).minPts(minPts).neighborIndex(Dbscan.NeighborIndexType.KD_TREE)
                .singleThreaded().build().fit(x);
        assertEquals(brute, tree);
        DbscanModel auto = Dbscan.builder().eps(eps).minPts(minPts).singleThreaded().build().fit(x);
        assertEquals(brute, auto);
        assertArrayEquals(brute.trainingLabels(), auto.predict(x));
    }

    @Property(tries = 30)
    void rowOrderOnlyPermutesTheCoreRowsAndNoise(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Dataset x = data(seed, 300, 2, false);
        int n = x.rows();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed + 1);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        Dbscan est = Dbscan.builder().eps(0.5).minPts(5).singleThreaded().build();
        DbscanModel a = est.fit(x);
        DbscanModel b = est.fit(x.selectRows(perm));
        int[] la = a.trainingLabels();
        int[] lb = b.trainingLabels();
        boolean[] coreA = new boolean[n];
        for (int c : a.coreSampleIndices()) {
            coreA[c] = true;
        }
        boolean[] coreB = new boolean[n];
        for (int c : b.coreSampleIndices()) {
            coreB[c] = true;
        }
        int[] map = new int[a.k()];
        java.util.Arrays.fill(map, -2);
        for (int i = 0; i < n; i++) {
            int orig = perm[i];
            assertEquals(coreA[orig], coreB[i]);
            assertEquals(la[orig] == -1, lb[i] == -1);
            if (coreA[orig]) {
                if (map[la[orig]] == -2) {
                    map[la[orig]] = lb[i];
                }
                assertEquals(map[la[orig]], lb[i]);
            }
        }
    }
}
