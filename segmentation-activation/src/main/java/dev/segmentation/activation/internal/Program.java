/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.internal;

import java.util.Arrays;

/**
 * A compiled rule set: a branching program over one record, evaluated without allocation. Not API.
 *
 * <h2>Design</h2>
 * Every node tests one feature against constants and has three successors: where to go when the test is true,
 * false, or unknown (the feature is missing). A successor {@code s >= 0} is another node; {@code s < 0} ends the
 * evaluation with the outcome {@code -1 - s} (for a rule set, the label of the rule that matched, or the label
 * for no match). Boolean structure (and, or, not, first match wins) is compiled into the successors, so
 * evaluation needs no stack and stops at the first decisive test: the cost is one array walk of at most the
 * number of nodes, typically a few nodes per rule.
 *
 * <p>Every comparison is stored as an interval: {@code x < a} is {@code -inf <= x <= nextDown(a)}, {@code x > a}
 * is {@code nextUp(a) <= x <= +inf}, {@code x = a} is {@code a <= x <= a}, {@code x != a} is the same interval
 * with the true and false successors swapped, and "is missing" is an empty interval whose unknown successor is its
 * true successor. So the loop has one test of one shape ({@code lo <= x & x <= hi}), no dispatch on the
 * operation, and only set membership takes another path.
 *
 * <p>Invariants: node {@code i}'s fields are at {@code code[i * STRIDE ...]} and {@code args[2 i], args[2 i + 1]};
 * set members of a node are {@code sets[start .. start + length)}, sorted ascending; successors always point to
 * nodes of lower index or to outcomes (nodes are added after their successors), so every evaluation terminates.
 *
 * <p>Thread-safe and immutable once built.
 */
public final class Program {
    /** {@code x < a}. */
    public static final int LT = 0;
    /** {@code x <= a}. */
    public static final int LE = 1;
    /** {@code x > a}. */
    public static final int GT = 2;
    /** {@code x >= a}. */
    public static final int GE = 3;
    /** {@code x == a}. */
    public static final int EQ = 4;
    /** {@code x != a}. */
    public static final int NE = 5;
    /** {@code a <= x <= b}. */
    public static final int BETWEEN = 6;
    /** {@code x} is one of the set's values. */
    public static final int IN = 7;
    /** {@code x} is missing (true), else false; never unknown. */
    public static final int MISSING = 8;

    /** Test outcomes of {@link #test}. */
    public static final int FALSE = 0;
    /** True. */
    public static final int TRUE = 1;
    /** Unknown: the value is missing. */
    public static final int UNKNOWN = 2;

    private static final int STRIDE = 8;
    private static final int FEATURE = 0;
    private static final int OP = 1;
    private static final int ON_TRUE = 2;
    private static final int ON_FALSE = 3;
    private static final int ON_UNKNOWN = 4;
    private static final int SET_START = 5;
    private static final int SET_LENGTH = 6;
    /**
     * Above this many set members a node searches its set by bisection instead of a scan. (A node tests its set
     * when its set length is not zero, and otherwise the interval {@code args[2 i] <= x <= args[2 i + 1]}.)
     */
    private static final int LINEAR_SET = 8;

    private final int[] code;
    private final double[] args;
    private final double[] sets;
    private final int entry;
    private final int nodes;

    private Program(int[] code, double[] args, double[] sets, int entry, int nodes) {
        this.code = code;
        this.args = args;
        this.sets = sets;
        this.entry = entry;
        this.nodes = nodes;
    }

    /** The number of test nodes. */
    public int size() {
        return nodes;
    }

    /**
     * Runs the program on the record at {@code record[offset ..]}.
     *
     * @return the outcome
     */
    public int run(double[] record, int offset) {
        final int[] c = code;
        final double[] bounds = args;
        int pc = entry;
        while (pc >= 0) {
            final int base = pc * STRIDE;
            final double x = record[offset + c[base + FEATURE]];
            if (x != x) {
                pc = c[base + ON_UNKNOWN];
            } else if (c[base + SET_LENGTH] == 0) {
                pc = x >= bounds[2 * pc] & x <= bounds[2 * pc + 1] ? c[base + ON_TRUE] : c[base + ON_FALSE];
            } else {
                pc = contains(sets, c[base + SET_START], c[base + SET_LENGTH], x) ? c[base + ON_TRUE]
                        : c[base + ON_FALSE];
            }
        }
        return -1 - pc;
    }

    private static boolean contains(double[] sets, int start, int length, double x) {
        if (length <= LINEAR_SET) {
            for (int i = start, end = start + length; i < end; i++) {
                if (sets[i] == x) {
                    return true;
                }
            }
            return false;
        }
        int lo = start;
        int hi = start + length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            double v = sets[mid];
            if (v < x) {
                lo = mid + 1;
            } else if (v > x) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /**
     * The three-valued outcome of one test on a value, as a node would compute it ({@link #TRUE}, {@link #FALSE},
     * {@link #UNKNOWN}).
     *
     * @param set sorted members for {@link #IN}, else ignored
     */
    public static int test(int op, double a, double b, double[] set, double x) {
        if (x != x) {
            return op == MISSING ? TRUE : UNKNOWN;
        }
        boolean r;
        switch (op) {
            case LT:
                r = x < a;
                break;
            case LE:
                r = x <= a;
                break;
            case GT:
                r = x > a;
                break;
            case GE:
                r = x >= a;
                break;
            case EQ:
                r = x == a;
                break;
            case NE:
                r = x != a;
                break;
            case BETWEEN:
                r = x >= a && x <= b;
                break;
            case IN:
                r = contains(set, 0, set.length, x);
                break;
            case MISSING:
                r = false;
                break;
            default:
                throw new IllegalArgumentException("Unknown operation " + op);
        }
        return r ? TRUE : FALSE;
    }

    /** The successor value that ends an evaluation with {@code outcome}. */
    public static int outcome(int outcome) {
        if (outcome < 0) {
            throw new IllegalArgumentException("outcome must be >= 0 but was " + outcome);
        }
        return -1 - outcome;
    }

    /** Builds a program node by node; successors must exist before the node that points to them. */
    public static final class Builder {
        /** More nodes than this is refused: a condition that large is a mistake, not a rule. */
        public static final int MAX_NODES = 1 << 20;

        private int[] code = new int[16 * STRIDE];
        private double[] args = new double[32];
        private double[] sets = new double[16];
        private int nodes;
        private int setSize;

        /**
         * Adds a node and returns its successor value (its index).
         *
         * @param set the members for {@link #IN} (copied and sorted), else ignored
         * @throws IllegalArgumentException if a successor does not exist yet or the program grows too large
         */
        public int node(int feature, int op, double a, double b, double[] set, int onTrue, int onFalse,
                        int onUnknown) {
            if (nodes >= MAX_NODES) {
                throw new IllegalArgumentException("The rules compile to more than " + MAX_NODES
                        + " tests; simplify them (deeply nested or/and of not)");
            }
            checkSuccessor(onTrue);
            checkSuccessor(onFalse);
            checkSuccessor(onUnknown);
            if (op < LT || op > MISSING) {
                throw new IllegalArgumentException("Unknown operation " + op);
            }
            if (op == IN && set.length == 0) {
                throw new IllegalArgumentException("An 'in' test needs at least one member");
            }
            if ((nodes + 1) * STRIDE > code.length) {
                code = Arrays.copyOf(code, code.length * 2);
                args = Arrays.copyOf(args, args.length * 2);
            }
            int base = nodes * STRIDE;
            code[base + FEATURE] = feature;
            code[base + OP] = op;
            // every comparison becomes lo <= x <= hi; != is == with its successors swapped; "is missing" is an
            // empty interval (false for a present value) whose unknown successor is its true successor
            double lo;
            double hi;
            boolean swap = false;
            switch (op) {
                case LT:
                    lo = Double.NEGATIVE_INFINITY;
                    hi = Math.nextDown(a);
                    break;
                case LE:
                    lo = Double.NEGATIVE_INFINITY;
                    hi = a;
                    break;
                case GT:
                    lo = Math.nextUp(a);
                    hi = Double.POSITIVE_INFINITY;
                    break;
                case GE:
                    lo = a;
                    hi = Double.POSITIVE_INFINITY;
                    break;
                case EQ:
                    lo = a;
                    hi = a;
                    break;
                case NE:
                    lo = a;
                    hi = a;
                    swap = true;
                    break;
                case BETWEEN:
                    lo = a;
                    hi = b;
                    break;
                case MISSING:
                    lo = Double.POSITIVE_INFINITY;
                    hi = Double.NEGATIVE_INFINITY;
                    break;
                default:
                    lo = 0;
                    hi = 0;
                    break;
            }
            code[base + ON_TRUE] = swap ? onFalse : onTrue;
            code[base + ON_FALSE] = swap ? onTrue : onFalse;
            code[base + ON_UNKNOWN] = op == MISSING ? onTrue : onUnknown;
            if (op == IN) {
                double[] sorted = set.clone();
                Arrays.sort(sorted);
                while (setSize + sorted.length > sets.length) {
                    sets = Arrays.copyOf(sets, sets.length * 2);
                }
                System.arraycopy(sorted, 0, sets, setSize, sorted.length);
                code[base + SET_START] = setSize;
                code[base + SET_LENGTH] = sorted.length;
                setSize += sorted.length;
            }
            args[2 * nodes] = lo;
            args[2 * nodes + 1] = hi;
            return nodes++;
        }

        private void checkSuccessor(int s) {
            if (s >= nodes) {
                throw new IllegalArgumentException("Successor " + s + " is not a node yet (" + nodes + " nodes)");
            }
        }

        /**
         * The program that starts at {@code entry} (a node or an outcome).
         *
         * @throws IllegalArgumentException if the entry is not a node
         */
        public Program build(int entry) {
            checkSuccessor(entry);
            return new Program(Arrays.copyOf(code, nodes * STRIDE), Arrays.copyOf(args, nodes * 2),
                    Arrays.copyOf(sets, setSize), entry, nodes);
        }
    }
}
