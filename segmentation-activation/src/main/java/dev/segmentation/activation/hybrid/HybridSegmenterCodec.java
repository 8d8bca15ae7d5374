/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.hybrid;

import dev.segmentation.activation.rules.BoundRuleSetCodec;
import dev.segmentation.activation.rules.RuleSchema;
import dev.segmentation.activation.rules.RuleSyntaxException;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link HybridSegmenter} as model type {@code "hybrid-segmenter"}. Registered for
 * {@link java.util.ServiceLoader}; applications use {@link dev.segmentation.core.io.ModelIO}.
 *
 * <p>Parameters: {@code schema} (as the rule-set codec writes it), {@code rules} (the precedence rules as
 * {@code {name, when}}; may be empty), {@code clusters} (the cluster model, nested with its own type),
 * {@code merges} ({@code {name, clusters}}), {@code splits} ({@code {cluster, when, name, otherwise}}),
 * {@code renames} ({@code {cluster, name}}) and optionally {@code fallback}. Loading rebuilds the model through its
 * builder, so every check of {@link HybridSegmenter.Builder#build()} applies to a file, and a failure names the
 * parameter.
 *
 * @since 0.1
 */
public final class HybridSegmenterCodec implements ModelCodec<HybridSegmenter> {
    /** For the service loader. */
    public HybridSegmenterCodec() {
    }

    @Override
    public String type() {
        return "hybrid-segmenter";
    }

    @Override
    public Class<HybridSegmenter> modelClass() {
        return HybridSegmenter.class;
    }

    @Override
    public Section encode(HybridSegmenter model) {
        HybridSegmenter.Builder spec = model.spec();
        Section.Builder b = Section.builder().putSections("schema", BoundRuleSetCodec.encodeSchema(spec.schema()));
        if (spec.rules() != null) {
            BoundRuleSetCodec.encodeRules(spec.rules(), b);
        } else {
            b.putSections("rules", List.of());
        }
        b.put("clusters", ClusterStage.bind(spec.scorer(), spec.schema()).encode());
        List<Section> merges = new ArrayList<>();
        for (HybridSegmenter.Merge m : spec.merges()) {
            int[] c = new int[m.clusters().size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = m.clusters().get(i);
            }
            merges.add(Section.builder().put("name", m.name()).put("clusters", c).build());
        }
        b.putSections("merges", merges);
        List<Section> splits = new ArrayList<>();
        for (HybridSegmenter.Split s : spec.splits()) {
            splits.add(Section.builder().put("cluster", (long) s.cluster()).put("when", s.when().toString())
                    .put("name", s.whenTrue()).put("otherwise", s.otherwise()).build());
        }
        b.putSections("splits", splits);
        List<Section> renames = new ArrayList<>();
        for (Map.Entry<Integer, String> e : spec.renames().entrySet()) {
            renames.add(Section.builder().put("cluster", (long) e.getKey()).put("name", e.getValue()).build());
        }
        b.putSections("renames", renames);
        if (spec.fallbackName() != null) {
            b.put("fallback", spec.fallbackName());
        }
        return b.build();
    }

    @Override
    public HybridSegmenter decode(Section s, int version) throws ModelFormatException {
        RuleSchema schema = BoundRuleSetCodec.decodeSchema(s, "schema");
        HybridSegmenter.Builder b = HybridSegmenter.builder(schema);
        String where = s.path().isEmpty() ? "" : s.path() + ".";
        try {
            if (!s.getSections("rules").isEmpty()) {
                b.rules(BoundRuleSetCodec.decodeRules(s));
            }
            b.clusters(ClusterStage.decode(s.getSection("clusters")));
            List<Section> merges = s.getSections("merges");
            for (Section m : merges) {
                b.merge(m.getString("name"), m.getInts("clusters", -1));
            }
            List<Section> splits = s.getSections("splits");
            for (int i = 0; i < splits.size(); i++) {
                Section sp = splits.get(i);
                try {
                    b.split(sp.getInt("cluster", 0, Integer.MAX_VALUE), sp.getString("when"), sp.getString("name"),
                            sp.getString("otherwise"));
                } catch (RuleSyntaxException e) {
                    throw new ModelFormatException("Parameter '" + where + "splits[" + i + "].when' is not a "
                            + "condition: " + e.getMessage(), e);
                }
            }
            for (Section r : s.getSections("renames")) {
                b.rename(r.getInt("cluster", 0, Integer.MAX_VALUE), r.getString("name"));
            }
            if (s.has("fallback")) {
                b.fallback(s.getString("fallback"));
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException("Invalid hybrid segmentation in '" + s.path() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Lineage lineageOf(HybridSegmenter model) {
        return Lineage.builder().features(model.schema().names()).build();
    }
}
