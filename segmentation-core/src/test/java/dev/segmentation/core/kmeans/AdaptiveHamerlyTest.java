/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import dev.segmentation.core.FitControl;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hamerly engine switches between bounded and exact passes by what it observes; whichever it runs, the
 * centres, labels and inertia are Lloyd's bit for bit.
 */
class AdaptiveHamerlyTest {
    private static final int D = 4;
    private static final int K = 5;

    /** Gaussian blobs around {@code K} centres spread {@code spread} apart per axis. */
    private static double[] blobs(int n, double spread, long seed) {
        Random r = new Random(seed);
        double[] centres = new double[K * D];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = r.nextGaussian() * spread;
        }
        double[] x = new double[n * D];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(K);
            for (int j = 0; j < D; j++) {
                x[i * D + j] = centres[c * D + j] + r.nextGaussian();
            }
        }
        return x;
    }

    private static LloydEngine.Run fit(LloydEngine engine, double[] x, KMeans.Algorithm algorithm) {
        double[] start = new double[K * D];
        System.arraycopy(x, 0, start, 0, K * D); // the first rows: a poor start, many iterations
        return engine.run(start, algorithm, 60, 0, 0, 1);
    }

    private static int assertSameAsLloyd(double spread, long seed) {
        int n = 30_000;
        double[] x = blobs(n, spread, seed);
        LloydEngine engine = new LloydEngine(x, n, D, K, null, null, FitControl.none());
        LloydEngine.Run lloyd = fit(engine, x, KMeans.Algorithm.LLOYD);
        LloydEngine.Run hamerly = fit(engine, x, KMeans.Algorithm.HAMERLY);
        assertArrayEquals(lloyd.centres, hamerly.centres);
        assertArrayEquals(lloyd.labels, hamerly.labels);
        assertEquals(lloyd.inertia, hamerly.inertia);
        assertEquals(lloyd.iterations, hamerly.iterations);
        return engine.boundedPasses;
    }

    @Test
    void separatedClustersUseTheBoundsAndMatchLloyd() {
        int bounded = 0;
        for (long seed = 1; seed <= 3; seed++) {
            bounded += assertSameAsLloyd(2.5, seed);
        }
        assertTrue(bounded > 0, "no bounded pass ran");
    }

    @Test
    void overlappingClustersMatchLloyd() {
        for (long seed = 1; seed <= 3; seed++) {
            assertSameAsLloyd(0.6, seed);
        }
    }
}
