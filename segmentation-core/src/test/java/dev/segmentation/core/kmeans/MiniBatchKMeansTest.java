package dev.segmentation.core.kmeans;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MiniBatchKMeansTest {

    @Test
    void closeToFullKMeansOnBlobs() throws Exception {
        Dataset data = Blobs.make(20_000, 4, 5, 10, 3);
        MiniBatchKMeansModel mb = MiniBatchKMeans.builder().k(5).batchSize(512).seed(1).build().fit(data);
        KMeansModel full = KMeans.builder().k(5).nInit(3).seed(1).build().fit(data);
        assertTrue(mb.inertia() <= 1.02 * full.inertia(), mb.inertia() + " vs " + full.inertia());
        assertEquals(data.rows(), mb.trainingLabels().length);
        assertArrayEquals(mb.trainingLabels(), mb.predict(data));
        assertEquals(mb.toString(), MiniBatchKMeans.builder().k(5).batchSize(512).seed(1).build().fit(data).toString());
        assertTrue(mb.steps() > 0);
    }

    @Test
    void partialFitLearnsFromChunksReproducibly() throws Exception {
        Dataset data = Blobs.make(12_000, 3, 4, 15, 4);
        MiniBatchKMeans est = MiniBatchKMeans.builder().k(4).seed(9).build();
        MiniBatchKMeansModel a = null;
        MiniBatchKMeansModel b = null;
        for (int start = 0; start < data.rows(); start += 1000) {
            int[] idx = new int[1000];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = start + i;
            }
            Dataset chunk = data.selectRows(idx);
            a = est.partialFit(a, chunk);
            // b goes through the file format after every chunk, as a restartable stream would
            MiniBatchKMeansModel next = est.partialFit(b, chunk);
            b = ModelIO.fromJson(ModelIO.toJson(next, Lineage.builder().build())).model(MiniBatchKMeansModel.class);
        }
        assertArrayEquals(a.clusterCenters().toRowMajorArray(), b.clusterCenters().toRowMajorArray());
        assertEquals(12, a.steps());
        assertEquals(12_000.0, Arrays.stream(a.weightSums()).sum());
        double full = KMeans.builder().k(4).build().fit(data).inertia();
        int[] labels = a.predict(data);
        double inertia = 0;
        for (int i = 0; i < data.rows(); i++) {
            for (int j = 0; j < 3; j++) {
                double t = data.get(i, j) - a.clusterCenters().get(labels[i], j);
                inertia += t * t;
            }
        }
        assertTrue(inertia <= 1.05 * full, inertia + " vs " + full);
    }

    @Test
    void badInput() {
        MiniBatchKMeans est = MiniBatchKMeans.builder().k(3).build();
        assertThrows(IllegalArgumentException.class, () -> est.fit(Dataset.of(new double[][] {{1}, {2}})));
        assertThrows(IllegalArgumentException.class, () -> est.fit(Dataset.of(new double[][] {{1}, {1}, {1}, {1}})));
        assertThrows(IllegalArgumentException.class, () -> est.partialFit(Dataset.of(new double[][] {{1}, {1}, {2}})));
        MiniBatchKMeansModel m = est.partialFit(Dataset.of(new double[][] {{1}, {2}, {3}}));
        assertThrows(IllegalArgumentException.class,
                () -> est.partialFit(m, Dataset.of(new double[][] {{1}}, List.of("other"))));
        assertThrows(IllegalArgumentException.class,
                () -> MiniBatchKMeans.builder().k(2).build().partialFit(m, Dataset.of(new double[][] {{1}})));
        assertThrows(IllegalArgumentException.class, () -> MiniBatchKMeans.builder().batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> MiniBatchKMeans.builder().reassignmentRatio(2));
        assertThrows(IllegalStateException.class, () -> MiniBatchKMeans.builder().seed(1).seed(2));
        assertThrows(IllegalStateException.class, () -> MiniBatchKMeans.builder().build());
    }
}
