/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.dbscan;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.Section;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DbscanTest {

    static Dataset blobs(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            boolean noise = r.nextDouble() < 0.05;
            int c = r.nextInt(3);
            for (int j = 0; j < d; j++) {
                x[i][j] = noise ? r.nextDouble(-10, 10) : 6 * c + 0.5 * r.nextGaussian();
            }
        }
        return Dataset.of(x);
    }

    // ------------------------------------------------------------------------------------------ bad input

    @Test
    void epsMustBePositiveAndFinite() {
        for (double eps : new double[] {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY, -0.0}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dbscan.builder().eps(eps));
            assertTrue(e.getMessage().contains("eps") && e.getMessage().contains(Double.toString(eps)), e.getMessage());
        }
    }

    @Test
    void minPtsMustBeAtLeastOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dbscan.builder().minPts(0));
        assertTrue(e.getMessage().contains("minPts") && e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dbscan.builder().minPts(-3));
        assertThrows(IllegalStateException.class, () -> Dbscan.builder().eps(1).build());
        assertThrows(IllegalStateException.class, () -> Dbscan.builder().minPts(2).build());
        assertThrows(IllegalStateException.class, () -> Dbscan.builder().eps(1).eps(2));
    }

    @Test
    void emptyDataAndNonFiniteValuesAreRejected() {
        Dbscan est = Dbscan.builder().eps(1).minPts(2).build();
        assertThrows(IllegalArgumentException.class, () -> est.fit(Dataset.ofRowMajor(new double[0], 0, List.of("a"))));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{0, Double.NaN}}));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{Double.NEGATIVE_INFINITY, 0}}));
        DbscanModel m = est.fit(blobs(100, 2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.predict(new double[] {0, Double.NaN}));
        assertTrue(e.getMessage().contains("Non-finite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> m.predict(Dataset.of(new double[][] {{0, 0}}, List.of("p", "q"))));
        assertThrows(IllegalArgumentException.class, () -> Dbscan.builder().eps(0.1).minPts(2)
                .neighborIndex(Dbscan.NeighborIndexType.GRID).build().fit(blobs(50, 4, 1)));
    }

    @Test
    void allNoiseIsAValidOutcome() {
        Dataset x = blobs(300, 2, 2);
        DbscanModel m = Dbscan.builder().eps(1e-6).minPts(2).singleThreaded().build().fit(x);
        assertEquals(0, m.k());
        assertEquals(300, m.noiseCount());
        assertEquals(0, m.coreSampleIndices().length);
        int[] noise = new int[300];
        Arrays.fill(noise, ClusterModel.NOISE);
        assertArrayEquals(noise, m.trainingLabels());
        assertArrayEquals(noise, m.predict(x));
        assertEquals(0, m.clusterSizes().length);
    }

    @Test
    void identicalRows() {
        double[][] rows = new double[15][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {1, 2, 3};
        }
        Dataset x = Dataset.of(rows);
        DbscanModel one = Dbscan.builder().eps(1e-9).minPts(15).build().fit(x);
        assertEquals(1, one.k());
        assertEquals(15, one.coreSampleIndices().length);
        DbscanModel none = Dbscan.builder().eps(1e-9).minPts(16).build().fit(x);
        assertEquals(0, none.k());
        assertEquals(15, none.noiseCount());
    }

    @Test
    void duplicateRowsAreNeighboursAtDistanceZero() {
        double[][] rows = {{0, 0}, {0, 0}, {0, 0}, {5, 5}, {5, 5}, {9, 9}};
        DbscanModel m = Dbscan.builder().eps(0.01).minPts(2).build().fit(Dataset.of(rows));
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, -1}, m.trainingLabels());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, m.coreSampleIndices());
        DbscanModel three = Dbscan.builder().eps(0.01).minPts(3).build().fit(Dataset.of(rows));
        assertArrayEquals(new int[] {0, 0, 0, -1, -1, -1}, three.trainingLabels());
    }

    @Test
    void neighboursAtExactlyEpsAreIncluded() {
        double[][] rows = {{0, 0}, {3, 4}, {6, 8}};
        // Distances exactly 5.
        assertEquals(1, Dbscan.builder().eps(5).minPts(2).build().fit(Dataset.of(rows)).k());
        assertEquals(0, Dbscan.builder().eps(Math.nextDown(5.0)).minPts(2).build().fit(Dataset.of(rows)).k());
    }

    // -------------------------------------------------------------------------------------------- predict

    @Test
    void predictAgreesWithTheTrainingLabelsOfCoreRows() {
        Dataset x = blobs(3000, 2, 3);
        for (Dbscan.BorderAssignment rule : Dbscan.BorderAssignment.values()) {
            DbscanModel m = Dbscan.builder().eps(0.3).minPts(8).borderAssignment(rule).build().fit(x);
            int[] core = m.coreSampleIndices();
            int[] labels = m.trainingLabels();
            Dataset coreRows = x.selectRows(core);
            int[] predicted = m.predict(coreRows);
            for (int c = 0; c < core.length; c++) {
                assertEquals(labels[core[c]], predicted[c], "core row " + core[c]);
                assertEquals(labels[core[c]], m.predict(x.row(core[c])));
            }
            if (rule == Dbscan.BorderAssignment.NEAREST_CORE) {
                assertArrayEquals(labels, m.predict(x), "every training row under the nearest-core rule");
            }
        }
    }

    @Test
    void predictNewRows() {
        double[][] rows = {{0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}};
        DbscanModel m = Dbscan.builder().eps(1.5).minPts(3).build().fit(Dataset.of(rows));
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, m.trainingLabels());
        assertEquals(0, m.predict(new double[] {0.5, 0.5}));
        assertEquals(1, m.predict(new double[] {10.9, 10.9}));
        assertEquals(ClusterModel.NOISE, m.predict(new double[] {5, 5}));
        assertEquals(ClusterModel.NOISE, m.predict(new double[] {1e300, -1e300}));
        assertEquals(1, m.predict(new double[] {11, 11.5}));
    }

    // --------------------------------------------------------------------------------- determinism, format

    @Test
    void resultDoesNotDependOnThePoolOrTheIndex() {
        Dataset x = blobs(5000, 2, 4);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            DbscanModel single = Dbscan.builder().eps(0.2).minPts(6).singleThreaded().build().fit(x);
            assertEquals(single, Dbscan.builder().eps(0.2).minPts(6).pool(pool).build().fit(x));
            for (Dbscan.NeighborIndexType t : Dbscan.NeighborIndexType.values()) {
                assertEquals(single, Dbscan.builder().eps(0.2).minPts(6).neighborIndex(t).pool(pool).build().fit(x), t
                        .toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void modelFilesRoundTripAndAreValidated(@TempDir Path dir) throws IOException {
        Dataset x = blobs(500, 3, 5);
        DbscanModel m = Dbscan.builder().eps(0.6).minPts(5).build().fit(x);
        Path p = dir.resolve("dbscan.json");
        ModelIO.write(m, p);
        DbscanModel back = (DbscanModel) ModelIO.read(p).model();
        assertEquals(m, back);
        assertArrayEquals(m.predict(x), back.predict(x));

        DbscanModelCodec codec = new DbscanModelCodec();
        Section s = codec.encode(m);
        int[] labels = m.trainingLabels();
        int firstCore = m.coreSampleIndices()[0];
        labels[firstCore] = -1;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> codec.decode(
                rebuild(s, "labels", labels), 1));
        assertTrue(e.getMessage().contains("labels[" + firstCore + "]"), e.getMessage());
        ModelFormatException e2 = assertThrows(ModelFormatException.class, () -> codec.decode(
                rebuild(s, "coreSampleIndices", new int[] {5, 3}), 1));
        assertTrue(e2.getMessage().contains("coreSampleIndices"), e2.getMessage());
    }

    private static Section rebuild(Section s, String replaced, int[] value) throws ModelFormatException {
        Section.Builder b = Section.builder();
        b.put("columns", s.getStrings("columns", -1));
        b.put("eps", s.getDouble("eps"));
        b.put("minPts", s.getLong("minPts"));
        b.put("borderAssignment", s.getString("borderAssignment"));
        b.put("k", s.getLong("k"));
        b.put("labels", replaced.equals("labels") ? value : s.getInts("labels", -1));
        int[] core = replaced.equals("coreSampleIndices") ? value : s.getInts("coreSampleIndices", -1);
        b.put("coreSampleIndices", core);
        int d = s.getStrings("columns", -1).size();
        int rows = s.matrixRows("coreSamples");
        double[] pts = s.getMatrix("coreSamples", rows, d);
        b.putMatrix("coreSamples", Arrays.copyOf(pts, core.length * d), core.length, d);
        return b.build();
    }
}
