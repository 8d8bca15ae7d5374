/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.validation;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.Sanity;
import dev.segmentation.core.DissimilarityMatrix;
import dev.segmentation.core.Gower;
import dev.segmentation.validation.Silhouette;
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
 * The exact silhouette of a precomputed dissimilarity matrix: the Gower matrix of {@link MixedTable} (built in
 * {@code @Setup}) with its k = 8 labels, one thread.
 *
 * <ul>
 *   <li>{@code ours}: {@code Silhouette.exact().singleThreaded().evaluate(matrix, labels)}: for blocks of 1,024
 *       rows, the rows before each row read row by row from the condensed matrix, the rows after it from its own
 *       contiguous row;</li>
 *   <li>{@code naive}: for every row, every other row's dissimilarity through {@code DissimilarityMatrix.get(i, j)}
 *       (the condensed index formula), summed per cluster ({@link MixedTable#naiveSilhouette}).</li>
 * </ul>
 * For orientation, {@code benchmarks/python/precomputed_reference.py} times scikit-learn's
 * {@code silhouette_samples(squareform(y), labels, metric="precomputed")} on a matrix of the same size. Sanity,
 * outside the timed region: the naive score equals ours to 1e-12 relative.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                                  "-XX:+UseTransparentHugePages"})
public class PrecomputedSilhouetteBenchmark extends AbstractBenchmark {
    /** Rows. */
    @Param({"10000"})
    public int n;

    private int[] labels;
    private DissimilarityMatrix matrix;
    private Silhouette silhouette;

    /** Builds the matrix and runs the check described in the class comment. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        MixedTable table = new MixedTable(n);
        labels = table.labels;
        matrix = Gower.of("c0", "c1").singleThreaded().matrix(table.dataset);
        silhouette = Silhouette.exact().singleThreaded();
        double ours = silhouette.evaluate(matrix, labels).score();
        double naive = MixedTable.naiveSilhouette(matrix, labels, MixedTable.K);
        Sanity.report("n=%d: silhouette of the Gower matrix %.12f, naive %.12f; scratch estimate %,d bytes beside the "
                + "%,d-byte matrix", n, ours, naive, silhouette.estimatePrecomputedBytes(n, MixedTable.K),
                DissimilarityMatrix.estimateBytes(n));
        Sanity.check(Sanity.relDiff(naive, ours) <= 1e-12, "the naive silhouette disagrees with ours");
        Sanity.checkSingleThreaded(params.getBenchmark());
    }

    /** Frees the trial's data. */
    @TearDown(Level.Trial)
    public void tearDown() {
        matrix = null;
    }

    /** Ours. */
    @Benchmark
    public double ours() {
        return silhouette.evaluate(matrix, labels).score();
    }

    /** The textbook loop over the matrix. */
    @Benchmark
    public double naive() {
        return MixedTable.naiveSilhouette(matrix, labels, MixedTable.K);
    }
}
