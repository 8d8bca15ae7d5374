/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.examples;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.data.DataFiles;
import dev.segmentation.features.FilterReport;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.spark.SparkAssignments;
import dev.segmentation.spark.SparkFeatures;
import dev.segmentation.spark.SparkKMeans;
import dev.segmentation.spark.SparkRfm;
import dev.segmentation.spark.SparkScorer;
import dev.segmentation.spark.SparkTransactionFilter;
import dev.segmentation.spark.TransactionSchema;
import dev.segmentation.validation.RfmSegmentNamer;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The main job's RFM and K-means segmentation of UCI Online Retail on Spark: the same cleaning rules, RFM as of
 * 2011-12-10, log1p then standardize, K-means with k = 5 and seed 42 (the k the main job chooses), named segments,
 * a model file and the assignments as Parquet.
 *
 * <p>Arguments: {@code [--data FILE] [--out DIR] [--k K]}. Without {@code spark.master} set (spark-submit sets it)
 * it runs in {@code local[2]}. It lives in the test sources so that it is not in the library jar (it prints to
 * stdout) and finds Spark on the test class path, where the provided dependency is; run it with
 * {@code mvn -B -q -pl segmentation-spark -am verify -DskipTests -Pexample}.
 */
public final class SparkSegmentCustomers {
    private SparkSegmentCustomers() {
    }

    public static void main(String[] args) throws Exception {
        String data = null;
        Path out = Path.of("target", "spark-segments");
        int k = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--k" -> k = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; use --data FILE, --out DIR, --k K");
            }
        }
        if (data == null) {
            data = DataFiles.require("online_retail.csv.gz").toString();
        }
        SparkSession.Builder b = SparkSession.builder().appName("segmentation: Online Retail RFM + K-means")
                .config("spark.sql.shuffle.partitions", "8").config("spark.sql.session.timeZone", "UTC");
        if (System.getProperty("spark.master") == null) {
            b = b.master("local[2]").config("spark.ui.enabled", "false");
        }
        SparkSession spark = b.getOrCreate();
        try {
            run(spark, data, out, k);
        } finally {
            spark.stop();
        }
    }

    static void run(SparkSession spark, String data, Path out, int k) throws Exception {
        long start = System.nanoTime();
        LocalDate asOf = LocalDate.parse("2011-12-10");
        TransactionSchema schema = TransactionSchema.builder().customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo").timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .quantityTimesUnitPrice("Quantity", "UnitPrice").build();
        org.apache.spark.sql.Dataset<Row> raw = spark.read().option("header", "true").csv(data);

        section("1. Clean " + data);
        long t = System.nanoTime();
        SparkTransactionFilter.Result clean = SparkTransactionFilter.builder().dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice (InvoiceNo starts with C)")
                .dropNonPositiveQuantity().dropNonPositiveUnitPrice()
                .dropUnlessMatches("StockCode", "^\\d{5}.*", "non-product stock code (POST, M, BANK CHARGES, ...)")
                .build().apply(raw, schema);
        for (FilterReport.RuleCount rc : clean.report().rules()) {
            printf("  dropped %,9d  %s%n", rc.dropped(), rc.rule());
        }
        printf("  kept    %,9d  of %,d rows (%s)%n", clean.report().rowsKept(), clean.report().rowsIn(), ms(t));

        section("2. RFM as of " + asOf);
        t = System.nanoTime();
        SparkRfm.Result rfm = SparkRfm.asOf(asOf).compute(clean.transactions(), schema);
        org.apache.spark.sql.Dataset<Row> table = rfm.table().cache();
        printf("%,d customers from %,d rows; excluded: %,d at/after the as-of date (%s)%n", table.count(),
                rfm.rowsUsed(), rfm.excludedAtOrAfterAsOf(), ms(t));

        section("3. Features (log1p, standardize; fitted on the driver) and K-means, k = " + k + ", seed 42");
        t = System.nanoTime();
        SparkRfm.Collected collected = rfm.collect(); // 4,334 rows; on larger data fit the pipeline on a sample
        Dataset rawFeatures = collected.features();
        FittedPipeline pipeline = FeaturePipeline.builder().log1p(SparkRfm.RECENCY, SparkRfm.FREQUENCY,
                SparkRfm.MONETARY).standardize().build().fit(rawFeatures);
        org.apache.spark.sql.Dataset<Row> x = SparkFeatures.transform(table, pipeline, List.of(SparkRfm.CUSTOMER_ID))
                .cache();
        KMeansModel model = SparkKMeans.builder().k(k).seed(42).nInit(10).build().fit(x, pipeline.outputNames(),
                FitControl.none().withListener(p -> printf("  iteration %2d  inertia %.4f%n", p.iteration(),
                        p.objective())));
        printf("%d iterations, converged %s, inertia %.4f (%s)%n", model.iterations(), model.converged(),
                model.inertia(), ms(t));

        section("4. Segments");
        SegmentScorer scorer = SegmentScorer.of(pipeline, model);
        int[] labels = scorer.assign(rawFeatures);
        List<String> names = RfmSegmentNamer.of(SparkRfm.RECENCY, SparkRfm.FREQUENCY, SparkRfm.MONETARY)
                .name(rawFeatures, labels, k);
        scorer = scorer.withSegmentNames(names);
        Files.createDirectories(out);
        Path modelFile = out.resolve("online_retail_spark_model.json");
        ModelIO.write(scorer, modelFile);
        org.apache.spark.sql.Dataset<Row> scored = SparkScorer.of(spark, modelFile).score(table);
        for (Row r : scored.groupBy(SparkScorer.SEGMENT, SparkScorer.SEGMENT_NAME).count()
                .orderBy(SparkScorer.SEGMENT).collectAsList()) {
            printf("  %d  %-22s %,6d customers%n", r.getInt(0), r.getString(1), r.getLong(2));
        }
        String assignments = out.resolve("assignments.parquet").toString();
        SparkAssignments.write(scored, SparkRfm.CUSTOMER_ID, assignments, SparkAssignments.Format.PARQUET, true);
        printf("%s (%,d bytes)%n%s%n", modelFile, Files.size(modelFile), assignments);
        printf("%nDone in %s.%n", ms(start));
    }

    private static void section(String title) {
        printf("%n== %s%n", title);
    }

    private static void printf(String format, Object... args) {
        System.out.printf(Locale.ROOT, format, args);
    }

    private static String ms(long startNanos) {
        return String.format(Locale.ROOT, "%,d ms", (System.nanoTime() - startNanos) / 1_000_000);
    }
}
