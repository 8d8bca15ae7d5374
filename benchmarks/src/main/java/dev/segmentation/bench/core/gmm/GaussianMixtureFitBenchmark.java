/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.gmm;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.BenchData;
import dev.segmentation.bench.Sanity;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.gmm.CovarianceType;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.gmm.GaussianMixtureModel;
import elki.data.NumberVector;
import elki.database.relation.Relation;
import org.apache.commons.math3.distribution.MixtureMultivariateNormalDistribution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Gaussian-mixture EM, full covariances: {@code n} rows of d = 8 features ({@link BenchData}'s overlapping
 * blobs), k = 8 components, from the same initial parameters (the 8 rows of
 * {@link BenchData#initialRowIndices} as means, ELKI's starting covariance for every component (see
 * {@link GmmStart}), uniform weights), one thread. The score
 * is the time <b>per EM iteration</b> (one E-step and one M-step): each method runs a fixed number of
 * iterations and declares it with {@link OperationsPerInvocation}.
 *
 * <h2>Contenders</h2>
 * <ul>
 *   <li>{@code oursFull}: {@code GaussianMixture} with {@code initialWeights}, {@code initialMeans},
 *       {@code initialPrecisions} (the inverse of the starting covariance), {@code regCovar(0)} (the peers do not regularise),
 *       {@code tol(0)}, {@code maxIter(20)}, {@code singleThreaded()}: 20 fused E/M passes plus the final
 *       labelling pass;</li>
 *   <li>{@code oursFullVector}: the same in a JVM started with {@code --add-modules jdk.incubator.vector}, where
 *       the M-step sums run on the SIMD kernel (bit-identical results);</li>
 *   <li>{@code elkiEm}: ELKI 0.8.0 {@code EM} with {@code MultivariateGaussianModelFactory} and a
 *       {@code Predefined} initialiser, 20 iterations (21 E-steps, 20 M-steps; see {@link ElkiEm});</li>
 *   <li>{@code smile}: Smile 3.1.1 {@code MultivariateExponentialFamilyMixture.fit} from the same components,
 *       {@code gamma = 0}, 5 iterations (it is slow; see {@link SmileGmm});</li>
 *   <li>{@code commonsMath}: Commons Math 3.6.1 {@code MultivariateNormalMixtureExpectationMaximization}, 3
 *       iterations (about 3 s each at n = 100,000; see {@link CommonsMathGmm}).</li>
 * </ul>
 * Fixed costs of a fit (our labelling pass, ELKI's extra E-step, Smile's closing BIC pass, Commons Math's
 * copies of the data) are spread over each method's iterations, which slightly favours the contenders that
 * run more iterations per call: ours and ELKI equally.
 *
 * <h2>Equal work, checked outside the timed region</h2>
 * Each trial's {@code @Setup} runs the measured contender once and compares its means with ours after the same
 * number of iterations from the same start (EM is deterministic, so the same computation gives the same
 * means up to rounding), and fails the trial unless they agree within 1e-6 (Smile: 1e-3, for its covariance
 * ridge); ours must report 20 iterations, not converged. No contender may start a common-pool worker.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class GaussianMixtureFitBenchmark extends AbstractBenchmark {
    /** EM iterations of our fit and ELKI's. */
    public static final int ITERATIONS = 20;
    /** EM iterations of Smile's fit. */
    public static final int SMILE_ITERATIONS = 5;
    /** EM iterations of Commons Math's fit. */
    public static final int COMMONS_MATH_ITERATIONS = 3;
    private static final int D = 8;
    private static final int K = 8;
    private static final double MEAN_TOL = 1e-6;
    /** Smile adds a ridge of about 1e-5 relative to its covariances (see {@link SmileGmm}). */
    private static final double SMILE_MEAN_TOL = 1e-3;

    /** Rows. */
    @Param({"100000"})
    public int n;

    private double[][] start;
    private double[][] startCovariance;
    private Dataset dataset;
    private GaussianMixture ours;
    private double[][] rows;
    private Relation<NumberVector> elki;
    private MixtureMultivariateNormalDistribution cmStart;

    /** Generates the trial's data, builds what the measured contender needs, and runs the sanity checks. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        double[] x = BenchData.blobs(n, D, BenchData.SEED);
        start = BenchData.rowsAt(x, D, BenchData.initialRowIndices(n, K, BenchData.SEED));
        startCovariance = GmmStart.covariance(x, n, D, K);
        dataset = BenchData.dataset(x, n, D);
        ours = estimator(ITERATIONS);
        switch (method) {
            case "oursFull":
            case "oursFullVector": {
                boolean simd = dev.segmentation.core.internal.CentroidKernel.vectorized();
                Sanity.check(method.endsWith("Vector") == simd, "%s with the SIMD kernel %s", method,
                        simd ? "on" : "off");
                GaussianMixtureModel m = ours.fit(dataset);
                Sanity.report("ours: %d iterations, converged %s, lower bound %.10f, weights %s", m.iterations(),
                        m.converged(), m.lowerBound(), Arrays.toString(m.weights()));
                Sanity.check(m.iterations() == ITERATIONS && !m.converged(), "ours ran %d iterations",
                        m.iterations());
                break;
            }
            case "elkiEm": {
                rows = BenchData.toRows(x, n, D);
                elki = ElkiEm.relation(rows);
                rows = null;
                double diff = Sanity.maxAbsDiff(ElkiEm.means(ElkiEm.fit(elki, start, ITERATIONS)),
                        reference(ITERATIONS));
                Sanity.report("ELKI EM after %d iterations: max mean difference to ours %.2e", ITERATIONS, diff);
                Sanity.check(diff <= MEAN_TOL, "ELKI's means differ from ours after %d iterations", ITERATIONS);
                break;
            }
            case "smile": {
                rows = BenchData.toRows(x, n, D);
                double diff = Sanity.maxAbsDiff(SmileGmm.means(SmileGmm.fit(rows, start, startCovariance, SMILE_ITERATIONS)),
                        reference(SMILE_ITERATIONS));
                Sanity.report("Smile after %d iterations: max mean difference to ours %.2e", SMILE_ITERATIONS, diff);
                Sanity.check(diff <= SMILE_MEAN_TOL, "Smile's means differ from ours after %d iterations",
                        SMILE_ITERATIONS);
                break;
            }
            case "commonsMath": {
                rows = BenchData.toRows(x, n, D);
                cmStart = CommonsMathGmm.initial(start, startCovariance);
                double diff = Sanity.maxAbsDiff(
                        CommonsMathGmm.means(CommonsMathGmm.fit(rows, cmStart, COMMONS_MATH_ITERATIONS)),
                        reference(COMMONS_MATH_ITERATIONS));
                Sanity.report("Commons Math after %d iterations: max mean difference to ours %.2e",
                        COMMONS_MATH_ITERATIONS, diff);
                Sanity.check(diff <= MEAN_TOL, "Commons Math's means differ from ours after %d iterations",
                        COMMONS_MATH_ITERATIONS);
                break;
            }
            default:
                throw new IllegalStateException("No sanity check for " + method);
        }
        Sanity.checkSingleThreaded(method);
    }

    private double[] reference(int iterations) {
        return estimator(iterations).fit(dataset).means().toRowMajorArray();
    }

    private GaussianMixture estimator(int iterations) {
        double[] weights = new double[K];
        Arrays.fill(weights, 1.0 / K);
        return GaussianMixture.builder().k(K).covarianceType(CovarianceType.FULL).initialWeights(weights)
                .initialMeans(start).initialPrecisions(GmmStart.precisions(startCovariance, K)).regCovar(0).tol(0).maxIter(iterations).singleThreaded()
                .build();
    }

    /** Frees the trial's data before the next trial allocates its own. */
    @TearDown(Level.Trial)
    public void tearDown() {
        dataset = null;
        rows = null;
        elki = null;
        cmStart = null;
    }

    /** Ours: 20 iterations, full covariances. */
    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public void oursFull(Blackhole bh) {
        bh.consume(ours.fit(dataset));
    }

    /** Ours in a JVM with the Vector API module: the M-step sums on the SIMD kernel (the same bits). */
    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    @org.openjdk.jmh.annotations.Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g",
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0", "-XX:+UseTransparentHugePages",
            "--add-modules=jdk.incubator.vector"})
    public void oursFullVector(Blackhole bh) {
        bh.consume(ours.fit(dataset));
    }

    /** ELKI 0.8.0 EM: 20 iterations. */
    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public void elkiEm(Blackhole bh) {
        bh.consume(ElkiEm.fit(elki, start, ITERATIONS));
    }

    /** Smile 3.1.1: 5 iterations. */
    @Benchmark
    @OperationsPerInvocation(SMILE_ITERATIONS)
    public void smile(Blackhole bh) {
        bh.consume(SmileGmm.fit(rows, start, startCovariance, SMILE_ITERATIONS));
    }

    /** Commons Math 3.6.1: 3 iterations. */
    @Benchmark
    @OperationsPerInvocation(COMMONS_MATH_ITERATIONS)
    public void commonsMath(Blackhole bh) {
        bh.consume(CommonsMathGmm.fit(rows, cmStart, COMMONS_MATH_ITERATIONS));
    }
}
