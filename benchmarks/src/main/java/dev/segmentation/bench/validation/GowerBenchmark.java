/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.validation;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.Sanity;
import dev.segmentation.core.DissimilarityMatrix;
import dev.segmentation.core.Gower;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * Gower's dissimilarity matrix of a mixed table ({@link MixedTable}: four numeric and two categorical columns),
 * one thread.
 *
 * <ul>
 *   <li>{@code ours}: {@code Gower.of("c0", "c1").singleThreaded().matrix(dataset)}: the columns scaled (or coded)
 *       once and transposed, each row's pairs accumulated column by column in unit-stride loops;</li>
 *   <li>{@code naive}: the textbook double loop over pairs, each pair summing its columns' contributions (with
 *       the divisions by the ranges) into a condensed array ({@link MixedTable#naiveGower}).</li>
 * </ul>
 * For orientation, {@code benchmarks/python/precomputed_reference.py} times a NumPy matrix written row by row with
 * vectorised columns on a table of the same shape. Sanity, outside the timed region: the naive matrix equals ours
 * to 1e-15 (the same operations in the same order, so in fact bit for bit). The categorical columns are coded
 * as integers in {@code ours} and compared without a branch; {@code naive} compares the doubles with a branch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                                  "-XX:+UseTransparentHugePages"})
public class GowerBenchmark extends AbstractBenchmark {
    /** Rows. */
    @Param({"10000"})
    public int n;

    private MixedTable table;
    private Gower gower;

    /** Generates the table and runs the check described in the class comment. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        table = new MixedTable(n);
        gower = Gower.of("c0", "c1").singleThreaded();
        double worst = Sanity.maxAbsDiff(MixedTable.naiveGower(table.values, n, MixedTable.D + 2,
                MixedTable.CATEGORICAL), gower.matrix(table.dataset).toCondensedArray());
        Sanity.report("n=%d: our Gower matrix within %.1e of the naive loop; it holds %,d bytes", n, worst,
                DissimilarityMatrix.estimateBytes(n));
        Sanity.check(worst <= 1e-15, "the naive Gower matrix differs from ours by %.3e", worst);
        Sanity.checkSingleThreaded(params.getBenchmark());
    }

    /** Frees the trial's data. */
    @TearDown(Level.Trial)
    public void tearDown() {
        table = null;
    }

    /** Ours. */
    @Benchmark
    public DissimilarityMatrix ours() {
        return gower.matrix(table.dataset);
    }

    /** The textbook pair loop. */
    @Benchmark
    public double[] naive() {
        return MixedTable.naiveGower(table.values, n, MixedTable.D + 2, MixedTable.CATEGORICAL);
    }
}
