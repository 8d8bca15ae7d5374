/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench;

import dev.segmentation.bench.core.dbscan.DbscanData;
import dev.segmentation.bench.core.gmm.GaussianMixtureFitBenchmark;
import dev.segmentation.bench.core.gmm.GmmStartValues;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.dbscan.DbscanModel;
import dev.segmentation.core.gmm.CovarianceType;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.gmm.GaussianMixtureModel;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.Dendrogram;
import dev.segmentation.core.hierarchical.Linkage;
import dev.segmentation.validation.Silhouette;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import static dev.segmentation.bench.BenchFiles.doubles;
import static dev.segmentation.bench.BenchFiles.ints;

/**
 * Writes the data of the four leads' benchmarks once, with our results, so that the scikit-learn and SciPy
 * script of {@code run-table.sh leads} measures exactly the rows (and, for the mixture, the starting
 * parameters) the JMH benchmarks build in their {@code @Setup}, and checks its results against ours.
 *
 * <pre>java -cp benchmarks.jar dev.segmentation.bench.LeadFiles &lt;directory&gt;</pre>
 *
 * <p>Files (row-major little-endian doubles {@code .f64}, little-endian ints {@code .i32}):
 * <ul>
 *   <li>Gaussian mixture ({@link GaussianMixtureFitBenchmark}, n = 100,000, d = 8, k = 8): the rows of
 *       {@link BenchData#blobs(int, int, long)}, the starting means (the rows at
 *       {@link BenchData#initialRowIndices}) and the starting precisions (k inverse starting covariances, k x d x
 *       d); the manifest has the uniform starting weights and our fit after
 *       {@link GaussianMixtureFitBenchmark#ITERATIONS} iterations (lower bound, weights, means);</li>
 *   <li>DBSCAN ({@code DbscanBenchmark}, n = 100,000, d = 2): the rows of {@link DbscanData#blobs}, our labels
 *       (-1 for noise) and our core row indices; the manifest has eps, minPts, clusters and noise rows, and
 *       whether the k-d tree gave the same labels as the grid (it must);</li>
 *   <li>Ward ({@code WardBenchmark}, n = 5,000, 10,000, 20,000, d = 16): the rows and our linkage matrix
 *       (n - 1 rows of [a, b, height, size], the centroid chain); the manifest has how the matrix variant
 *       compares with it (rows with other ids, largest relative height difference);</li>
 *   <li>silhouette ({@code SilhouetteBenchmark}, n = 20,000, d = 8): the rows, the labels (nearest generating
 *       centre) and our exact score.</li>
 * </ul>
 * {@code manifest.json} gives every file with its SHA-256. Files that exist with the right checksum are not
 * rewritten.
 */
public final class LeadFiles {
    private static final int GMM_N = 100_000;
    private static final int GMM_D = 8;
    private static final int GMM_K = 8;
    private static final int DBSCAN_N = 100_000;
    private static final int[] WARD_N = {5_000, 10_000, 20_000};
    private static final int WARD_D = BenchData.D;
    private static final int SILHOUETTE_N = 20_000;
    private static final int SILHOUETTE_D = 8;

    private final Path dir;

    private LeadFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes the files into the directory given as the only argument.
     *
     * @param args the target directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LeadFiles <directory>");
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        LeadFiles w = new LeadFiles(dir);
        String json = "{\n  \"seed\": " + BenchData.SEED + ",\n  \"gmm\": " + w.gmm() + ",\n  \"dbscan\": " + w.dbscan()
                + ",\n  \"ward\": " + w.ward() + ",\n  \"silhouette\": " + w.silhouette() + "\n}\n";
        Files.writeString(dir.resolve("manifest.json"), json, StandardCharsets.UTF_8);
    }

    private String gmm() throws IOException {
        int n = GMM_N;
        int d = GMM_D;
        int k = GMM_K;
        int iterations = GaussianMixtureFitBenchmark.ITERATIONS;
        double[] x = BenchData.blobs(n, d, BenchData.SEED);
        double[][] start = BenchData.rowsAt(x, d, BenchData.initialRowIndices(n, k, BenchData.SEED));
        double[] precisions = GmmStartValues.precisions(GmmStartValues.covariance(x, n, d, k), k);
        double[] weights = new double[k];
        Arrays.fill(weights, 1.0 / k);
        GaussianMixtureModel m = GaussianMixture.builder().k(k).covarianceType(CovarianceType.FULL)
                .initialWeights(weights).initialMeans(start).initialPrecisions(precisions).regCovar(0).tol(0)
                .maxIter(iterations).singleThreaded().build().fit(BenchData.dataset(x, n, d));
        Sanity.check(m.iterations() == iterations && !m.converged(), "the mixture ran %d iterations", m.iterations());
        return String.format(Locale.ROOT, "{\"n\": %d, \"d\": %d, \"k\": %d, \"iterations\": %d, \"reg_covar\": 0, "
                + "\"data\": %s,\n    \"means_init\": %s,\n    \"precisions_init\": %s,\n    \"weights_init\": %s,\n"
                + "    \"ours\": {\"iterations\": %d, \"converged\": %b, \"lower_bound\": %.17g, \"weights\": %s, "
                + "\"means\": %s}}", n, d, k, iterations, file("gmm-rows.f64", doubles(x), n, d),
                file("gmm-means-init.f64", doubles(BenchData.flatten(start)), k, d),
                file("gmm-precisions-init.f64", doubles(precisions), k * d, d), list(weights), m.iterations(),
                m.converged(), m.lowerBound(), list(m.weights()), list(m.means().toRowMajorArray()));
    }

    private String dbscan() throws IOException {
        int n = DBSCAN_N;
        double[] x = DbscanData.blobs(n, BenchData.SEED);
        Dataset data = BenchData.dataset(x, n, 2);
        DbscanModel grid = Dbscan.builder().eps(DbscanData.EPS).minPts(DbscanData.MIN_PTS).singleThreaded().build()
                .fit(data);
        DbscanModel tree = Dbscan.builder().eps(DbscanData.EPS).minPts(DbscanData.MIN_PTS)
                .neighborIndex(Dbscan.NeighborIndexType.KD_TREE).singleThreaded().build().fit(data);
        int[] core = grid.coreSampleIndices();
        return String.format(Locale.ROOT, "{\"n\": %d, \"d\": 2, \"eps\": %.17g, \"min_samples\": %d, \"border\": \"%s\", "
                + "\"data\": %s,\n    \"labels\": %s,\n    \"core\": %s,\n    \"ours\": {\"clusters\": %d, \"noise\": %d, "
                + "\"core\": %d, \"kd_tree_equal\": %b}}", n, DbscanData.EPS, DbscanData.MIN_PTS, grid.borderAssignment(),
                file("dbscan-rows.f64", doubles(x), n, 2), file("dbscan-labels.i32", ints(grid.trainingLabels()), n, 1),
                file("dbscan-core.i32", ints(core), core.length, 1), grid.k(), grid.noiseCount(), core.length,
                tree.equals(grid));
    }

    private String ward() throws IOException {
        StringBuilder out = new StringBuilder("[");
        for (int t = 0; t < WARD_N.length; t++) {
            int n = WARD_N[t];
            double[] x = BenchData.blobs(n, WARD_D, BenchData.SEED);
            Dataset data = BenchData.dataset(x, n, WARD_D);
            Dendrogram vector = AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(8).singleThreaded()
                    .memoryBudgetBytes(Long.MAX_VALUE).build().dendrogram(data, FitControl.none());
            Dendrogram matrix = AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(8).singleThreaded()
                    .distanceStorage(AgglomerativeClustering.DistanceStorage.MATRIX).memoryBudgetBytes(Long.MAX_VALUE)
                    .build().dendrogram(data, FitControl.none());
            int idDiff = 0;
            double worst = 0;
            for (int r = 0; r < n - 1; r++) {
                if (vector.left(r) != matrix.left(r) || vector.right(r) != matrix.right(r)) {
                    idDiff++;
                }
                worst = Math.max(worst, Sanity.relDiff(vector.height(r), matrix.height(r)));
            }
            out.append(t == 0 ? "\n    " : ",\n    ").append(String.format(Locale.ROOT, "{\"n\": %d, \"d\": %d, "
                    + "\"data\": %s,\n     \"linkage\": %s,\n     \"ours\": {\"top_height\": %.17g, "
                    + "\"matrix_rows_with_other_ids\": %d, \"matrix_max_rel_height_diff\": %.3e}}", n, WARD_D,
                    file("ward-rows-" + n + ".f64", doubles(x), n, WARD_D),
                    file("ward-linkage-" + n + ".f64", doubles(vector.toRowMajorArray()), n - 1, 4),
                    vector.height(n - 2), idDiff, worst));
        }
        return out.append("\n  ]").toString();
    }

    private String silhouette() throws IOException {
        int n = SILHOUETTE_N;
        int d = SILHOUETTE_D;
        double[] x = BenchData.blobs(n, d, BenchData.SEED);
        int[] labels = new int[n];
        Naive.assign(x, n, d, BenchData.blobCentres(d, BenchData.SEED), BenchData.K, labels);
        double score = Silhouette.exact().singleThreaded().evaluate(BenchData.dataset(x, n, d), labels).score();
        return String.format(Locale.ROOT, "{\"n\": %d, \"d\": %d, \"k\": %d, \"data\": %s,\n    \"labels\": %s,\n"
                + "    \"ours\": {\"score\": %.17g}}", n, d, BenchData.K, file("silhouette-rows.f64", doubles(x), n, d),
                file("silhouette-labels.i32", ints(labels), n, 1), score);
    }

    /** Writes the file unless it already holds the bytes; its manifest entry. */
    private String file(String name, byte[] bytes, int rows, int cols) throws IOException {
        String sha = BenchFiles.write(dir.resolve(name), bytes);
        return String.format(Locale.ROOT, "{\"file\": \"%s\", \"rows\": %d, \"cols\": %d, \"sha256\": \"%s\"}", name, rows,
                cols, sha);
    }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", v[i]));
        }
        return b.append(']').toString();
    }
}
