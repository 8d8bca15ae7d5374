/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.kmeans;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.BenchData;
import dev.segmentation.bench.Naive;
import dev.segmentation.bench.Sanity;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.database.relation.Relation;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import smile.math.MathEx;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * K-means fit: {@code n} rows of {@link BenchData#D} = 16 features, k = 8, exactly 20 Lloyd iterations
 * from the same 8 initial rows, one initialisation, one thread.
 *
 * <h2>Contenders</h2>
 * <ul>
 *   <li>{@code oursHamerly}, {@code oursLloyd}: {@code KMeans.builder().initialCentroids(start).nInit(1)
 *       .maxIter(20).tol(0).singleThreaded()} with {@code HAMERLY} or {@code LLOYD};</li>
 *   <li>{@code elkiHamerly}: ELKI 0.8.0 {@code HamerlyKMeans} with {@code Predefined} initial means (the same
 *       rows), squared Euclidean distance, {@code maxiter = 21} (ELKI counts the first assignment as an
 *       iteration; see {@link ElkiKMeans}); the ELKI database is built in {@code @Setup};</li>
 *   <li>{@code commonsMath}: Commons Math 3.6.1 {@code KMeansPlusPlusClusterer}, {@code maxIterations = 20},
 *       steered to the same initial rows through a scripted random generator (its k-means++ seeding pass
 *       still runs and is timed; see {@link CommonsMathKMeans});</li>
 *   <li>{@code smileFit}, {@code smileLloyd}: Smile 3.1.1 {@code KMeans.fit(data, k, 20, 0)} (its default
 *       BBD-tree filtering algorithm, the tree built inside the call) and {@code KMeans.lloyd(data, k, 20, 0)}.
 *       Smile 3.1.1 cannot start from given centres: both always seed with their own k-means++ (timed), so
 *       Smile starts from different centres than everyone else. Its random stream is reset with
 *       {@code MathEx.setSeed} before every call so that every call does the same work.</li>
 * </ul>
 *
 * <h2>Equal work, checked outside the timed region</h2>
 * The data ({@link BenchData}) are overlapping blobs on which Lloyd's iteration from these rows needs far
 * more than 20 iterations to converge, so no contender can stop early. Each trial's {@code @Setup} runs
 * our Lloyd fit as the reference (it must report 20 iterations, not converged) and then the contender under
 * measurement once, and fails the trial unless:
 * <ul>
 *   <li>ours (Hamerly): 20 iterations and the reference's centres, inertia and labels;</li>
 *   <li>ELKI: 21 assignment passes (its statistics log), rows still moving in the last one, and the
 *       reference's centres, cluster sizes and inertia (to rounding: ELKI sums in another order);</li>
 *   <li>Commons Math: the reference's centres, cluster sizes and inertia (its start was steered; the same
 *       centres after 20 updates mean it did the same 20 iterations);</li>
 *   <li>Smile: a 20-iteration call ends with a lower distortion than a 19-iteration call from the same seed
 *       (so it ran all 20 iterations), and its distortion is within 5% of the reference inertia.</li>
 * </ul>
 * No contender may start a common-pool worker (see {@link AbstractBenchmark}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class KMeansFitBenchmark extends AbstractBenchmark {
    /** Lloyd iterations every contender runs. */
    public static final int ITERATIONS = 20;
    private static final int D = BenchData.D;
    private static final int K = BenchData.K;

    /** Rows. */
    @Param({"100000", "1000000"})
    public int n;

    /** The data set: {@link BenchData#OVERLAPPING} (the project's own) or {@link BenchData#SEPARATED}. */
    @Param({BenchData.OVERLAPPING, BenchData.SEPARATED})
    public String data;

    private double[][] start;
    private Dataset dataset;
    private KMeans hamerly;
    private KMeans lloyd;
    private double[][] rows;
    private Relation<NumberVector> elki;
    private List<DoublePoint> points;
    private CommonsMathKMeans.Script cmScript;

    /**
     * Generates the trial's data, builds only the structures the measured contender needs, and runs the
     * sanity checks described in the class comment.
     */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        double[] x = BenchData.blobs(data, n, D, BenchData.SEED);
        int[] startRows = BenchData.initialRowIndices(n, K, BenchData.SEED);
        start = BenchData.rowsAt(x, D, startRows);
        dataset = BenchData.dataset(x, n, D);
        hamerly = estimator(KMeans.Algorithm.HAMERLY);
        lloyd = estimator(KMeans.Algorithm.LLOYD);

        KMeansModel ref = lloyd.fit(dataset);
        double[] refCentres = ref.clusterCenters().toRowMajorArray();
        int[] refSizes = ref.clusterSizes();
        Sanity.check(ref.iterations() == ITERATIONS && !ref.converged(),
                "the reference fit converged after %d iterations: the data no longer force %d iterations",
                ref.iterations(), ITERATIONS);
        Sanity.report("%s n=%d reference (ours, Lloyd): %d iterations, not converged, inertia %.10e, sizes %s",
                data, n, ref.iterations(), ref.inertia(), Arrays.toString(refSizes));
        // Centres agree to this absolute tolerance (features are O(1)); inertias to this relative one.
        final double centreTol = 1e-9;
        final double inertiaTol = 1e-12;

        switch (method) {
            case "oursHamerly":
            case "oursHamerlyVector": {
                Sanity.check(method.endsWith("Vector") == dev.segmentation.core.internal.CentroidKernel.vectorized(),
                        "%s: the SIMD kernel is %s", method,
                        dev.segmentation.core.internal.CentroidKernel.vectorized() ? "on" : "off");
                KMeansModel m = hamerly.fit(dataset);
                double diff = Sanity.maxAbsDiff(m.clusterCenters().toRowMajorArray(), refCentres);
                int moved = Sanity.mismatches(m.trainingLabels(), ref.trainingLabels());
                Sanity.report("ours Hamerly: %d iterations, inertia %.10e, max centre diff %.2e, %d labels differ",
                        m.iterations(), m.inertia(), diff, moved);
                Sanity.check(m.iterations() == ITERATIONS && !m.converged(), "Hamerly ran %d iterations",
                        m.iterations());
                Sanity.check(diff <= centreTol && moved == 0
                                && Sanity.relDiff(m.inertia(), ref.inertia()) <= inertiaTol,
                        "Hamerly and Lloyd disagree");
                break;
            }
            case "oursLloyd":
            case "oursLloydVector":
                Sanity.check(method.endsWith("Vector") == dev.segmentation.core.internal.CentroidKernel.vectorized(),
                        "%s: the SIMD kernel is %s", method,
                        dev.segmentation.core.internal.CentroidKernel.vectorized() ? "on" : "off");
                Sanity.report("ours Lloyd: the reference run above");
                break;
            case "elkiHamerly": {
                elki = ElkiKMeans.relation(BenchData.toRows(x, n, D));
                ElkiKMeans.RunStats stats = ElkiKMeans.logged(elki, start, ElkiKMeans.maxIterFor(ITERATIONS));
                Clustering<elki.data.model.KMeansModel> c = ElkiKMeans.hamerly(elki, start,
                        ElkiKMeans.maxIterFor(ITERATIONS));
                double diff = Sanity.maxAbsDiff(ElkiKMeans.means(c), refCentres);
                double inertia = ElkiKMeans.inertia(elki, c);
                int[] sizes = ElkiKMeans.sizes(c);
                Sanity.report("ELKI Hamerly: %d assignment passes (= %d iterations + final labelling), "
                                + "%d rows moved in the last pass, inertia %.10e, max centre diff %.2e, sizes %s",
                        stats.passes, stats.passes - 1, stats.lastReassignments, inertia, diff,
                        Arrays.toString(sizes));
                Sanity.check(stats.passes == ITERATIONS + 1 && stats.lastReassignments > 0,
                        "ELKI ran %d assignment passes", stats.passes);
                Sanity.check(diff <= 1e-6 && Arrays.equals(sizes, refSizes)
                                && Sanity.relDiff(inertia, ref.inertia()) <= 1e-9,
                        "ELKI's result differs from ours");
                break;
            }
            case "commonsMath": {
                rows = BenchData.toRows(x, n, D);
                points = CommonsMathKMeans.points(rows);
                cmScript = CommonsMathKMeans.script(x, n, D, startRows);
                List<CentroidCluster<DoublePoint>> c = CommonsMathKMeans.fit(points, cmScript, ITERATIONS);
                double diff = Sanity.maxAbsDiff(CommonsMathKMeans.centres(c), refCentres);
                double inertia = CommonsMathKMeans.inertia(c);
                int[] sizes = CommonsMathKMeans.sizes(c);
                Sanity.report("Commons Math: inertia %.10e, max centre diff %.2e, sizes %s", inertia, diff,
                        Arrays.toString(sizes));
                Sanity.check(diff <= 1e-6 && Arrays.equals(sizes, refSizes)
                                && Sanity.relDiff(inertia, ref.inertia()) <= 1e-9,
                        "Commons Math's result differs from ours: it did not start from the same rows or did not "
                                + "run the same iterations");
                break;
            }
            case "smileFit":
            case "smileLloyd": {
                rows = BenchData.toRows(x, n, D);
                boolean bbd = method.equals("smileFit");
                smile.clustering.KMeans full = smile(bbd, ITERATIONS);
                smile.clustering.KMeans shorter = smile(bbd, ITERATIONS - 1);
                double[] centres = BenchData.flatten(full.centroids);
                double inertia = Naive.inertia(x, n, D, centres, full.y);
                Sanity.report("Smile %s: distortion %.10e after %d iterations, %.10e after %d; "
                                + "recomputed inertia %.10e (%.3f%% from the reference, different start)",
                        bbd ? "fit (BBD tree)" : "lloyd", full.distortion, ITERATIONS, shorter.distortion,
                        ITERATIONS - 1, inertia, 100 * (inertia - ref.inertia()) / ref.inertia());
                Sanity.check(full.distortion < shorter.distortion,
                        "Smile stopped before iteration %d: distortion did not improve", ITERATIONS);
                Sanity.check(Sanity.relDiff(full.distortion, ref.inertia()) <= 0.05,
                        "Smile's distortion is far from the reference");
                break;
            }
            default:
                throw new IllegalStateException("No sanity check for " + method);
        }
        Sanity.checkSingleThreaded(method);
    }

    /** Frees the trial's data before the next trial allocates its own. */
    @TearDown(Level.Trial)
    public void tearDown() {
        dataset = null;
        rows = null;
        elki = null;
        points = null;
        cmScript = null;
    }

    private KMeans estimator(KMeans.Algorithm algorithm) {
        return KMeans.builder().k(K).initialCentroids(start).nInit(1).maxIter(ITERATIONS).tol(0)
                .algorithm(algorithm).singleThreaded().build();
    }

    private smile.clustering.KMeans smile(boolean bbd, int maxIter) {
        MathEx.setSeed(BenchData.SEED);
        return bbd ? smile.clustering.KMeans.fit(rows, K, maxIter, 0) : smile.clustering.KMeans.lloyd(rows, K, maxIter, 0);
    }

    /** Ours, Hamerly's bounds. */
    @Benchmark
    public void oursHamerly(Blackhole bh) {
        bh.consume(hamerly.fit(dataset));
    }

    /** Ours, plain Lloyd with the blocked distance kernel. */
    @Benchmark
    public void oursLloyd(Blackhole bh) {
        bh.consume(lloyd.fit(dataset));
    }

    /** Ours, Hamerly's bounds (adaptive), in a JVM with the Vector API module: the SIMD exact passes. */
    @Benchmark
    @org.openjdk.jmh.annotations.Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g",
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0", "-XX:+UseTransparentHugePages",
            "--add-modules=jdk.incubator.vector"})
    public void oursHamerlyVector(Blackhole bh) {
        bh.consume(hamerly.fit(dataset));
    }

    /** Ours, plain Lloyd, in a JVM with the Vector API module: the SIMD blocked kernel. */
    @Benchmark
    @org.openjdk.jmh.annotations.Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g",
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0", "-XX:+UseTransparentHugePages",
            "--add-modules=jdk.incubator.vector"})
    public void oursLloydVector(Blackhole bh) {
        bh.consume(lloyd.fit(dataset));
    }

    /** ELKI 0.8.0 Hamerly from the same means. */
    @Benchmark
    public void elkiHamerly(Blackhole bh) {
        bh.consume(ElkiKMeans.hamerly(elki, start, ElkiKMeans.maxIterFor(ITERATIONS)));
    }

    /** Commons Math 3.6.1, steered to the same start (its seeding pass included). */
    @Benchmark
    public void commonsMath(Blackhole bh) {
        bh.consume(CommonsMathKMeans.fit(points, cmScript, ITERATIONS));
    }

    /** Smile 3.1.1 default K-means (BBD tree), its own k-means++ start (included). */
    @Benchmark
    public void smileFit(Blackhole bh) {
        bh.consume(smile(true, ITERATIONS));
    }

    /** Smile 3.1.1 Lloyd, its own k-means++ start (included). */
    @Benchmark
    public void smileLloyd(Blackhole bh) {
        bh.consume(smile(false, ITERATIONS));
    }
}
