/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.activation;

import dev.segmentation.activation.experiment.ArmAssignment;
import dev.segmentation.activation.experiment.Experiment;
import dev.segmentation.activation.internal.Xxh64;
import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.Sanity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Assigning arms to a population, in milliseconds per population of {@code n} customers (ids such as
 * {@code "C00012345"}, five segments, three arms with a 10% control).
 *
 * <h2>Contenders</h2>
 * <ul>
 *   <li>{@code ours}: {@link Experiment#assign(String[], int[], List)}, everything a caller gets: the ids and
 *       segments copied, XXH64 of every id, the arm, the repeated-id check and the counts per segment and arm;</li>
 *   <li>{@code hashOnly}: the XXH64 loop alone (UTF-8 into a reused buffer and the hash), to show what the rest
 *       costs;</li>
 *   <li>{@code sha256}: the common alternative, SHA-256 of the experiment key and the id with a reused
 *       {@link MessageDigest}, its first 8 bytes as the uniform value, and the same arm choice (no duplicate
 *       check).</li>
 * </ul>
 * {@code @Setup} checks that ours gives each arm its share within 5 binomial standard deviations, and that the
 * SHA-256 arms do too.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class ArmAssignmentBenchmark extends AbstractBenchmark {
    private static final List<String> SEGMENTS = List.of("VIP", "Champions", "Loyal", "At risk", "Lost");

    /** Customers per population. */
    @Param({"1000000"})
    public int n;

    private String[] ids;
    private int[] segments;
    private Experiment experiment;
    private MessageDigest sha;
    private byte[] key;

    /** Generates the population and checks the contenders' shares. */
    @Setup(Level.Trial)
    public void setUp() throws NoSuchAlgorithmException {
        ids = new String[n];
        segments = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = String.format("C%08d", 10_000_000 + 7 * i);
            segments[i] = (int) ((i * 2654435761L) % SEGMENTS.size());
        }
        experiment = Experiment.builder("autumn-2011").arms("control", "10% off", "free shipping")
                .shares(0.10, 0.45, 0.45).build();
        sha = MessageDigest.getInstance("SHA-256");
        key = "autumn-2011\u0000".getBytes(StandardCharsets.UTF_8);
        ArmAssignment a = ours();
        long control = 0;
        for (int s = 0; s < SEGMENTS.size(); s++) {
            control += a.count(s, 0);
        }
        double sd = Math.sqrt(0.09 / n);
        Sanity.check(Math.abs((double) control / n - 0.10) < 5 * sd, "ours: control share %f", (double) control / n);
        int[] arms = sha256();
        long shaControl = 0;
        for (int arm : arms) {
            shaControl += arm == 0 ? 1 : 0;
        }
        Sanity.check(Math.abs((double) shaControl / n - 0.10) < 5 * sd, "sha256: control share %f",
                (double) shaControl / n);
        Sanity.report("arms: %,d customers, control share ours %.4f, SHA-256 %.4f", n, (double) control / n,
                (double) shaControl / n);
        Sanity.checkSingleThreaded("arms");
    }

    /** Ours. */
    @Benchmark
    public ArmAssignment ours() {
        return experiment.assign(ids, segments, SEGMENTS);
    }

    /** The hashing alone. */
    @Benchmark
    public long hashOnly() {
        byte[][] buffer = new byte[1][];
        long seed = experiment.hashSeed();
        long acc = 0;
        for (int i = 0; i < ids.length; i++) {
            acc += Xxh64.hash(ids[i], seed, buffer);
        }
        return acc;
    }

    /** SHA-256 per customer. */
    @Benchmark
    public int[] sha256() {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            sha.reset();
            sha.update(key);
            sha.update(ids[i].getBytes(StandardCharsets.UTF_8));
            byte[] d = sha.digest();
            long h = 0;
            for (int b = 0; b < 8; b++) {
                h = h << 8 | (d[b] & 0xFF);
            }
            double u = (h >>> 11) * 0x1.0p-53;
            out[i] = u < 0.10 ? 0 : u < 0.55 ? 1 : 2;
        }
        return out;
    }
}
