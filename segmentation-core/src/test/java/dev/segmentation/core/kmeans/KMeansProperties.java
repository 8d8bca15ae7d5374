package dev.segmentation.core.kmeans;

import dev.segmentation.core.Dataset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class KMeansProperties {

    /** Permuting the rows only permutes the labels (well-separated data, so no fp near-ties). */
    @Property(tries = 30)
    void rowOrderOnlyPermutesLabels(@ForAll @LongRange(min = 0, max = 1000) long seed,
                                    @ForAll @IntRange(min = 2, max = 5) int k) {
        Dataset data = Blobs.make(200, 3, k, 50, seed);
        int n = data.rows();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] a = KMeans.builder().k(k).nInit(3).seed(seed).build().fit(data).trainingLabels();
        int[] b = KMeans.builder().k(k).nInit(3).seed(seed).build().fit(data.selectRows(perm)).trainingLabels();
        int[] map = new int[k];
        java.util.Arrays.fill(map, -1);
        for (int i = 0; i < n; i++) {
            int la = a[perm[i]];
            int lb = b[i];
            if (map[lb] == -1) {
                map[lb] = la;
            }
            assertEquals(map[lb], la, "row " + i);
        }
    }

    /** Lloyd and Hamerly agree on arbitrary small data sets. */
    @Property(tries = 50)
    void acceleratedEqualsExact(@ForAll @LongRange(min = 0, max = 100000) long seed,
                                @ForAll @IntRange(min = 1, max = 9) int k,
                                @ForAll @IntRange(min = 1, max = 6) int d) {
        Dataset data = Blobs.uniform(300, d, seed);
        KMeansModel lloyd = KMeans.builder().k(k).seed(seed).algorithm(KMeans.Algorithm.LLOYD).build().fit(data);
        KMeansModel hamerly = KMeans.builder().k(k).seed(seed).algorithm(KMeans.Algorithm.HAMERLY).build().fit(data);
        assertArrayEquals(lloyd.trainingLabels(), hamerly.trainingLabels());
        assertArrayEquals(lloyd.clusterCenters().toRowMajorArray(), hamerly.clusterCenters().toRowMajorArray());
    }

    /**
     * Where the bounds stop pruning (overlapping blobs, several chunks of rows, so the bounded passes probe a
     * chunk and switch the rest of it to the exact pass), Hamerly still equals Lloyd bit for bit, and the result
     * is the same on one thread and on two.
     */
    @Property(tries = 6)
    void acceleratedEqualsExactWhenBoundsFail(@ForAll @LongRange(min = 0, max = 100000) long seed,
                                              @ForAll boolean overlapping) {
        Dataset data = Blobs.make(12_000, 8, 6, overlapping ? 0.3 : 4, seed);
        java.util.concurrent.ForkJoinPool two = new java.util.concurrent.ForkJoinPool(2);
        try {
            KMeansModel lloyd = KMeans.builder().k(6).seed(seed).maxIter(25).algorithm(KMeans.Algorithm.LLOYD)
                    .singleThreaded().build().fit(data);
            KMeansModel hamerly = KMeans.builder().k(6).seed(seed).maxIter(25).algorithm(KMeans.Algorithm.HAMERLY)
                    .singleThreaded().build().fit(data);
            KMeansModel hamerly2 = KMeans.builder().k(6).seed(seed).maxIter(25).algorithm(KMeans.Algorithm.HAMERLY)
                    .pool(two).build().fit(data);
            assertArrayEquals(lloyd.trainingLabels(), hamerly.trainingLabels());
            assertArrayEquals(lloyd.clusterCenters().toRowMajorArray(), hamerly.clusterCenters().toRowMajorArray());
            assertEquals(lloyd.iterations(), hamerly.iterations());
            assertArrayEquals(hamerly.trainingLabels(), hamerly2.trainingLabels());
            assertArrayEquals(hamerly.clusterCenters().toRowMajorArray(),
                    hamerly2.clusterCenters().toRowMajorArray());
            assertEquals(Double.doubleToLongBits(hamerly.inertia()), Double.doubleToLongBits(hamerly2.inertia()));
        } finally {
            two.shutdown();
        }
    }
}
