/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.gmm.CovarianceType;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.gmm.GaussianMixtureModel;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.Linkage;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.SavedModel;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.MiniBatchKMeans;
import dev.segmentation.core.postprocess.SmallClusterMerger;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One model file per inductive model type, written here and read back in a fresh JVM that knows nothing but the
 * file: its labels (and, for mixtures, probabilities) on every training row of the real data equal the model's
 * own {@code predict} / {@code predictProba}, bit for bit, and its confidences equal the scorer's in this JVM.
 * The raw records go in by column name and category text through the reloaded scorer's {@code RawRecord}.
 *
 * <p>Data: the 4,334 Online Retail customers (RFM as of 2011-12-10 after the main job's cleaning; log1p and
 * standardize) and the 440 Wholesale customers (channel and region one-hot encoded from their text, six
 * spending columns log1p and standardized).
 */
class ScorerFileRealDataTest {

    /** A model file to check: the scorer, the raw table it reads, and what the model itself says. */
    private record Case(String name, SegmentScorer scorer, List<String> columns, List<String[]> raw, int[] labels,
                        double[][] probabilities) {
    }

    @Test
    void everyModelTypeScoresTheSameAfterItsFileIsReadInAFreshJvm(@TempDir Path dir) throws Exception {
        List<Case> cases = new ArrayList<>();
        onlineRetailCases(cases);
        wholesaleCases(cases);
        for (Case c : cases) {
            ModelIO.write(c.scorer(), Lineage.builder().source(c.name()).build(), dir.resolve(c.name() + ".model.json"));
            writeTsv(dir.resolve(c.name() + ".raw.tsv"), c.columns(), c.raw());
        }
        runChildJvm(dir);
        for (Case c : cases) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                    Files.newInputStream(dir.resolve(c.name() + ".scored"))))) {
                int n = in.readInt();
                boolean hasProbabilities = in.readBoolean();
                assertEquals(c.labels().length, n, c.name());
                assertEquals(c.probabilities() != null, hasProbabilities, c.name());
                double[] raw = new double[c.columns().size()];
                int k = c.scorer().k();
                for (int i = 0; i < n; i++) {
                    assertEquals(c.labels()[i], in.readInt(), c.name() + ": row " + i);
                    double confidence = in.readDouble();
                    if (rawNumbers(c, i, raw)) {
                        assertEquals(c.scorer().confidence(raw), confidence, c.name() + ": confidence of row " + i);
                    }
                    if (hasProbabilities) {
                        double[] p = new double[k];
                        for (int j = 0; j < k; j++) {
                            p[j] = in.readDouble();
                        }
                        assertArrayEquals(c.probabilities()[i], p, c.name() + ": probabilities of row " + i);
                    }
                }
            }
            // One file, with the lineage of the scorer and of both parts.
            SavedModel saved = ModelIO.read(dir.resolve(c.name() + ".model.json"));
            assertEquals(c.labels().length, saved.lineage().rows().getAsLong(), c.name());
            assertEquals(c.scorer().inputNames(), saved.lineage().features(), c.name());
            assertEquals(List.of("feature-pipeline"), saved.parts().stream().filter(p -> p.path().equals("model.transform"))
                    .map(SavedModel.Part::modelType).toList(), c.name());
            assertEquals(c.labels().length, saved.parts().get(1).lineage().rows().getAsLong(), c.name());
        }
        assertEquals(15, cases.size(), "9 Online Retail and 6 Wholesale model files");
    }

    /** The raw values of row i as numbers, when the table has no categorical column. */
    private static boolean rawNumbers(Case c, int i, double[] out) {
        String[] v = c.raw().get(i);
        for (int j = 0; j < v.length; j++) {
            if (c.scorer().transform().isCategorical(c.columns().get(j))) {
                return false;
            }
            out[j] = Double.parseDouble(v[j]);
        }
        return true;
    }

    private static void onlineRetailCases(List<Case> out) throws IOException {
        RfmTable rfm = Rfm.asOf(LocalDate.parse("2011-12-10")).compute(RealDataTest.onlineRetailCleaning()
                .apply(RealDataTest.onlineRetailReader().read(TestData.require("online_retail.csv.gz")).transactions())
                .transactions());
        Dataset raw = rfm.toDataset();
        FittedPipeline pipeline = FeaturePipeline.builder().log1p(raw.columnNames().toArray(new String[0]))
                .standardize().build().fit(raw);
        Dataset x = pipeline.transform(raw);
        List<String[]> rows = new ArrayList<>(raw.rows());
        for (int i = 0; i < raw.rows(); i++) {
            String[] r = new String[raw.cols()];
            for (int j = 0; j < r.length; j++) {
                r[j] = Double.toString(raw.get(i, j));
            }
            rows.add(r);
        }
        Map<String, ClusterModel> models = new LinkedHashMap<>();
        models.put("kmeans", KMeans.builder().k(5).nInit(4).seed(42).build().fit(x));
        models.put("minibatch", MiniBatchKMeans.builder().k(5).batchSize(512).seed(42).build().fit(x));
        for (CovarianceType t : CovarianceType.values()) {
            models.put("gmm-" + t.name().toLowerCase(Locale.ROOT), GaussianMixture.builder().k(5).covarianceType(t)
                    .seed(42).build().fit(x));
        }
        models.put("dbscan", Dbscan.builder().eps(0.25).minPts(10).build().fit(x));
        models.put("ward", AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(5).build().fit(x));
        models.put("merged", SmallClusterMerger.minShare(0.05).apply(KMeans.builder().k(9).seed(42).build().fit(x))
                .model());
        for (Map.Entry<String, ClusterModel> e : models.entrySet()) {
            out.add(newCase("online-retail-" + e.getKey(), pipeline, e.getValue(), x, raw.columnNames(), rows));
        }
        int noise = 0;
        for (int label : models.get("dbscan").predict(x)) {
            noise += label < 0 ? 1 : 0;
        }
        assertTrue(noise > 0 && noise < x.rows(), "DBSCAN finds clusters and noise on this data: " + noise);
    }

    private static void wholesaleCases(List<Case> out) throws IOException {
        List<String> lines = Files.readAllLines(TestData.require("wholesale_customers.csv"));
        String[] header = lines.get(0).trim().split(",");
        int n = lines.size() - 1;
        String[] channel = new String[n];
        String[] region = new String[n];
        double[][] spend = new double[header.length - 2][n];
        List<String> ids = new ArrayList<>(n);
        String[] channels = {"", "Horeca", "Retail"};
        String[] regions = {"", "Lisbon", "Oporto", "Other"};
        for (int i = 0; i < n; i++) {
            String[] v = lines.get(i + 1).trim().split(",");
            ids.add("client-" + (i + 1));
            channel[i] = channels[Integer.parseInt(v[0])];
            region[i] = regions[Integer.parseInt(v[1])];
            for (int j = 2; j < header.length; j++) {
                spend[j - 2][i] = Double.parseDouble(v[j]);
            }
        }
        CustomerTable.Builder b = CustomerTable.builder(ids).categorical("Channel", channel).categorical("Region", region);
        String[] spendNames = new String[header.length - 2];
        for (int j = 2; j < header.length; j++) {
            spendNames[j - 2] = header[j];
            b.numeric(header[j], spend[j - 2]);
        }
        CustomerTable table = b.build();
        FittedPipeline pipeline = FeaturePipeline.builder().oneHot("Channel", "Region").log1p(spendNames)
                .standardize(spendNames).build().fit(table);
        Dataset x = pipeline.transform(table).features();
        List<String> columns = pipeline.inputNames();
        List<String[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String[] r = new String[columns.size()];
            for (int j = 0; j < r.length; j++) {
                String c = columns.get(j);
                r[j] = table.type(c) == CustomerTable.ColumnType.CATEGORICAL ? table.category(c, i)
                        : Double.toString(table.numeric(c, i));
            }
            rows.add(r);
        }
        out.add(newCase("wholesale-kmeans", pipeline, KMeans.builder().k(4).nInit(4).seed(7).build().fit(x), x, columns,
                rows));
        out.add(newCase("wholesale-gmm-diag", pipeline, GaussianMixture.builder().k(4).covarianceType(CovarianceType.DIAG)
                .seed(7).build().fit(x), x, columns, rows));
        out.add(newCase("wholesale-ward", pipeline, AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(4)
                .build().fit(x), x, columns, rows));
        out.add(newCase("wholesale-dbscan", pipeline, Dbscan.builder().eps(1.5).minPts(5).build().fit(x), x, columns,
                rows));
        out.add(newCase("wholesale-minibatch", pipeline, MiniBatchKMeans.builder().k(4).batchSize(64).seed(7).build()
                .fit(x), x, columns, rows));
        out.add(newCase("wholesale-gmm-full", pipeline, GaussianMixture.builder().k(3).seed(7).build().fit(x), x, columns,
                rows));
    }

    private static Case newCase(String name, FittedPipeline pipeline, ClusterModel model, Dataset x, List<String> columns,
                                List<String[]> rows) {
        double[][] proba = model instanceof GaussianMixtureModel ? ((GaussianMixtureModel) model).predictProba(x) : null;
        return new Case(name, SegmentScorer.of(pipeline, model), columns, rows, model.predict(x), proba);
    }

    private static void writeTsv(Path file, List<String> columns, List<String[]> rows) throws IOException {
        StringBuilder sb = new StringBuilder(String.join("\t", columns)).append('\n');
        for (String[] r : rows) {
            sb.append(String.join("\t", r)).append('\n');
        }
        Files.writeString(file, sb);
    }

    private static void runChildJvm(Path dir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", classpath, FreshJvmScoring.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        assertEquals(0, p.exitValue(), () -> "child JVM failed: " + readQuietly(dir.resolve("child.log")));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
