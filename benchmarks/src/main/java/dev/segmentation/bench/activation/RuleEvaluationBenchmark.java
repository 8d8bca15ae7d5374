/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.activation;

import dev.segmentation.activation.rules.BoundRuleSet;
import dev.segmentation.activation.rules.RuleSchema;
import dev.segmentation.activation.rules.RuleSet;
import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.Sanity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A ten-rule set (first match wins, a default segment) on one customer record, in nanoseconds per record; run
 * with {@code -prof gc} to see that scoring allocates nothing.
 *
 * <p>Each call takes the next record of a pool of {@link #POOL} seeded records whose values spread the first
 * match over all ten rules and the default, with missing values (NaN) in 10% of countries and 5% of tenures, so
 * the branch predictor cannot learn one answer. {@code baselineRow} is the rotation alone and {@code baselineVoid}
 * an empty call.
 *
 * <h2>Contenders</h2>
 * <ul>
 *   <li>{@code ours}: {@link BoundRuleSet#match(double[])} on the rule text below, parsed and bound;</li>
 *   <li>{@code handWritten}: the same ten rules as a Java {@code if} chain over the record's fields, the fastest
 *       code a developer can write for one fixed rule set (missing values handled by NaN comparisons being
 *       false, which gives the same answers here because no rule negates a missing-sensitive test);</li>
 *   <li>{@code lambdas}: the same rules as {@code Predicate<double[]>} composed with {@code and}/{@code or}/
 *       {@code negate}, the usual way to make rules configurable in plain Java.</li>
 * </ul>
 * {@code @Setup} checks that all three give the same label for every pool record.
 */
public class RuleEvaluationBenchmark extends AbstractBenchmark {
    /** Records in the rotation; a power of two. */
    public static final int POOL = 1024;
    private static final int MASK = POOL - 1;
    private static final List<String> COUNTRIES = List.of("United Kingdom", "France", "Germany", "Spain",
            "Netherlands", "Belgium", "EIRE", "Australia");
    /** The ten rules. */
    public static final String RULES = String.join("\n",
            "VIP: monetary >= 10000 and frequency >= 20",
            "New: tenure_days <= 30",
            "Win back: recency_days between 180 and 365 and monetary >= 1000",
            "Abroad, big: not country in (\"United Kingdom\") and monetary >= 3000",
            "Lapsed: recency_days > 365",
            "Frequent: frequency >= 10 and recency_days <= 60",
            "EU: country in (\"France\", \"Germany\", \"Spain\", \"Netherlands\", \"Belgium\") and recency_days <= 90",
            "One-timer: frequency = 1 and tenure_days > 90",
            "Unknown country: country is missing and monetary > 500",
            "Middle: monetary between 500 and 3000 or frequency between 3 and 9",
            "Rest: otherwise");

    private static final int R = 0;
    private static final int F = 1;
    private static final int M = 2;
    private static final int T = 3;
    private static final int C = 4;

    private double[][] pool;
    private BoundRuleSet ours;
    private List<Predicate<double[]>> lambdas;
    private int next;

    /** Generates the pool and checks that every contender gives the same labels. */
    @Setup(Level.Trial)
    public void setUp() {
        RuleSchema schema = RuleSchema.builder().numeric("recency_days", "frequency", "monetary", "tenure_days")
                .categorical("country", COUNTRIES).build();
        ours = RuleSet.parse(RULES).bind(schema);
        Sanity.check(ours.findings().isEmpty(), "findings %s", ours.findings());
        lambdas = lambdaRules();
        SplittableRandom rnd = new SplittableRandom(20240601L);
        pool = new double[POOL][];
        int[] hits = new int[11];
        for (int i = 0; i < POOL; i++) {
            double[] r = new double[5];
            r[R] = 1 + rnd.nextInt(500);
            r[F] = 1 + (rnd.nextDouble() < 0.3 ? 0 : rnd.nextInt(40));
            r[M] = Math.exp(4 + 6 * rnd.nextDouble());
            r[T] = rnd.nextDouble() < 0.05 ? Double.NaN : r[R] + rnd.nextInt(400) - (rnd.nextDouble() < 0.1 ? r[R] : 0);
            r[C] = rnd.nextDouble() < 0.1 ? Double.NaN : rnd.nextDouble() < 0.6 ? 0 : schema.code(4,
                    COUNTRIES.get(rnd.nextInt(COUNTRIES.size())));
            pool[i] = r;
            int a = ours.match(r);
            int b = handWritten(r);
            int c = lambda(r);
            Sanity.check(a == b && b == c, "record %d %s: ours %d, hand-written %d, lambdas %d", i,
                    java.util.Arrays.toString(r), a, b, c);
            hits[a]++;
        }
        Sanity.report("rules: ours, hand-written and lambdas agree on all %d records; first matches per rule %s; "
                + "%d compiled tests", POOL, java.util.Arrays.toString(hits), ours.compiledSize());
        Sanity.checkSingleThreaded("rules");
    }

    private static int handWritten(double[] r) {
        double rec = r[R];
        double f = r[F];
        double m = r[M];
        double t = r[T];
        double c = r[C];
        if (m >= 10000 && f >= 20) {
            return 0;
        }
        if (t <= 30) {
            return 1;
        }
        if (rec >= 180 && rec <= 365 && m >= 1000) {
            return 2;
        }
        if (c == c && c != 0 && m >= 3000) {
            return 3;
        }
        if (rec > 365) {
            return 4;
        }
        if (f >= 10 && rec <= 60) {
            return 5;
        }
        if ((c == 1 || c == 2 || c == 3 || c == 4 || c == 5) && rec <= 90) {
            return 6;
        }
        if (f == 1 && t > 90) {
            return 7;
        }
        if (c != c && m > 500) {
            return 8;
        }
        if ((m >= 500 && m <= 3000) || (f >= 3 && f <= 9)) {
            return 9;
        }
        return 10;
    }

    private static List<Predicate<double[]>> lambdaRules() {
        Predicate<double[]> known = r -> r[C] == r[C];
        return List.of(
                ((Predicate<double[]>) r -> r[M] >= 10000).and(r -> r[F] >= 20),
                r -> r[T] <= 30,
                ((Predicate<double[]>) r -> r[R] >= 180 && r[R] <= 365).and(r -> r[M] >= 1000),
                known.and(((Predicate<double[]>) r -> r[C] == 0).negate()).and(r -> r[M] >= 3000),
                r -> r[R] > 365,
                ((Predicate<double[]>) r -> r[F] >= 10).and(r -> r[R] <= 60),
                ((Predicate<double[]>) r -> r[C] >= 1 && r[C] <= 5).and(r -> r[R] <= 90),
                ((Predicate<double[]>) r -> r[F] == 1).and(r -> r[T] > 90),
                known.negate().and(r -> r[M] > 500),
                ((Predicate<double[]>) r -> r[M] >= 500 && r[M] <= 3000).or(r -> r[F] >= 3 && r[F] <= 9));
    }

    private int lambda(double[] r) {
        for (int i = 0; i < lambdas.size(); i++) {
            if (lambdas.get(i).test(r)) {
                return i;
            }
        }
        return lambdas.size();
    }

    /** An empty benchmark: the harness's own cost per call. */
    @Benchmark
    public void baselineVoid() {
        // intentionally empty
    }

    /** Only the rotation through the pool. */
    @Benchmark
    public void baselineRow(Blackhole bh) {
        bh.consume(pool[next++ & MASK]);
    }

    /** Ours: the compiled rule set. */
    @Benchmark
    public void ours(Blackhole bh) {
        bh.consume(ours.match(pool[next++ & MASK]));
    }

    /** The rules written out in Java. */
    @Benchmark
    public void handWritten(Blackhole bh) {
        bh.consume(handWritten(pool[next++ & MASK]));
    }

    /** The rules as composed predicates. */
    @Benchmark
    public void lambdas(Blackhole bh) {
        bh.consume(lambda(pool[next++ & MASK]));
    }
}
