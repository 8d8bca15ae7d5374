/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import dev.segmentation.activation.internal.Program;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a combination of bound conditions can take given truth values on some record: whether a rule
 * can match at all, and whether it can still match after the rules before it. Package-private.
 *
 * <h2>Why this is exact</h2>
 * Every test reads one feature and compares it with constants. The constants on a feature cut its values into
 * finitely many regions: each constant itself, the open interval between two neighbouring constants (skipped
 * when no double lies strictly between them), below the smallest, above the largest, and missing; a categorical
 * feature's regions are its literal codes, "any other value" and missing. Every test has one truth value on a
 * whole region, so a condition is satisfiable if and only if it is satisfied by some choice of one representative
 * value per feature. The search assigns features one at a time and prunes with a three-valued abstract evaluation
 * in which an unassigned feature may take any of its regions' outcomes (a sound over-approximation). It is
 * exponential in the number of features in the worst case; beyond a budget of node evaluations the answer is
 * "undecided", which is reported, never guessed.
 */
final class Reachability {
    /** Outcome bit masks. */
    static final int T = 1;
    static final int F = 2;
    static final int U = 4;
    /** Not true. */
    static final int NOT_TRUE = F | U;

    private static final int BUDGET = 2_000_000;

    private final int[] features;
    private final double[][] reps;
    private final double[] value;
    private final boolean[] assigned;
    private final Map<Bound.Atom, Integer> anyMask = new IdentityHashMap<>();
    private final List<Bound.Node> nodes;
    private final int[] allowed;
    private long work;

    /** The search did not finish within its budget. */
    static final class Undecided extends Exception {
        private static final long serialVersionUID = 1L;

        Undecided() {
            super(null, null, false, false);
        }
    }

    private Reachability(List<Bound.Node> nodes, int[] allowed, RuleSchema schema) {
        this.nodes = nodes;
        this.allowed = allowed;
        Map<Integer, Set<Double>> constants = new java.util.TreeMap<>();
        for (Bound.Node n : nodes) {
            collect(n, constants);
        }
        features = new int[constants.size()];
        reps = new double[constants.size()][];
        int k = 0;
        for (Map.Entry<Integer, Set<Double>> e : constants.entrySet()) {
            features[k] = e.getKey();
            reps[k] = representatives(e.getValue(), schema.type(e.getKey()) == RuleSchema.Type.CATEGORICAL);
            k++;
        }
        value = new double[schema.size()];
        assigned = new boolean[schema.size()];
    }

    /**
     * Whether some record gives every {@code nodes[i]} an outcome in {@code allowed[i]} (a mask of {@link #T},
     * {@link #F}, {@link #U}).
     *
     * @throws Undecided if the search exceeds its budget
     */
    static boolean satisfiable(List<Bound.Node> nodes, int[] allowed, RuleSchema schema) throws Undecided {
        return new Reachability(nodes, allowed, schema).search(0);
    }

    private boolean search(int level) throws Undecided {
        for (int i = 0; i < nodes.size(); i++) {
            if ((eval(nodes.get(i)) & allowed[i]) == 0) {
                return false;
            }
        }
        if (level == features.length) {
            return true;
        }
        int f = features[level];
        assigned[f] = true;
        try {
            for (double v : reps[level]) {
                value[f] = v;
                if (search(level + 1)) {
                    return true;
                }
            }
        } finally {
            assigned[f] = false;
        }
        return false;
    }

    private int eval(Bound.Node n) throws Undecided {
        if (++work > BUDGET) {
            throw new Undecided();
        }
        if (n instanceof Bound.Atom) {
            Bound.Atom a = (Bound.Atom) n;
            if (assigned[a.feature]) {
                return mask(Program.test(a.op, a.a, a.b, a.set, value[a.feature]));
            }
            Integer m = anyMask.get(a);
            if (m == null) {
                int mm = 0;
                double[] r = reps[indexOf(a.feature)];
                for (double v : r) {
                    mm |= mask(Program.test(a.op, a.a, a.b, a.set, v));
                }
                anyMask.put(a, mm);
                m = mm;
            }
            return m;
        }
        if (n instanceof Bound.Const) {
            return ((Bound.Const) n).value ? T : F;
        }
        if (n instanceof Bound.Negation) {
            int m = eval(((Bound.Negation) n).operand);
            return (m & U) | ((m & T) != 0 ? F : 0) | ((m & F) != 0 ? T : 0);
        }
        boolean all = n instanceof Bound.All;
        Bound.Node[] ops = all ? ((Bound.All) n).operands : ((Bound.Any) n).operands;
        int acc = all ? T : F;
        for (Bound.Node op : ops) {
            acc = combine(acc, eval(op), all);
        }
        return acc;
    }

    /** The set of Kleene conjunctions (or disjunctions) of an outcome in {@code a} with one in {@code b}. */
    private static int combine(int a, int b, boolean and) {
        int out = 0;
        for (int x = 1; x <= U; x <<= 1) {
            if ((a & x) == 0) {
                continue;
            }
            for (int y = 1; y <= U; y <<= 1) {
                if ((b & y) != 0) {
                    out |= and ? and(x, y) : or(x, y);
                }
            }
        }
        return out;
    }

    private static int and(int x, int y) {
        if (x == F || y == F) {
            return F;
        }
        return x == T && y == T ? T : U;
    }

    private static int or(int x, int y) {
        if (x == T || y == T) {
            return T;
        }
        return x == F && y == F ? F : U;
    }

    private static int mask(int outcome) {
        return outcome == Program.TRUE ? T : outcome == Program.FALSE ? F : U;
    }

    private int indexOf(int feature) {
        for (int k = 0; k < features.length; k++) {
            if (features[k] == feature) {
                return k;
            }
        }
        throw new IllegalStateException("feature " + feature + " has no regions");
    }

    private static void collect(Bound.Node n, Map<Integer, Set<Double>> out) {
        if (n instanceof Bound.Atom) {
            Bound.Atom a = (Bound.Atom) n;
            Set<Double> s = out.computeIfAbsent(a.feature, k -> new LinkedHashSet<>());
            if (a.op == Program.IN) {
                for (double v : a.set) {
                    s.add(v);
                }
            } else if (a.op != Program.MISSING) {
                s.add(a.a);
                if (a.op == Program.BETWEEN) {
                    s.add(a.b);
                }
            }
        } else if (n instanceof Bound.Negation) {
            collect(((Bound.Negation) n).operand, out);
        } else if (n instanceof Bound.All) {
            for (Bound.Node o : ((Bound.All) n).operands) {
                collect(o, out);
            }
        } else if (n instanceof Bound.Any) {
            for (Bound.Node o : ((Bound.Any) n).operands) {
                collect(o, out);
            }
        }
    }

    /** One value per region of a feature, and NaN (missing). */
    private static double[] representatives(Set<Double> constants, boolean categorical) {
        List<Double> out = new ArrayList<>();
        if (categorical) {
            out.addAll(constants);
            out.add((double) RuleSchema.OTHER);
        } else {
            double[] c = new double[constants.size()];
            int i = 0;
            for (double v : constants) {
                c[i++] = v == 0 ? 0.0 : v; // -0.0 and 0.0 are one region
            }
            Arrays.sort(c);
            c = Arrays.stream(c).distinct().toArray();
            if (c.length == 0) {
                out.add(0.0);
            } else {
                out.add(Math.nextDown(c[0]));
                for (int k = 0; k < c.length; k++) {
                    out.add(c[k]);
                    if (k + 1 < c.length) {
                        double mid = c[k] + (c[k + 1] - c[k]) / 2;
                        if (mid > c[k] && mid < c[k + 1]) {
                            out.add(mid);
                        }
                    }
                }
                out.add(Math.nextUp(c[c.length - 1]));
            }
        }
        out.add(Double.NaN);
        double[] r = new double[out.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = out.get(k);
        }
        return r;
    }
}
