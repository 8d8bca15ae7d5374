package dev.segmentation.activation.rules;

import java.util.List;
import java.util.Map;

/**
 * A naive reference for the rule language: walks the condition tree over a record of boxed values by name (Double,
 * String, or null for missing) with SQL's three-valued logic written out case by case. Independent of the
 * binder, the compiler and the branching program.
 */
final class Kleene {
    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNKNOWN = 2;

    private Kleene() {
    }

    static int eval(Condition c, Map<String, Object> record) {
        if (c instanceof Nodes.Compare) {
            Nodes.Compare x = (Nodes.Compare) c;
            Double v = (Double) record.get(x.feature());
            if (v == null || v.isNaN()) {
                return UNKNOWN;
            }
            switch (x.op()) {
                case LT:
                    return bool(v < x.value());
                case LE:
                    return bool(v <= x.value());
                case GT:
                    return bool(v > x.value());
                case GE:
                    return bool(v >= x.value());
                case EQ:
                    return bool(v == x.value());
                default:
                    return bool(v != x.value());
            }
        }
        if (c instanceof Nodes.Between) {
            Nodes.Between x = (Nodes.Between) c;
            Double v = (Double) record.get(x.feature());
            return v == null || v.isNaN() ? UNKNOWN : bool(x.low() <= v && v <= x.high());
        }
        if (c instanceof Nodes.NumberIn) {
            Nodes.NumberIn x = (Nodes.NumberIn) c;
            Double v = (Double) record.get(x.feature());
            if (v == null || v.isNaN()) {
                return UNKNOWN;
            }
            for (double w : x.values()) {
                if (w == v) {
                    return TRUE;
                }
            }
            return FALSE;
        }
        if (c instanceof Nodes.TextIn) {
            Nodes.TextIn x = (Nodes.TextIn) c;
            String v = (String) record.get(x.feature());
            return v == null ? UNKNOWN : bool(x.values().contains(v));
        }
        if (c instanceof Nodes.Missing) {
            Object v = record.get(((Nodes.Missing) c).feature());
            return bool(v == null || (v instanceof Double && ((Double) v).isNaN()));
        }
        if (c instanceof Nodes.Not) {
            int v = eval(((Nodes.Not) c).operand(), record);
            return v == UNKNOWN ? UNKNOWN : 1 - v;
        }
        if (c instanceof Nodes.And) {
            List<Condition> ops = ((Nodes.And) c).operands();
            boolean unknown = false;
            for (Condition o : ops) {
                int v = eval(o, record);
                if (v == FALSE) {
                    return FALSE;
                }
                unknown |= v == UNKNOWN;
            }
            return unknown ? UNKNOWN : TRUE;
        }
        if (c instanceof Nodes.Or) {
            List<Condition> ops = ((Nodes.Or) c).operands();
            boolean unknown = false;
            for (Condition o : ops) {
                int v = eval(o, record);
                if (v == TRUE) {
                    return TRUE;
                }
                unknown |= v == UNKNOWN;
            }
            return unknown ? UNKNOWN : FALSE;
        }
        return bool(((Nodes.Constant) c).value());
    }

    /** The first rule whose condition is true, the default label, or -1. */
    static int firstMatch(RuleSet rules, Map<String, Object> record) {
        for (int i = 0; i < rules.size(); i++) {
            if (eval(rules.rules().get(i).when(), record) == TRUE) {
                return i;
            }
        }
        return rules.otherwise().isPresent() ? rules.size() : -1;
    }

    private static int bool(boolean b) {
        return b ? TRUE : FALSE;
    }
}
