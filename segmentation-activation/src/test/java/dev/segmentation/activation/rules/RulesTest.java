package dev.segmentation.activation.rules;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.Section;
import dev.segmentation.features.CustomerTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulesTest {
    private static final RuleSchema SCHEMA = RuleSchema.builder()
            .numeric("recency_days", "monetary", "tenure_days")
            .categorical("country", List.of("United Kingdom", "US", "CA", "France"))
            .build();

    @Test
    void theIssueExampleParsesPrintsAndEqualsTheFluentForm() {
        String text = "recency_days <= 30 and monetary >= 1000 and not country in (\"US\", \"CA\")";
        Condition parsed = Condition.parse(text);
        Condition fluent = Condition.feature("recency_days").atMost(30)
                .and(Condition.feature("monetary").atLeast(1000))
                .and(Condition.feature("country").in("US", "CA").not());
        assertEquals(fluent, parsed);
        assertEquals(text, parsed.toString());
        assertEquals(List.of("recency_days", "monetary", "country"), List.copyOf(parsed.features()));
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        Condition c = Condition.parse("monetary > 1 or recency_days < 2 and not tenure_days = 3");
        Condition expected = Condition.feature("monetary").greaterThan(1)
                .or(Condition.feature("recency_days").lessThan(2).and(Condition.feature("tenure_days").equalTo(3).not()));
        assertEquals(expected, c);
        assertEquals("(monetary > 1 or recency_days < 2) and tenure_days = 3",
                Condition.parse("(monetary > 1 or recency_days < 2) and tenure_days = 3").toString());
    }

    @Test
    void everyFormOfTheLanguageParses() {
        assertEquals(Condition.feature("monetary").between(10, 20), Condition.parse("monetary BETWEEN 10 AND 20"));
        assertEquals(Condition.feature("monetary").between(10, 20).not(), Condition.parse("monetary not between 10 and 20"));
        assertEquals(Condition.feature("country").notIn("US"), Condition.parse("country not in ('US')"));
        assertEquals(Condition.feature("country").notEqualTo("US"), Condition.parse("country != \"US\""));
        assertEquals(Condition.feature("country").notEqualTo("US"), Condition.parse("country <> 'US'"));
        assertEquals(Condition.feature("tenure_days").in(1, 2.5, -3e2), Condition.parse("tenure_days in (1, 2.5, -3e2)"));
        assertEquals(Condition.feature("country").isMissing(), Condition.parse("country is null"));
        assertEquals(Condition.feature("country").isPresent(), Condition.parse("country IS NOT MISSING"));
        assertEquals(Condition.feature("order count").atLeast(2), Condition.parse("`order count` >= 2"));
        assertEquals("`order count` >= 2", Condition.feature("order count").atLeast(2).toString());
        assertEquals("`in` = 1", Condition.feature("in").equalTo(1).toString());
        assertEquals(Condition.feature("x").equalTo("it's \"q\""), Condition.parse("x = 'it\\'s \"q\"'"));
        assertEquals(Condition.always(), Condition.parse("true"));
        assertEquals(Condition.never().not(), Condition.parse("not FALSE"));
        assertEquals(Condition.feature("x").equalTo(-0.0), Condition.parse(Condition.feature("x").equalTo(-0.0).toString()));
        assertEquals(Condition.feature("x").lessThan(1e-7), Condition.parse(Condition.feature("x").lessThan(1e-7).toString()));
    }

    @Test
    void parseErrorsNameTheColumnAndWhatWasExpected() {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("recency_days <= "));
        assertEquals(17, e.column());
        assertEquals("a number or a string after '<='", e.expected());
        assertEquals("the end of the text", e.found());
        assertTrue(e.getMessage().contains("column 17"), e.getMessage());
        assertTrue(e.getMessage().endsWith("recency_days <= \n" + " ".repeat(18) + "^"), e.getMessage());

        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("recency_days 30"));
        assertEquals(14, e.column());
        assertTrue(e.expected().startsWith("a comparison"), e.expected());
        assertEquals("the number 30", e.found());

        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("(monetary > 1"));
        assertEquals("')' to close the '(' at column 1", e.expected());
        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("country in (\"US\", 3)"));
        assertEquals("a number (the list of 'in' started with strings)".replace("number", "string"), e.expected());
        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("country = \"US"));
        assertTrue(e.expected().startsWith("the closing \""), e.expected());
        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("monetary > 1 monetary < 2"));
        assertEquals(14, e.column());
        assertEquals("'and', 'or' or the end of the condition", e.expected());
        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("monetary < \"high\""));
        assertTrue(e.expected().startsWith("a number after '<'"), e.expected());
        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("monetary between 1 2"));
        assertEquals("'and' between the two bounds of 'between'", e.expected());
        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("monetary > 1e999"));
        assertEquals("a number within the range of a double", e.expected());
        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("and x > 1"));
        assertEquals("the keyword 'and'", e.found());
        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("x ! 1"));
        assertEquals(3, e.column());
        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse("x is present"));
        assertEquals("'missing' after 'x is'", e.expected());
        e = assertThrows(RuleSyntaxException.class, () -> Condition.parse(""));
        assertEquals(1, e.column());
    }

    @Test
    void ruleSetTextGivesLineAndRuleInErrors() {
        RuleSet rs = RuleSet.parse("# stages\nnew: tenure_days <= 30\n\nactive : recency_days <= 90\nlapsed: otherwise\n");
        assertEquals(List.of("new", "active", "lapsed"), rs.labels());
        assertEquals(rs, RuleSet.parse(rs.toString()));
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class,
                () -> RuleSet.parse("new: tenure_days <= 30\nactive: recency_days <=< 90"));
        assertEquals(2, e.line());
        assertEquals(24, e.column());
        assertTrue(e.getMessage().startsWith("Rule 'active': Expected"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2, column 24"), e.getMessage());
        e = assertThrows(RuleSyntaxException.class, () -> RuleSet.parse("tenure_days <= 30"));
        assertEquals("'name: condition'", e.expected());
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> RuleSet.parse("a: x > 1\nrest: otherwise\nb: x > 2"));
        assertTrue(late.getMessage().contains("'otherwise' must be the last line"), late.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RuleSet.parse("# nothing\n\n"));
    }

    @Test
    void emptyAndDuplicateRuleSetsAreRefused() {
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> RuleSet.builder().build());
        assertEquals("A rule set needs at least one rule", empty.getMessage());
        assertThrows(IllegalStateException.class, () -> RuleSet.builder().otherwise("all").build());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> RuleSet.builder().rule("VIP", "monetary > 1").rule("VIP", "monetary > 2"));
        assertEquals("Segment name 'VIP' is used twice in the rule set", dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RuleSet.builder().rule(" ", "monetary > 1"));
        RuleSyntaxException bad = assertThrows(RuleSyntaxException.class,
                () -> RuleSet.builder().rule("VIP", "monetary >"));
        assertTrue(bad.getMessage().startsWith("Rule 'VIP': Expected a number"), bad.getMessage());
    }

    @Test
    void bindingRejectsUnknownAndMistypedFeaturesBeforeScoring() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuleSet.builder().rule("VIP", "monetry >= 1000").build().bind(SCHEMA));
        assertEquals("Rule 'VIP': unknown feature 'monetry' (did you mean 'monetary'?); the schema has "
                + "[recency_days, monetary, tenure_days, country]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RuleSet.builder().rule("Far", "country >= 3").build().bind(SCHEMA));
        assertEquals("Rule 'Far': feature 'country' is categorical, so 'country >= 3' is not allowed; '>=' needs "
                + "a numeric feature", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RuleSet.builder().rule("Far", "country = 3").build().bind(SCHEMA));
        assertTrue(e.getMessage().endsWith("compare it with strings, as in country = \"...\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RuleSet.builder().rule("Far", "country between 1 and 2").build().bind(SCHEMA));
        assertEquals("Rule 'Far': feature 'country' is categorical; 'between' needs a numeric feature", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RuleSet.builder().rule("Rich", "monetary = \"high\"").build().bind(SCHEMA));
        assertEquals("Rule 'Rich': feature 'monetary' is numeric; compare it with numbers, not the string \"high\"",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RuleSet.builder().rule("Home", "country = \"Untied Kingdom\"").build().bind(SCHEMA));
        assertTrue(e.getMessage().startsWith("Rule 'Home': \"Untied Kingdom\" is not a level of feature 'country'"),
                e.getMessage());
    }

    @Test
    void missingValuesFollowThreeValuedLogic() {
        BoundRuleSet rules = RuleSet.builder()
                .rule("abroad", "not country in (\"United Kingdom\")")
                .rule("unknown country", "country is missing")
                .rule("big or unknown spender", "monetary >= 1000 or monetary is missing")
                .build().bind(SCHEMA);
        double[] r = SCHEMA.newRecord();
        assertEquals(1, rules.match(r));                   // country missing: not in (...) is unknown, not true
        r[3] = SCHEMA.code(3, "France");
        assertEquals(0, rules.match(r));
        r[3] = SCHEMA.code(3, "Narnia");                   // outside the levels: a known, other value
        assertEquals(RuleSchema.OTHER, r[3]);
        assertEquals(0, rules.match(r));
        r[3] = SCHEMA.code(3, "United Kingdom");
        assertEquals(2, rules.match(r));                   // monetary missing
        r[1] = 10;
        assertEquals(BoundRuleSet.NO_MATCH, rules.match(r));
        r[1] = 1000;
        assertEquals(2, rules.match(r));
        assertEquals(List.of(), rules.findings());
        assertThrows(IllegalArgumentException.class, () -> rules.match(new double[3]));
    }

    @Test
    void rulesThatCanNeverMatchAreReported() {
        BoundRuleSet rules = RuleSet.builder()
                .rule("VIP", "monetary >= 5000")
                .rule("impossible", "monetary > 500 and monetary < 100")
                .rule("backwards", "recency_days between 90 and 30")
                .rule("big", "monetary >= 6000")
                .rule("recent", "recency_days <= 30")
                .rule("any spend", "monetary >= 0 or monetary < 0 or monetary is missing")
                .otherwise("rest")
                .build().bind(SCHEMA);
        List<RuleFinding> f = rules.findings();
        assertEquals(4, f.size(), f::toString);
        assertEquals(new RuleFinding(1, "impossible", RuleFinding.Kind.NEVER_MATCHES, "Rule 'impossible' can never "
                + "match: no record makes 'monetary > 500 and monetary < 100' true"), f.get(0));
        assertEquals(RuleFinding.Kind.NEVER_MATCHES, f.get(1).kind());
        assertEquals(2, f.get(1).rule());
        assertEquals(new RuleFinding(3, "big", RuleFinding.Kind.SHADOWED, "Rule 'big' never assigns anyone: every "
                + "record it matches is taken first by the earlier rule 'VIP'"), f.get(2));
        assertEquals(RuleFinding.Kind.DEFAULT_UNREACHABLE, f.get(3).kind());
        assertEquals(6, f.get(3).rule());
    }

    @Test
    void batchMatchingOverTablesAndDatasets() {
        CustomerTable table = CustomerTable.builder(List.of("c1", "c2", "c3"))
                .numeric("recency_days", new double[] {10, 200, Double.NaN})
                .numeric("monetary", new double[] {5000, 20, 300})
                .numeric("tenure_days", new double[] {400, 10, 50})
                .categorical("country", new String[] {"France", null, "United Kingdom"})
                .build();
        RuleSchema schema = RuleSchema.of(table);
        assertEquals(List.of("France", "United Kingdom"), schema.levels("country"));
        BoundRuleSet rules = LifecycleStages.builder().build().bind(schema);
        assertArrayEquals(new int[] {1, 0, 3}, rules.match(table));
        assertEquals(List.of("new", "active", "at risk", "lapsed"), rules.labels());
        BoundRuleSet numeric = RuleSet.builder().rule("rich", "monetary > 1000").build()
                .bind(RuleSchema.numeric(List.of("monetary")));
        assertArrayEquals(new int[] {0, -1}, numeric.match(Dataset.of(new double[][] {{1, 5000}, {2, 3}},
                List.of("recency_days", "monetary"))));
        assertThrows(IllegalArgumentException.class, () -> rules.match(CustomerTable.builder(List.of("a"))
                .numeric("recency_days", new double[] {1}).build()));
        assertThrows(IllegalStateException.class, () -> LifecycleStages.builder().activeWithinDays(200).build());
    }

    @Test
    void everyForgedParameterIsAFormatErrorOrARuleSet() throws Exception {
        BoundRuleSet rules = RuleSet.parse("VIP: monetary >= 5000 and country in (\"United Kingdom\", \"France\")\n"
                + "new: tenure_days <= 30\nrest: otherwise").bind(SCHEMA);
        dev.segmentation.core.testing.ForgedFiles.assertEveryForgeryIsAFormatErrorOrAModel(
                java.util.Map.of("rules", rules), 20);
    }

    @Test
    void ruleSetsRoundTripThroughTheModelFile(@TempDir Path dir) throws IOException {
        BoundRuleSet rules = RuleSet.parse("VIP: monetary >= 5000 and country in (\"United Kingdom\", \"France\")\n"
                + "new: tenure_days <= 30\nrest: otherwise").bind(SCHEMA);
        Path file = dir.resolve("rules.json");
        ModelIO.write(rules, file);
        BoundRuleSet back = ModelIO.read(file, BoundRuleSet.class);
        assertEquals(rules, back);
        double[] r = SCHEMA.newRecord();
        r[1] = 6000;
        r[3] = SCHEMA.code(3, "France");
        assertEquals(0, back.match(r));
        assertEquals("rule-set", ModelIO.read(file).modelType());
    }

    @Test
    void damagedRuleParametersAreRefusedWithTheirPath() {
        BoundRuleSetCodec codec = new BoundRuleSetCodec();
        Section schema = Section.builder().put("name", "monetary").put("type", "numeric").build();
        Section badText = Section.builder().putSections("schema", List.of(schema))
                .putSections("rules", List.of(Section.builder().put("name", "VIP").put("when", "monetary >").build()))
                .build();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> codec.decode(badText, 1));
        assertTrue(e.getMessage().startsWith("Parameter 'rules[0].when' is not a condition"), e.getMessage());
        Section unknown = Section.builder().putSections("schema", List.of(schema))
                .putSections("rules", List.of(Section.builder().put("name", "VIP").put("when", "spend > 1").build()))
                .build();
        e = assertThrows(ModelFormatException.class, () -> codec.decode(unknown, 1));
        assertTrue(e.getMessage().contains("unknown feature 'spend'"), e.getMessage());
        Section badType = Section.builder().putSections("schema", List.of(Section.builder().put("name", "m")
                .put("type", "boolean").build())).putSections("rules", List.of()).build();
        e = assertThrows(ModelFormatException.class, () -> codec.decode(badType, 1));
        assertTrue(e.getMessage().contains("is not numeric or categorical"), e.getMessage());
        Section noRules = Section.builder().putSections("schema", List.of(schema)).putSections("rules", List.of())
                .build();
        assertThrows(ModelFormatException.class, () -> codec.decode(noRules, 1));
    }

    @Test
    void largeInListsAndSingleRuleTests() {
        double[] many = new double[50];
        for (int i = 0; i < many.length; i++) {
            many[i] = 3 * i;
        }
        BoundRuleSet rules = RuleSet.builder().rule("multiple of 3", Condition.feature("tenure_days").in(many))
                .rule("recent", "recency_days < 10").build().bind(SCHEMA);
        double[] r = SCHEMA.newRecord();
        r[2] = 147;
        r[0] = 5;
        assertEquals(0, rules.match(r));
        assertTrue(rules.matches(1, r));
        r[2] = 148;
        assertEquals(1, rules.match(r));
        assertFalse(rules.matches(0, r));
    }
}
