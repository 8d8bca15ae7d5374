/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import dev.segmentation.core.internal.Checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The node types of {@link Condition} and the printer of the canonical text. Package-private: users see
 * {@link Condition} only.
 *
 * <p>Invariants: feature names are not blank; literals are finite; {@code in} lists are not empty; {@link And} and
 * {@link Or} hold at least two operands and never an operand of their own kind (nested conjunctions are
 * flattened), so that {@code a and (b and c)} and {@code (a and b) and c} are one value.
 */
final class Nodes {
    private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "between", "is", "missing", "null",
            "true", "false");

    private Nodes() {
    }

    /** Comparison operators of {@link Compare}. */
    enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("="), NE("!=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** Whether the operator orders values (and so needs a numeric feature). */
        boolean ordering() {
            return this != EQ && this != NE;
        }
    }

    /** {@code feature op number}. */
    record Compare(String feature, Op op, double value) implements Condition {
        Compare {
            name(feature);
            finite("value", value);
        }

        @Override
        public String toString() {
            return print(this);
        }
    }

    /** {@code feature between low and high}, both ends included. */
    record Between(String feature, double low, double high) implements Condition {
        Between {
            name(feature);
            finite("low", low);
            finite("high", high);
        }

        @Override
        public String toString() {
            return print(this);
        }
    }

    /** {@code feature in (numbers)}. */
    record NumberIn(String feature, List<Double> values) implements Condition {
        NumberIn {
            name(feature);
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("'in' needs at least one value for feature '" + feature + "'");
            }
            for (int i = 0; i < values.size(); i++) {
                finite("values[" + i + "]", values.get(i));
            }
        }

        @Override
        public String toString() {
            return print(this);
        }
    }

    /** {@code feature in (strings)}; {@code feature = "x"} is the one-value case. */
    record TextIn(String feature, List<String> values) implements Condition {
        TextIn {
            name(feature);
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("'in' needs at least one value for feature '" + feature + "'");
            }
        }

        @Override
        public String toString() {
            return print(this);
        }
    }

    /** {@code feature is missing}. */
    record Missing(String feature) implements Condition {
        Missing {
            name(feature);
        }

        @Override
        public String toString() {
            return print(this);
        }
    }

    /** {@code not operand}. */
    record Not(Condition operand) implements Condition {
        Not {
            Checks.notNull("operand", operand);
        }

        @Override
        public String toString() {
            return print(this);
        }
    }

    /** {@code a and b and ...}. */
    record And(List<Condition> operands) implements Condition {
        And {
            operands = List.copyOf(operands);
        }

        static Condition of(List<Condition> operands) {
            List<Condition> flat = new ArrayList<>();
            for (int i = 0; i < operands.size(); i++) {
                Condition c = operands.get(i);
                if (c instanceof And) {
                    flat.addAll(((And) c).operands);
                } else {
                    flat.add(c);
                }
            }
            return flat.size() == 1 ? flat.get(0) : new And(flat);
        }

        @Override
        public String toString() {
            return print(this);
        }
    }

    /** {@code a or b or ...}. */
    record Or(List<Condition> operands) implements Condition {
        Or {
            operands = List.copyOf(operands);
        }

        static Condition of(List<Condition> operands) {
            List<Condition> flat = new ArrayList<>();
            for (int i = 0; i < operands.size(); i++) {
                Condition c = operands.get(i);
                if (c instanceof Or) {
                    flat.addAll(((Or) c).operands);
                } else {
                    flat.add(c);
                }
            }
            return flat.size() == 1 ? flat.get(0) : new Or(flat);
        }

        @Override
        public String toString() {
            return print(this);
        }
    }

    /** {@code true} or {@code false}. */
    record Constant(boolean value) implements Condition {
        static final Constant TRUE = new Constant(true);
        static final Constant FALSE = new Constant(false);

        @Override
        public String toString() {
            return value ? "true" : "false";
        }
    }

    static void name(String feature) {
        Checks.notNull("feature", feature);
        if (feature.isBlank()) {
            throw new IllegalArgumentException("A feature name must not be blank but was '" + feature + "'");
        }
    }

    static void finite(String what, double v) {
        if (v - v != 0) {
            throw new IllegalArgumentException(what + " must be finite but was " + v);
        }
    }

    static void collectFeatures(Condition c, Set<String> out) {
        if (c instanceof Compare) {
            out.add(((Compare) c).feature);
        } else if (c instanceof Between) {
            out.add(((Between) c).feature);
        } else if (c instanceof NumberIn) {
            out.add(((NumberIn) c).feature);
        } else if (c instanceof TextIn) {
            out.add(((TextIn) c).feature);
        } else if (c instanceof Missing) {
            out.add(((Missing) c).feature);
        } else if (c instanceof Not) {
            collectFeatures(((Not) c).operand, out);
        } else if (c instanceof And) {
            for (Condition o : ((And) c).operands) {
                collectFeatures(o, out);
            }
        } else if (c instanceof Or) {
            for (Condition o : ((Or) c).operands) {
                collectFeatures(o, out);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ printing

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int ATOM = 4;

    static String print(Condition c) {
        StringBuilder sb = new StringBuilder();
        print(c, sb);
        return sb.toString();
    }

    private static int precedence(Condition c) {
        if (c instanceof Or) {
            return OR;
        }
        if (c instanceof And) {
            return AND;
        }
        if (c instanceof Not) {
            return NOT;
        }
        return ATOM;
    }

    private static void child(Condition c, int parent, StringBuilder sb) {
        if (precedence(c) < parent) {
            sb.append('(');
            print(c, sb);
            sb.append(')');
        } else {
            print(c, sb);
        }
    }

    private static void print(Condition c, StringBuilder sb) {
        if (c instanceof Compare) {
            Compare x = (Compare) c;
            sb.append(quoteName(x.feature)).append(' ').append(x.op.symbol).append(' ').append(number(x.value));
        } else if (c instanceof Between) {
            Between x = (Between) c;
            sb.append(quoteName(x.feature)).append(" between ").append(number(x.low)).append(" and ")
                    .append(number(x.high));
        } else if (c instanceof NumberIn) {
            NumberIn x = (NumberIn) c;
            sb.append(quoteName(x.feature)).append(" in (");
            for (int i = 0; i < x.values.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(number(x.values.get(i)));
            }
            sb.append(')');
        } else if (c instanceof TextIn) {
            TextIn x = (TextIn) c;
            if (x.values.size() == 1) {
                sb.append(quoteName(x.feature)).append(" = ").append(string(x.values.get(0)));
            } else {
                sb.append(quoteName(x.feature)).append(" in (");
                for (int i = 0; i < x.values.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(string(x.values.get(i)));
                }
                sb.append(')');
            }
        } else if (c instanceof Missing) {
            sb.append(quoteName(((Missing) c).feature)).append(" is missing");
        } else if (c instanceof Not) {
            Condition o = ((Not) c).operand;
            if (o instanceof Missing) {
                sb.append(quoteName(((Missing) o).feature)).append(" is not missing");
            } else {
                sb.append("not ");
                child(o, NOT, sb);
            }
        } else if (c instanceof And) {
            List<Condition> ops = ((And) c).operands;
            for (int i = 0; i < ops.size(); i++) {
                sb.append(i == 0 ? "" : " and ");
                child(ops.get(i), AND + 1, sb);
            }
        } else if (c instanceof Or) {
            List<Condition> ops = ((Or) c).operands;
            for (int i = 0; i < ops.size(); i++) {
                sb.append(i == 0 ? "" : " or ");
                child(ops.get(i), OR + 1, sb);
            }
        } else {
            sb.append(c);
        }
    }

    /** A feature name as the language writes it: bare when it can be, else in back quotes. */
    static String quoteName(String name) {
        if (BARE_NAME.matcher(name).matches() && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return "`" + name.replace("`", "``") + "`";
    }

    /** A number that parses back to the same double. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            if (v == 0 && 1 / v < 0) {
                return "-0.0";
            }
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String string(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static boolean isKeyword(String word) {
        return KEYWORDS.contains(word.toLowerCase(Locale.ROOT));
    }
}
