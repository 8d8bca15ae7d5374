/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import dev.segmentation.activation.internal.Program;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Conditions bound to a schema: feature names resolved to record indices, types checked, string literals replaced
 * by level codes; and their compilation to a {@link Program}. Package-private.
 */
final class Bound {
    private Bound() {
    }

    /** A bound condition. */
    interface Node {
    }

    /** One test of one feature; {@code set} is sorted for {@link Program#IN}. */
    static final class Atom implements Node {
        final int feature;
        final int op;
        final double a;
        final double b;
        final double[] set;

        Atom(int feature, int op, double a, double b, double[] set) {
            this.feature = feature;
            this.op = op;
            this.a = a;
            this.b = b;
            this.set = set;
        }
    }

    /** All operands true. */
    static final class All implements Node {
        final Node[] operands;

        All(Node[] operands) {
            this.operands = operands;
        }
    }

    /** Any operand true. */
    static final class Any implements Node {
        final Node[] operands;

        Any(Node[] operands) {
            this.operands = operands;
        }
    }

    /** The negation. */
    static final class Negation implements Node {
        final Node operand;

        Negation(Node operand) {
            this.operand = operand;
        }
    }

    /** A constant. */
    static final class Const implements Node {
        static final Const TRUE = new Const(true);
        static final Const FALSE = new Const(false);
        final boolean value;

        private Const(boolean value) {
            this.value = value;
        }
    }

    // ------------------------------------------------------------------------------------------ binding

    /**
     * Binds a condition to a schema.
     *
     * @param where the rule, for messages ("rule 'VIP'")
     * @throws IllegalArgumentException naming the rule, the feature and the problem if a feature is unknown, a
     *     predicate does not suit the feature's type, or a string is not one of the feature's levels
     */
    static Node bind(Condition c, RuleSchema schema, String where) {
        if (c instanceof Nodes.Compare) {
            Nodes.Compare x = (Nodes.Compare) c;
            int j = feature(schema, x.feature(), where);
            if (schema.type(j) != RuleSchema.Type.NUMERIC) {
                throw new IllegalArgumentException(where + ": feature '" + x.feature() + "' is categorical, so '"
                        + x.feature() + " " + x.op().symbol + " " + Nodes.number(x.value()) + "' is not allowed; "
                        + (x.op().ordering() ? "'" + x.op().symbol + "' needs a numeric feature"
                        : "compare it with strings, as in " + x.feature() + " = \"...\""));
            }
            return new Atom(j, op(x.op()), x.value(), 0, null);
        }
        if (c instanceof Nodes.Between) {
            Nodes.Between x = (Nodes.Between) c;
            int j = numeric(schema, x.feature(), "between", where);
            return new Atom(j, Program.BETWEEN, x.low(), x.high(), null);
        }
        if (c instanceof Nodes.NumberIn) {
            Nodes.NumberIn x = (Nodes.NumberIn) c;
            int j = numeric(schema, x.feature(), "in (numbers)", where);
            double[] set = new double[x.values().size()];
            for (int i = 0; i < set.length; i++) {
                set[i] = x.values().get(i);
            }
            return in(j, set);
        }
        if (c instanceof Nodes.TextIn) {
            Nodes.TextIn x = (Nodes.TextIn) c;
            int j = feature(schema, x.feature(), where);
            if (schema.type(j) != RuleSchema.Type.CATEGORICAL) {
                throw new IllegalArgumentException(where + ": feature '" + x.feature() + "' is numeric; compare it "
                        + "with numbers, not the string " + Nodes.string(x.values().get(0)));
            }
            double[] set = new double[x.values().size()];
            for (int i = 0; i < set.length; i++) {
                String v = x.values().get(i);
                int code = schema.levelIndex(j, v);
                if (code < 0) {
                    List<String> levels = schema.levels(x.feature());
                    throw new IllegalArgumentException(where + ": " + Nodes.string(v) + " is not a level of feature '"
                            + x.feature() + "' (" + levels.size() + " levels: " + preview(levels)
                            + "); declare it in the schema if records can hold it");
                }
                set[i] = code;
            }
            return in(j, set);
        }
        if (c instanceof Nodes.Missing) {
            return new Atom(feature(schema, ((Nodes.Missing) c).feature(), where), Program.MISSING, 0, 0, null);
        }
        if (c instanceof Nodes.Not) {
            return new Negation(bind(((Nodes.Not) c).operand(), schema, where));
        }
        if (c instanceof Nodes.And) {
            return new All(bindAll(((Nodes.And) c).operands(), schema, where));
        }
        if (c instanceof Nodes.Or) {
            return new Any(bindAll(((Nodes.Or) c).operands(), schema, where));
        }
        return ((Nodes.Constant) c).value() ? Const.TRUE : Const.FALSE;
    }

    private static Node in(int feature, double[] set) {
        if (set.length == 1) {
            return new Atom(feature, Program.EQ, set[0], 0, null);
        }
        double[] sorted = set.clone();
        java.util.Arrays.sort(sorted);
        return new Atom(feature, Program.IN, 0, 0, sorted);
    }

    private static Node[] bindAll(List<Condition> ops, RuleSchema schema, String where) {
        Node[] out = new Node[ops.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bind(ops.get(i), schema, where);
        }
        return out;
    }

    private static int feature(RuleSchema schema, String name, String where) {
        int j = schema.indexOf(name);
        if (j < 0) {
            String near = nearest(name, schema.names());
            throw new IllegalArgumentException(where + ": unknown feature '" + name + "'"
                    + (near == null ? "" : " (did you mean '" + near + "'?)") + "; the schema has " + schema.names());
        }
        return j;
    }

    private static int numeric(RuleSchema schema, String name, String what, String where) {
        int j = feature(schema, name, where);
        if (schema.type(j) != RuleSchema.Type.NUMERIC) {
            throw new IllegalArgumentException(where + ": feature '" + name + "' is categorical; '" + what
                    + "' needs a numeric feature");
        }
        return j;
    }

    private static int op(Nodes.Op op) {
        switch (op) {
            case LT:
                return Program.LT;
            case LE:
                return Program.LE;
            case GT:
                return Program.GT;
            case GE:
                return Program.GE;
            case EQ:
                return Program.EQ;
            default:
                return Program.NE;
        }
    }

    private static String preview(List<String> levels) {
        if (levels.size() <= 8) {
            return String.valueOf(levels);
        }
        return levels.subList(0, 8).toString().replace("]", ", ...]");
    }

    /** The name at the smallest edit distance (at most 2, case-insensitive), or null. */
    private static String nearest(String name, List<String> names) {
        String best = null;
        int bestDistance = 3;
        for (String n : names) {
            int d = distance(name.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ------------------------------------------------------------------------------------------ compiling

    /**
     * Compiles conditions in first-match order: outcome {@code i} when condition {@code i} is the first that is
     * true, outcome {@code noMatch} when none is. A condition that is unknown does not match.
     */
    static Program compileFirstMatch(List<Node> conditions, int noMatch) {
        Compiler c = new Compiler();
        int next = Program.outcome(noMatch);
        for (int i = conditions.size() - 1; i >= 0; i--) {
            next = c.compile(conditions.get(i), Program.outcome(i), next, next);
        }
        return c.builder.build(next);
    }

    /** Compiles one condition to the outcomes 0 (true), 1 (false) and 2 (unknown). */
    static Program compileTruth(Node condition) {
        Compiler c = new Compiler();
        return c.builder.build(c.compile(condition, Program.outcome(0), Program.outcome(1), Program.outcome(2)));
    }

    /**
     * Compiles with three continuations per node (true, false, unknown) and memoises on (node, continuations), so
     * that the unknown branch of a conjunction shares code instead of doubling it.
     */
    private static final class Compiler {
        final Program.Builder builder = new Program.Builder();
        final Map<Key, Integer> memo = new HashMap<>();

        private record Key(Node node, int onTrue, int onFalse, int onUnknown) {
        }

        int compile(Node n, int t, int f, int u) {
            if (t == f && f == u) {
                return t;
            }
            Key key = new Key(n, t, f, u);
            Integer done = memo.get(key);
            if (done != null) {
                return done;
            }
            int out;
            if (n instanceof Atom) {
                Atom a = (Atom) n;
                out = builder.node(a.feature, a.op, a.a, a.b, a.set, t, f, u);
            } else if (n instanceof Const) {
                out = ((Const) n).value ? t : f;
            } else if (n instanceof Negation) {
                out = compile(((Negation) n).operand, f, t, u);
            } else if (n instanceof All) {
                Node[] ops = ((All) n).operands;
                int allTrue = t;
                int someUnknown = u;
                for (int i = ops.length - 1; i >= 0; i--) {
                    int nextTrue = compile(ops[i], allTrue, f, someUnknown);
                    if (i > 0) {
                        someUnknown = compile(ops[i], someUnknown, f, someUnknown);
                    }
                    allTrue = nextTrue;
                }
                out = allTrue;
            } else {
                Node[] ops = ((Any) n).operands;
                int allFalse = f;
                int someUnknown = u;
                for (int i = ops.length - 1; i >= 0; i--) {
                    int nextFalse = compile(ops[i], t, allFalse, someUnknown);
                    if (i > 0) {
                        someUnknown = compile(ops[i], t, someUnknown, someUnknown);
                    }
                    allFalse = nextFalse;
                }
                out = allFalse;
            }
            memo.put(key, out);
            return out;
        }
    }
}
