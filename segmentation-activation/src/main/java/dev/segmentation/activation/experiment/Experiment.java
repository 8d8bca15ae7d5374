/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.experiment;

import dev.segmentation.activation.internal.Xxh64;
import dev.segmentation.core.internal.Checks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A randomised experiment within segments: a control arm and one or more treatment arms (A/B/n), with the share
 * of each arm given per segment (stratified), and every customer's arm a deterministic function of the customer
 * id and the experiment id.
 * <pre>{@code
 * Experiment autumn = Experiment.builder("autumn-2011")
 *         .arms("control", "10% off", "free shipping")
 *         .shares(0.10, 0.45, 0.45)                 // every segment: 10% control
 *         .shares("Champions", 0.05, 0.475, 0.475)  // a smaller holdout where each customer is worth more
 *         .build();
 * ArmAssignment arms = autumn.assign(customerIds, segmentOfEachCustomer);
 * }</pre>
 *
 * <h2>The assignment</h2>
 * With \( s \) = XXH64 of the UTF-8 bytes of the experiment key (the experiment id, or the id, a NUL character
 * and the salt when a salt is given) and seed 0, and \( h \) = XXH64 of the UTF-8 bytes of the customer id with
 * seed \( s \), the customer's uniform value is
 * \[ u = \lfloor h / 2^{11} \rfloor \cdot 2^{-53} \in [0, 1) \]
 * (the top 53 bits of \( h \) as unsigned), and its arm is the first arm \( a \) with
 * \( u \lt \sum_{b \le a} \pi_b \), where \( \pi \) are the shares of the customer's segment (the last cumulative
 * share is exactly 1). Consequences:
 * <ul>
 *   <li>the arm is stable across runs, machines, JVM versions and row orders, and does not depend on who else is
 *       in the population: the same customer in the same segment always gets the same arm;</li>
 *   <li>any other language reproduces it from the formula (Python:
 *       {@code xxhash.xxh64(cid.encode(), seed=xxhash.xxh64(key.encode()).intdigest()).intdigest()});</li>
 *   <li>a different experiment id (or salt) gives an independent assignment, so successive experiments do not
 *       keep the same customers in control;</li>
 *   <li>realised shares are binomial around the targets, not exact: for \( n \) customers the realised control
 *       share has standard deviation \( \sqrt{\pi (1 - \pi) / n} \);</li>
 *   <li>a customer who changes segment keeps \( u \) but may change arm where the segments' shares differ.</li>
 * </ul>
 * A customer id may appear once per assignment: a repeated id is refused, so no customer is in two arms.
 *
 * <p>Reference: Y. Collet, xxHash specification (XXH64), 2023; R. Kohavi, D. Tang, Y. Xu, <i>Trustworthy Online
 * Controlled Experiments</i>, Cambridge University Press (2020), doi:10.1017/9781108653985, ch. 14 (randomisation
 * by hashing).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Experiment {
    private static final double SUM_TOLERANCE = 1e-9;

    private final String id;
    private final String salt;
    private final long seed;
    private final List<String> arms;
    private final double[] defaultShares;
    private final Map<String, double[]> segmentShares;
    private final ThreadLocal<byte[][]> buffer = ThreadLocal.withInitial(() -> new byte[1][]);

    private Experiment(Builder b) {
        this.id = b.id;
        this.salt = b.salt;
        this.arms = b.arms;
        this.defaultShares = b.defaultShares;
        this.segmentShares = Map.copyOf(b.segmentShares);
        String key = salt == null ? id : id + '\u0000' + salt;
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        this.seed = Xxh64.hash(k, k.length, 0);
    }

    /**
     * A builder for the experiment with this id (the id is part of every customer's hash).
     *
     * @throws IllegalArgumentException if the id is blank
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The experiment id. */
    public String id() {
        return id;
    }

    /** The arm names; arm 0 is the control. */
    public List<String> arms() {
        return arms;
    }

    /** The seed of the customer hash: XXH64 of the experiment key (see the class documentation). */
    public long hashSeed() {
        return seed;
    }

    /** The target shares of the arms in {@code segment} (a copy). */
    public double[] shares(String segment) {
        return sharesOf(segment).clone();
    }

    private double[] sharesOf(String segment) {
        double[] s = segmentShares.get(segment);
        return s == null ? defaultShares : s;
    }

    /**
     * The customer's uniform value \( u \in [0, 1) \). Allocates nothing once the per-thread buffer is as long as
     * the id.
     */
    public double unitValue(String customerId) {
        Checks.notNull("customerId", customerId);
        return unit(Xxh64.hash(customerId, seed, buffer.get()));
    }

    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /**
     * The arm of one customer in a segment.
     *
     * @param segment the customer's segment (segments without their own shares use the default shares)
     * @return the arm index into {@link #arms()}
     */
    public int arm(String customerId, String segment) {
        Checks.notNull("segment", segment);
        return pick(cumulative(sharesOf(segment)), unitValue(customerId));
    }

    /**
     * The arms of a population.
     *
     * @param customerIds one id per customer. Not modified.
     * @param segments each customer's segment name, in the same order. Not modified.
     * @throws IllegalArgumentException if the lists differ in length, an id or segment is null, or an id repeats
     *     (naming both rows)
     */
    public ArmAssignment assign(List<String> customerIds, List<String> segments) {
        Checks.notNull("customerIds", customerIds);
        Checks.notNull("segments", segments);
        if (customerIds.size() != segments.size()) {
            throw new IllegalArgumentException(customerIds.size() + " customer ids but " + segments.size()
                    + " segments");
        }
        Map<String, Integer> codes = new LinkedHashMap<>();
        int[] seg = new int[segments.size()];
        for (int i = 0; i < seg.length; i++) {
            String s = segments.get(i);
            if (s == null) {
                throw new IllegalArgumentException("The segment of row " + i + " is null");
            }
            Integer c = codes.get(s);
            if (c == null) {
                c = codes.size();
                codes.put(s, c);
            }
            seg[i] = c;
        }
        return assign(customerIds.toArray(new String[0]), seg, new ArrayList<>(codes.keySet()));
    }

    /**
     * The arms of a population whose segments are given as codes.
     *
     * @param customerIds one id per customer. Not modified.
     * @param segments each customer's segment, an index into {@code segmentNames}. Not modified.
     * @param segmentNames the segment names
     * @throws IllegalArgumentException if the arrays differ in length, an id is null, a segment code is out of
     *     range, or an id repeats (naming both rows)
     */
    public ArmAssignment assign(String[] customerIds, int[] segments, List<String> segmentNames) {
        Checks.notNull("customerIds", customerIds);
        Checks.notNull("segments", segments);
        Checks.notNull("segmentNames", segmentNames);
        int n = customerIds.length;
        if (segments.length != n) {
            throw new IllegalArgumentException(n + " customer ids but " + segments.length + " segments");
        }
        int k = segmentNames.size();
        double[][] cum = new double[k][];
        for (int s = 0; s < k; s++) {
            cum[s] = cumulative(sharesOf(Checks.notNull("segmentNames[" + s + "]", segmentNames.get(s))));
        }
        String[] ids = customerIds.clone();
        int[] seg = segments.clone();
        int rowBits = Xxh64.rowBits(n);
        long[] keys = new long[n];
        int[] arm = new int[n];
        byte[][] buf = buffer.get();
        for (int i = 0; i < n; i++) {
            String cid = ids[i];
            if (cid == null) {
                throw new IllegalArgumentException("The customer id of row " + i + " is null");
            }
            int s = seg[i];
            if (s < 0 || s >= k) {
                throw new IllegalArgumentException("The segment of row " + i + " is " + s + ", not in [0, " + k + ")");
            }
            long h = Xxh64.hash(cid, seed, buf);
            keys[i] = Xxh64.key(h, i, rowBits);
            arm[i] = pick(cum[s], unit(h));
        }
        int[] repeat = Xxh64.firstRepeat(ids, keys, rowBits);
        if (repeat != null) {
            throw new IllegalArgumentException("Customer id '" + ids[repeat[1]] + "' appears twice, in rows "
                    + repeat[0] + " and " + repeat[1] + "; a customer can be in only one arm of experiment '" + id
                    + "'");
        }
        double[][] targets = new double[k][];
        for (int s = 0; s < k; s++) {
            targets[s] = sharesOf(segmentNames.get(s)).clone();
        }
        return new ArmAssignment(id, ids, seg, List.copyOf(segmentNames), arm, arms, targets);
    }

    /** Running sums of the shares; from the last arm with a positive share on, exactly 1. */
    private static double[] cumulative(double[] shares) {
        double[] c = new double[shares.length];
        double sum = 0;
        int last = 0;
        for (int a = 0; a < shares.length; a++) {
            sum += shares[a];
            c[a] = sum;
            if (shares[a] > 0) {
                last = a;
            }
        }
        Arrays.fill(c, last, c.length, 1.0);
        return c;
    }

    private static int pick(double[] cum, double u) {
        int a = 0;
        while (u >= cum[a]) {
            a++;
        }
        return a;
    }

    @Override
    public String toString() {
        return "Experiment[" + id + (salt == null ? "" : ", salt " + salt) + ", arms " + arms + ", shares "
                + Arrays.toString(defaultShares) + (segmentShares.isEmpty() ? "" : ", per segment " + segmentShares.keySet())
                + "]";
    }

    /** Builds an {@link Experiment}. */
    public static final class Builder {
        private final String id;
        private String salt;
        private List<String> arms;
        private double[] defaultShares;
        private final Map<String, double[]> segmentShares = new HashMap<>();

        private Builder(String id) {
            Checks.notNull("id", id);
            if (id.isBlank()) {
                throw new IllegalArgumentException("The experiment id must not be blank");
            }
            this.id = id;
        }

        /**
         * A salt, to re-randomise an experiment without changing its id.
         *
         * @throws IllegalStateException if a salt was already set
         */
        public Builder salt(String value) {
            Checks.notYetSet("salt", salt != null);
            salt = Checks.notNull("salt", value);
            return this;
        }

        /**
         * The arms: the control first, then one or more treatments.
         *
         * @throws IllegalArgumentException if a name is blank or repeated, or there is no treatment
         * @throws IllegalStateException if the arms were already set
         */
        public Builder arms(String control, String... treatments) {
            Checks.notYetSet("arms", arms != null);
            Checks.notNull("treatments", treatments);
            if (treatments.length == 0) {
                throw new IllegalArgumentException("An experiment needs at least one treatment arm besides '"
                        + control + "'");
            }
            List<String> all = new ArrayList<>();
            all.add(control);
            all.addAll(Arrays.asList(treatments));
            Set<String> seen = new HashSet<>();
            for (String a : all) {
                if (a == null || a.isBlank()) {
                    throw new IllegalArgumentException("An arm name must not be blank");
                }
                if (!seen.add(a)) {
                    throw new IllegalArgumentException("Arm '" + a + "' is named twice");
                }
            }
            arms = List.copyOf(all);
            return this;
        }

        /**
         * The arm shares of every segment without its own.
         *
         * @param shares one per arm, each in [0, 1], summing to 1
         * @throws IllegalArgumentException if the count differs from the arms or the shares do not sum to one
         * @throws IllegalStateException if the arms are not set yet or the default shares were already set
         */
        public Builder shares(double... shares) {
            Checks.notYetSet("shares", defaultShares != null);
            defaultShares = check("the default shares", shares);
            return this;
        }

        /**
         * The arm shares of one segment.
         *
         * @throws IllegalArgumentException as {@link #shares(double...)}
         * @throws IllegalStateException if this segment's shares were already set
         */
        public Builder shares(String segment, double... shares) {
            Checks.notNull("segment", segment);
            Checks.notYetSet("shares of segment '" + segment + "'", segmentShares.containsKey(segment));
            segmentShares.put(segment, check("the shares of segment '" + segment + "'", shares));
            return this;
        }

        private double[] check(String what, double[] shares) {
            if (arms == null) {
                throw new IllegalStateException("Set the arms before their shares");
            }
            Checks.notNull("shares", shares);
            if (shares.length != arms.size()) {
                throw new IllegalArgumentException(what + " give " + shares.length + " values for the "
                        + arms.size() + " arms " + arms);
            }
            double sum = 0;
            for (int a = 0; a < shares.length; a++) {
                if (!(shares[a] >= 0 && shares[a] <= 1)) {
                    throw new IllegalArgumentException(what + ": the share of arm '" + arms.get(a)
                            + "' must be in [0, 1] but was " + shares[a]);
                }
                sum += shares[a];
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new IllegalArgumentException(what + " " + Arrays.toString(shares) + " sum to " + sum
                        + ", not 1");
            }
            return shares.clone();
        }

        /**
         * The experiment.
         *
         * @throws IllegalStateException if the arms or the default shares are not set
         */
        public Experiment build() {
            if (arms == null) {
                throw new IllegalStateException("Set the arms with arms(control, treatment...)");
            }
            if (defaultShares == null) {
                throw new IllegalStateException("Set the default shares with shares(...)");
            }
            return new Experiment(this);
        }
    }
}
