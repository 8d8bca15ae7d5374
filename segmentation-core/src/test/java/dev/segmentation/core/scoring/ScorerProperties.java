package dev.segmentation.core.scoring;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ScorerProperties {

    /** The textbook scan: squared distances summed in feature order, first minimum wins. */
    static int naive(double[] x, int off, double[][] c) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c.length; j++) {
            double s = 0;
            for (int f = 0; f < c[j].length; f++) {
                double t = x[off + f] - c[j][f];
                s += t * t;
            }
            if (s < bestD) {
                bestD = s;
                best = j;
            }
        }
        return best;
    }

    /**
     * The fast paths agree exactly with the naive scan, including exact ties: values are drawn from a small
     * integer grid (and sometimes scaled), so equidistant centres are common.
     */
    @Property(tries = 200)
    void fastScorerEqualsNaiveScan(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                   @ForAll @IntRange(min = 1, max = 20) int k,
                                   @ForAll @IntRange(min = 1, max = 19) int d,
                                   @ForAll @IntRange(min = 1, max = 700) int n,
                                   @ForAll boolean grid) {
        Random r = new Random(seed);
        double scale = grid ? 0.5 : 1;
        double[][] c = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int f = 0; f < d; f++) {
                c[j][f] = grid ? r.nextInt(3) * scale : r.nextGaussian();
            }
        }
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = grid ? r.nextInt(3) * scale : r.nextGaussian() * 2;
        }
        NearestCentroidScorer s = NearestCentroidScorer.of(Centroids.of(c, Dataset.defaultNames(d)));
        int[] batch = new int[n];
        double[] margins = new double[n];
        s.assign(x, n, batch);
        int[] withMargins = new int[n];
        s.assign(x, n, withMargins, margins);
        for (int i = 0; i < n; i++) {
            int expected = naive(x, i * d, c);
            assertEquals(expected, batch[i], "batch row " + i);
            assertEquals(expected, withMargins[i], "batch-with-margin row " + i);
            assertEquals(expected, s.assign(x, i * d), "single row " + i);
            double[] row = java.util.Arrays.copyOfRange(x, i * d, (i + 1) * d);
            assertEquals(s.margin(row), margins[i], "margin row " + i);
        }
        assertArrayEquals(batch, s.assign(Dataset.ofRowMajor(x, n, Dataset.defaultNames(d))));
    }
}
