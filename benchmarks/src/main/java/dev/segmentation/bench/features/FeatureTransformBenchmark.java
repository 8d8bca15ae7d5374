/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.features;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.Sanity;
import dev.segmentation.core.Dataset;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.transform.CategoryEncoding;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.features.transform.Imputation;
import dev.segmentation.features.transform.UnseenCategory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One raw customer record through a fitted feature pipeline, as a scorer does per request, in nanoseconds per
 * call. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per call, which must be
 * 0 (about 0.00x B/op of JMH's own bookkeeping) for every {@code ours*} method.
 *
 * <h2>Contenders</h2>
 * <ul>
 *   <li>{@code oursRfm}: {@code log1p} and standardize on recency, frequency and monetary (the example's
 *       pipeline; every step in place);</li>
 *   <li>{@code oursFull}: a CRM-style pipeline with steps that change the width: median imputation with a
 *       missing indicator, winsorizing at the 1st and 99th percentiles, {@code log1p}, one-hot encoding of a
 *       12-category column with an "other" bucket (unseen and rare categories), standardize and PCA to 4
 *       components; 7 raw columns, 1 in 10 values missing;</li>
 *   <li>{@code baselineRow} (the rotation through the pool only) and {@code baselineVoid}.</li>
 * </ul>
 * Each call takes the next record of a pool of 1,024 seeded records. {@code @Setup} checks that the
 * single-record path gives, bit for bit, the batch transform of the same records.
 */
public class FeatureTransformBenchmark extends AbstractBenchmark {
    /** Records in the rotation; a power of two. */
    public static final int POOL = 1024;
    private static final int MASK = POOL - 1;
    private static final long SEED = 20_240_601L;

    private FittedPipeline rfm;
    private FittedPipeline full;
    private double[][] rfmPool;
    private double[][] fullPool;
    private double[] rfmOut;
    private double[] fullOut;
    private int next;

    /** Fits both pipelines on 20,000 seeded customers and checks the single-record path. */
    @Setup(Level.Trial)
    public void setUp() {
        int n = 20_000;
        CustomerTable train = customers(n, new SplittableRandom(SEED), false);
        rfm = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary").standardize().build()
                .fit(train.select("recency_days", "frequency", "monetary").toDataset());
        full = FeaturePipeline.builder()
                .impute(Imputation.median().withMissingIndicator(), "tenure_days", "income")
                .winsorizeQuantiles(1, 99, "monetary", "income")
                .log1p("recency_days", "frequency", "monetary", "income")
                .impute(Imputation.mostFrequent(), "region")
                .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.OTHER).minCount(50), "region")
                .standardize()
                .pca(4)
                .build()
                .fit(train);
        CustomerTable scoring = customers(POOL, new SplittableRandom(SEED + 1), true);
        Dataset rfmBatch = rfm.transform(scoring.select("recency_days", "frequency", "monetary").toDataset());
        Dataset fullBatch = full.transform(scoring).features();
        rfmPool = new double[POOL][];
        fullPool = new double[POOL][];
        rfmOut = new double[rfm.outputNames().size()];
        fullOut = new double[full.outputNames().size()];
        for (int i = 0; i < POOL; i++) {
            rfmPool[i] = new double[] {scoring.numeric("recency_days", i), scoring.numeric("frequency", i),
                scoring.numeric("monetary", i)};
            double[] raw = new double[full.inputNames().size()];
            for (int j = 0; j < raw.length; j++) {
                String c = full.inputNames().get(j);
                raw[j] = full.isCategorical(c) ? code(full, c, scoring.category(c, i)) : scoring.numeric(c, i);
            }
            fullPool[i] = raw;
            rfm.transformRow(rfmPool[i], 0, rfmOut, 0);
            full.transformRow(fullPool[i], 0, fullOut, 0);
            for (int j = 0; j < rfmOut.length; j++) {
                Sanity.check(Double.compare(rfmOut[j], rfmBatch.get(i, j)) == 0, "rfm record %d column %d", i, j);
            }
            for (int j = 0; j < fullOut.length; j++) {
                Sanity.check(Double.compare(fullOut[j], fullBatch.get(i, j)) == 0, "full record %d column %d", i, j);
            }
        }
        Sanity.report("feature transform: single-record output equals the batch transform for all %d records; "
                + "full pipeline %s -> %s", POOL, full.inputNames(), full.outputNames());
        Sanity.checkSingleThreaded("feature transform");
    }

    private static double code(FittedPipeline p, String column, String category) {
        return category == null ? Double.NaN : p.categoryCode(column, category);
    }

    /**
     * Seeded customers: skewed spend, counts, a region with missing values, missing income and tenure; with
     * {@code unseen}, 1 in 100 has a region never seen in training.
     */
    static CustomerTable customers(int n, SplittableRandom rnd, boolean unseen) {
        List<String> ids = new ArrayList<>(n);
        double[] recency = new double[n];
        double[] frequency = new double[n];
        double[] monetary = new double[n];
        double[] tenure = new double[n];
        double[] income = new double[n];
        String[] region = new String[n];
        String[] regions = {"Lisboa", "Porto", "Braga", "Coimbra", "Faro", "Aveiro", "Leiria", "Evora", "Viseu",
            "Beja", "Guarda", "Braganca"};
        for (int i = 0; i < n; i++) {
            ids.add("c" + i);
            recency[i] = 1 + rnd.nextInt(400);
            frequency[i] = 1 + Math.floor(-Math.log(1 - rnd.nextDouble()) * 4);
            monetary[i] = Math.exp(4 + 1.3 * rnd.nextGaussian());
            tenure[i] = rnd.nextDouble() < 0.1 ? Double.NaN : rnd.nextInt(3000);
            income[i] = rnd.nextDouble() < 0.1 ? Double.NaN : Math.exp(10 + 0.5 * rnd.nextGaussian());
            double u = rnd.nextDouble();
            int r = (int) Math.floor(regions.length * u * u);
            region[i] = rnd.nextDouble() < 0.05 ? null : unseen && rnd.nextDouble() < 0.01 ? "Atlantis" : regions[r];
        }
        return CustomerTable.builder(ids).numeric("recency_days", recency).numeric("frequency", frequency)
                .numeric("monetary", monetary).numeric("tenure_days", tenure).numeric("income", income)
                .categorical("region", region).build();
    }

    /** An empty benchmark: the harness's own cost per call. */
    @Benchmark
    public void baselineVoid() {
        // intentionally empty
    }

    /** Only the rotation through the pool. */
    @Benchmark
    public void baselineRow(Blackhole bh) {
        bh.consume(fullPool[next++ & MASK]);
    }

    /** log1p and standardize, in place. */
    @Benchmark
    public void oursRfm(Blackhole bh) {
        rfm.transformRow(rfmPool[next++ & MASK], 0, rfmOut, 0);
        bh.consume(rfmOut);
    }

    /** Imputation, winsorizing, log1p, one-hot, standardize and PCA. */
    @Benchmark
    public void oursFull(Blackhole bh) {
        full.transformRow(fullPool[next++ & MASK], 0, fullOut, 0);
        bh.consume(fullOut);
    }
}
