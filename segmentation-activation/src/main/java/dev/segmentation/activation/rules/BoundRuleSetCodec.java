/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link BoundRuleSet} as model type {@code "rule-set"}. Registered for {@link java.util.ServiceLoader};
 * applications use {@link dev.segmentation.core.io.ModelIO} rather than this class.
 *
 * <p>Parameters: {@code schema} (a list of {@code {name, type, levels}}; {@code levels} only for categorical
 * features), {@code rules} (a list of {@code {name, when}}, {@code when} being the condition in the rule language)
 * and, if there is a default segment, {@code otherwise}. Rules are stored as their canonical text, so a model file
 * reads like the rules a person wrote; loading parses and binds them again, so a file whose rules do not parse,
 * name an unknown feature or misuse a type is refused with the parameter's path.
 *
 * <p>The static helpers are for the codecs of other models that hold rules (the hybrid segmentation).
 *
 * @since 0.1
 */
public final class BoundRuleSetCodec implements ModelCodec<BoundRuleSet> {
    /** For the service loader. */
    public BoundRuleSetCodec() {
    }

    @Override
    public String type() {
        return "rule-set";
    }

    @Override
    public Class<BoundRuleSet> modelClass() {
        return BoundRuleSet.class;
    }

    @Override
    public Section encode(BoundRuleSet model) {
        Section.Builder b = Section.builder().putSections("schema", encodeSchema(model.schema()));
        encodeRules(model.ruleSet(), b);
        return b.build();
    }

    @Override
    public BoundRuleSet decode(Section s, int version) throws ModelFormatException {
        RuleSchema schema = decodeSchema(s, "schema");
        RuleSet rules = decodeRules(s);
        try {
            return rules.bind(schema);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Invalid rules in '" + s.path() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Lineage lineageOf(BoundRuleSet model) {
        return Lineage.builder().features(model.schema().names()).build();
    }

    /** The sections of a schema's features. */
    public static List<Section> encodeSchema(RuleSchema schema) {
        List<Section> out = new ArrayList<>(schema.size());
        for (int j = 0; j < schema.size(); j++) {
            String name = schema.names().get(j);
            Section.Builder f = Section.builder().put("name", name);
            if (schema.type(j) == RuleSchema.Type.NUMERIC) {
                f.put("type", "numeric");
            } else {
                f.put("type", "categorical").put("levels", schema.levels(name));
            }
            out.add(f.build());
        }
        return out;
    }

    /**
     * Reads the schema written by {@link #encodeSchema} under parameter {@code name} of {@code s}.
     *
     * @throws ModelFormatException if a feature is malformed, repeated or of an unknown type
     */
    public static RuleSchema decodeSchema(Section s, String name) throws ModelFormatException {
        List<Section> features = s.getSections(name);
        RuleSchema.Builder b = RuleSchema.builder();
        for (Section f : features) {
            String feature = f.getString("name");
            String type = f.getString("type");
            try {
                if (type.equals("numeric")) {
                    b.numeric(feature);
                } else if (type.equals("categorical")) {
                    b.categorical(feature, f.getStrings("levels", -1));
                } else {
                    throw new ModelFormatException("Parameter '" + f.path() + ".type' = \"" + type
                            + "\" is not numeric or categorical");
                }
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("Invalid feature in '" + f.path() + "': " + e.getMessage(), e);
            }
        }
        try {
            return b.build();
        } catch (IllegalStateException e) {
            throw new ModelFormatException("Parameter '" + s.path() + "." + name + "' holds no feature", e);
        }
    }

    /** Adds {@code rules} and, if any, {@code otherwise} to {@code b}. */
    public static void encodeRules(RuleSet rules, Section.Builder b) {
        List<Section> out = new ArrayList<>(rules.size());
        for (Rule r : rules.rules()) {
            out.add(Section.builder().put("name", r.name()).put("when", r.when().toString()).build());
        }
        b.putSections("rules", out);
        rules.otherwise().ifPresent(o -> b.put("otherwise", o));
    }

    /**
     * Reads what {@link #encodeRules} wrote.
     *
     * @throws ModelFormatException naming the parameter if a condition does not parse, a name repeats or there are
     *     no rules
     */
    public static RuleSet decodeRules(Section s) throws ModelFormatException {
        RuleSet.Builder b = RuleSet.builder();
        List<Section> rules = s.getSections("rules");
        for (int i = 0; i < rules.size(); i++) {
            Section r = rules.get(i);
            String where = (s.path().isEmpty() ? "" : s.path() + ".") + "rules[" + i + "]";
            String when = r.getString("when");
            try {
                b.rule(r.getString("name"), Condition.parse(when));
            } catch (RuleSyntaxException e) {
                throw new ModelFormatException("Parameter '" + where + ".when' is not a condition: "
                        + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("Invalid rule in '" + where + "': " + e.getMessage(), e);
            }
        }
        try {
            if (s.has("otherwise")) {
                b.otherwise(s.getString("otherwise"));
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException("Invalid rules in '" + s.path() + "': " + e.getMessage(), e);
        }
    }
}
