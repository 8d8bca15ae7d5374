/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.features;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.Sanity;
import dev.segmentation.data.DataFiles;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.clv.BgNbd;
import dev.segmentation.features.clv.BgNbdModel;
import dev.segmentation.features.clv.BtydCustomers;
import dev.segmentation.features.clv.ParetoNbd;
import dev.segmentation.features.clv.ParetoNbdModel;
import dev.segmentation.features.io.TransactionCsvReader;
import dev.segmentation.features.rfm.BtydSummary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

import java.io.IOException;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

/**
 * The CLV models on the full CDNOW cohort, in milliseconds per operation on one thread.
 *
 * <ul>
 *   <li>{@code fitBgNbd}, {@code fitParetoNbd}: maximum-likelihood fits on the 23,570 customers of
 *       {@code CDNOW_master.txt}, calibration weeks 1-39 (to 1997-09-30), summary unrounded; the target for
 *       BG/NBD is well under 1 s;</li>
 *   <li>{@code conditionalBgNbd1M}, {@code conditionalParetoNbd1M}: \( E[Y(39) \mid x, t_x, T] \) for one
 *       million customers (the cohort's calibration rows repeated), into a preallocated array; the target is
 *       under 1 s.</li>
 * </ul>
 * {@code @Setup} checks the cohort size and that the fitted BG/NBD parameters are finite and the 1M
 * expectations equal the per-customer calls.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClvBenchmark extends AbstractBenchmark {
    static final int MILLION = 1_000_000;

    private BtydCustomers cohort;
    private BtydCustomers million;
    private BgNbdModel bg;
    private ParetoNbdModel pn;
    private double[] out;

    /** Reads the cohort, fits both models once and builds the 1M population. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Transactions t = TransactionCsvReader.builder()
                .layout(TransactionCsvReader.Layout.WHITESPACE)
                .customerId("customer_id")
                .timestamp("date", "yyyyMMdd")
                .amount("dollar_value")
                .build()
                .read(DataFiles.require("CDNOW_master.txt")).transactions();
        cohort = BtydCustomers.from(BtydSummary.calibrationEnd(LocalDate.parse("1997-09-30")).inWeeks().compute(t)
                .table());
        Sanity.check(cohort.size() == 23_570, "cohort has %d customers", cohort.size());
        bg = BgNbd.withDefaults().fit(cohort);
        pn = ParetoNbd.withDefaults().fit(cohort);
        double[] x = new double[MILLION];
        double[] tx = new double[MILLION];
        double[] age = new double[MILLION];
        for (int i = 0; i < MILLION; i++) {
            int j = i % cohort.size();
            x[i] = cohort.x(j);
            tx[i] = cohort.tx(j);
            age[i] = cohort.age(j);
        }
        million = BtydCustomers.of(x, tx, age);
        out = new double[MILLION];
        bg.conditionalExpectedPurchases(39, million, out);
        for (int i = 0; i < MILLION; i += 9973) {
            Sanity.check(out[i] == bg.conditionalExpectedPurchases(39, x[i], tx[i], age[i]), "row %d differs", i);
        }
        Sanity.report("CLV: CDNOW cohort %d customers; BG/NBD %s (%d iterations); Pareto/NBD %s", cohort.size(), bg,
                bg.fit().orElseThrow().diagnostics().iterations(), pn);
        Sanity.checkSingleThreaded("CLV");
    }

    /** BG/NBD fit on the full cohort. */
    @Benchmark
    public BgNbdModel fitBgNbd() {
        return BgNbd.withDefaults().fit(cohort);
    }

    /** Pareto/NBD fit on the full cohort. */
    @Benchmark
    public ParetoNbdModel fitParetoNbd() {
        return ParetoNbd.withDefaults().fit(cohort);
    }

    /** BG/NBD conditional expectations for 1M customers. */
    @Benchmark
    public double[] conditionalBgNbd1M() {
        bg.conditionalExpectedPurchases(39, million, out);
        return out;
    }

    /** Pareto/NBD conditional expectations for 1M customers. */
    @Benchmark
    public double[] conditionalParetoNbd1M() {
        pn.conditionalExpectedPurchases(39, million, out);
        return out;
    }
}
