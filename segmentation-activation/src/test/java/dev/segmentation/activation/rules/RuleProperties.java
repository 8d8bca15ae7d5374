package dev.segmentation.activation.rules;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The compiled rules agree with a naive three-valued tree walk ({@link Kleene}) on every record of a grid that
 * covers every region of the constants used; the text form round-trips; and the never-matches / shadowed findings
 * are exactly the rules that no grid record can reach.
 */
class RuleProperties {
    private static final RuleSchema SCHEMA = RuleSchema.builder().numeric("x", "y")
            .categorical("c", List.of("a", "b", "c")).build();
    /** Every region of the integer constants 0..5: below, each constant, between neighbours, above, missing. */
    private static final double[] NUMBERS = {-0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, Double.NaN};
    private static final String[] CATEGORIES = {"a", "b", "c", "other", null};

    @Property(tries = 400)
    void compiledRulesAgreeWithTheNaiveWalk(@ForAll long seed) {
        RuleSet rules = randomRules(new Random(seed));
        BoundRuleSet bound = rules.bind(SCHEMA);
        double[] record = new double[3];
        for (double x : NUMBERS) {
            for (double y : NUMBERS) {
                for (String c : CATEGORIES) {
                    record[0] = x;
                    record[1] = y;
                    record[2] = SCHEMA.code(2, c);
                    Map<String, Object> named = named(x, y, c);
                    int expected = Kleene.firstMatch(rules, named);
                    assertEquals(expected, bound.match(record), () -> rules + " on " + named);
                    for (int r = 0; r < rules.size(); r++) {
                        assertEquals(Kleene.eval(rules.rules().get(r).when(), named) == Kleene.TRUE,
                                bound.matches(r, record));
                    }
                }
            }
        }
    }

    @Property(tries = 300)
    void textRoundTrips(@ForAll long seed) {
        RuleSet rules = randomRules(new Random(seed));
        for (Rule r : rules.rules()) {
            assertEquals(r.when(), Condition.parse(r.when().toString()), r.when()::toString);
        }
        assertEquals(rules, RuleSet.parse(rules.toString()));
    }

    @Property(tries = 300)
    void findingsAreExactlyTheUnreachableRules(@ForAll long seed) {
        RuleSet rules = randomRules(new Random(seed));
        BoundRuleSet bound = rules.bind(SCHEMA);
        boolean[] everTrue = new boolean[rules.size()];
        boolean[] everFirst = new boolean[rules.size() + 1];
        for (double x : NUMBERS) {
            for (double y : NUMBERS) {
                for (String c : CATEGORIES) {
                    Map<String, Object> named = named(x, y, c);
                    for (int r = 0; r < rules.size(); r++) {
                        everTrue[r] |= Kleene.eval(rules.rules().get(r).when(), named) == Kleene.TRUE;
                    }
                    int first = Kleene.firstMatch(rules, named);
                    if (first >= 0) {
                        everFirst[first] = true;
                    }
                }
            }
        }
        for (int r = 0; r < rules.size(); r++) {
            RuleFinding.Kind expected = !everTrue[r] ? RuleFinding.Kind.NEVER_MATCHES
                    : !everFirst[r] ? RuleFinding.Kind.SHADOWED : null;
            assertEquals(expected, kindOf(bound, r), rules::toString);
        }
        assertEquals(everFirst[rules.size()] ? null : RuleFinding.Kind.DEFAULT_UNREACHABLE,
                kindOf(bound, rules.size()), rules::toString);
    }

    private static RuleFinding.Kind kindOf(BoundRuleSet bound, int rule) {
        for (RuleFinding f : bound.findings()) {
            if (f.rule() == rule) {
                return f.kind();
            }
        }
        return null;
    }

    private static Map<String, Object> named(double x, double y, String c) {
        Map<String, Object> m = new HashMap<>();
        m.put("x", x);
        m.put("y", y);
        m.put("c", c);
        return m;
    }

    static RuleSet randomRules(Random rnd) {
        RuleSet.Builder b = RuleSet.builder();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.rule("r" + i, randomCondition(rnd, 3));
        }
        b.otherwise("rest");
        return b.build();
    }

    private static Condition randomCondition(Random rnd, int depth) {
        int kind = rnd.nextInt(depth <= 0 ? 6 : 9);
        String num = rnd.nextBoolean() ? "x" : "y";
        switch (kind) {
            case 0:
            case 1: {
                double v = rnd.nextInt(6);
                switch (rnd.nextInt(6)) {
                    case 0:
                        return Condition.feature(num).lessThan(v);
                    case 1:
                        return Condition.feature(num).atMost(v);
                    case 2:
                        return Condition.feature(num).greaterThan(v);
                    case 3:
                        return Condition.feature(num).atLeast(v);
                    case 4:
                        return Condition.feature(num).equalTo(v);
                    default:
                        return Condition.feature(num).notEqualTo(v);
                }
            }
            case 2:
                return Condition.feature(num).between(rnd.nextInt(6), rnd.nextInt(6));
            case 3: {
                int m = 1 + rnd.nextInt(3);
                double[] vs = new double[m];
                for (int i = 0; i < m; i++) {
                    vs[i] = rnd.nextInt(6);
                }
                return Condition.feature(num).in(vs);
            }
            case 4: {
                List<String> vs = new ArrayList<>();
                int m = 1 + rnd.nextInt(2);
                for (int i = 0; i < m; i++) {
                    vs.add(new String[] {"a", "b", "c"}[rnd.nextInt(3)]);
                }
                return Condition.feature("c").in(vs.toArray(new String[0]));
            }
            case 5:
                return rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? Condition.always() : Condition.never())
                        : Condition.feature(new String[] {"x", "y", "c"}[rnd.nextInt(3)]).isMissing();
            case 6:
                return randomCondition(rnd, depth - 1).not();
            case 7: {
                int m = 2 + rnd.nextInt(2);
                Condition[] ops = new Condition[m];
                for (int i = 0; i < m; i++) {
                    ops[i] = randomCondition(rnd, depth - 1);
                }
                return Condition.allOf(ops);
            }
            default: {
                int m = 2 + rnd.nextInt(2);
                Condition[] ops = new Condition[m];
                for (int i = 0; i < m; i++) {
                    ops[i] = randomCondition(rnd, depth - 1);
                }
                return Condition.anyOf(ops);
            }
        }
    }
}
