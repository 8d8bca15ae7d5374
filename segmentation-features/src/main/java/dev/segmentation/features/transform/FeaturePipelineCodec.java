/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes {@link FittedPipeline} as model type {@code "feature-pipeline"}. Registered for
 * {@link java.util.ServiceLoader}; applications use {@link dev.segmentation.core.io.ModelIO} rather than this
 * class, and a {@code SegmentScorer} nests the pipeline through it.
 *
 * <p>Parameters (layout version 1):
 * <ul>
 *   <li>{@code columns}: the input (= output) column names;</li>
 *   <li>{@code fitRows}: the number of training rows;</li>
 *   <li>{@code steps}: in order, each {@code {"type": "log1p", "columns": [...]}} or
 *       {@code {"type": "standardize", "columns": [...], "mean": [...], "scale": [...],
 *       "constantColumns": [...]}};</li>
 *   <li>{@code fingerprint}: {@link FittedPipeline#fingerprint()}.</li>
 * </ul>
 * Decoding checks every parameter and throws a {@link ModelFormatException} naming it: an empty or repeated
 * column list, an unknown step type, a step column that is not a pipeline column, a mean or scale of the
 * wrong length, a scale that is not finite and positive, a constant column whose scale is not 1, and a
 * fingerprint that does not match the parameters.
 *
 * @since 0.1
 */
public final class FeaturePipelineCodec implements ModelCodec<FittedPipeline> {
    /** The model type. */
    public static final String TYPE = "feature-pipeline";

    /** For the service loader. */
    public FeaturePipelineCodec() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<FittedPipeline> modelClass() {
        return FittedPipeline.class;
    }

    @Override
    public Section encode(FittedPipeline p) {
        List<String> names = p.inputNames();
        Step[] steps = p.steps();
        List<Section> out = new ArrayList<>(steps.length);
        for (int s = 0; s < steps.length; s++) {
            Step step = steps[s];
            Section.Builder b = Section.builder()
                    .put("type", step.type())
                    .put("columns", namesOf(step.columns, names));
            if (step instanceof StandardizeStep) {
                StandardizeStep st = (StandardizeStep) step;
                List<String> constant = new ArrayList<>();
                for (int k = 0; k < st.columns.length; k++) {
                    if (st.constant[k]) {
                        constant.add(names.get(st.columns[k]));
                    }
                }
                b.put("mean", st.mean).put("scale", st.scale).put("constantColumns", constant);
            }
            out.add(b.build());
        }
        return Section.builder()
                .put("columns", names)
                .put("fitRows", p.report().rows())
                .putSections("steps", out)
                .put("fingerprint", p.fingerprint())
                .build();
    }

    private static List<String> namesOf(int[] cols, List<String> names) {
        List<String> out = new ArrayList<>(cols.length);
        for (int k = 0; k < cols.length; k++) {
            out.add(names.get(cols[k]));
        }
        return out;
    }

    @Override
    public FittedPipeline decode(Section s, int version) throws ModelFormatException {
        List<String> names = s.getStrings("columns", -1);
        if (names.isEmpty()) {
            throw new ModelFormatException("Parameter '" + where(s, "columns") + "' is empty");
        }
        uniqueNames(s, "columns", names);
        long fitRows = s.getLong("fitRows");
        if (fitRows < 0) {
            throw new ModelFormatException("Parameter '" + where(s, "fitRows") + "' must be >= 0 but is " + fitRows);
        }
        List<Section> stepSections = s.getSections("steps");
        if (stepSections.isEmpty()) {
            throw new ModelFormatException("Parameter '" + where(s, "steps") + "' is empty");
        }
        Step[] steps = new Step[stepSections.size()];
        for (int i = 0; i < steps.length; i++) {
            Section st = stepSections.get(i);
            String at = st.path().isEmpty() ? where(s, "steps[" + i + "]") : st.path();
            steps[i] = decodeStep(st, at, names);
        }
        FittedPipeline p = new FittedPipeline(names, steps, fitRows, false);
        String fingerprint = s.getString("fingerprint");
        if (!fingerprint.equals(p.fingerprint())) {
            throw new ModelFormatException("Parameter '" + where(s, "fingerprint") + "' is " + fingerprint
                    + " but the decoded parameters hash to " + p.fingerprint());
        }
        return p;
    }

    private static Step decodeStep(Section st, String at, List<String> names) throws ModelFormatException {
        String type = st.getString("type");
        List<String> cols = st.getStrings("columns", -1);
        if (cols.isEmpty()) {
            throw new ModelFormatException("Parameter '" + at + ".columns' is empty");
        }
        int[] idx = new int[cols.size()];
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < idx.length; k++) {
            idx[k] = names.indexOf(cols.get(k));
            if (idx[k] < 0) {
                throw new ModelFormatException("Parameter '" + at + ".columns[" + k + "]' = \"" + cols.get(k)
                        + "\" is not one of the pipeline's columns " + names);
            }
            if (!seen.add(cols.get(k))) {
                throw new ModelFormatException("Parameter '" + at + ".columns' names \"" + cols.get(k) + "\" twice");
            }
        }
        switch (type) {
            case Log1pStep.TYPE:
                return new Log1pStep(idx);
            case StandardizeStep.TYPE:
                double[] mean = st.getDoubles("mean", idx.length);
                double[] scale = st.getDoubles("scale", idx.length);
                for (int k = 0; k < idx.length; k++) {
                    if (!(scale[k] > 0 && scale[k] < Double.POSITIVE_INFINITY)) {
                        throw new ModelFormatException("Parameter '" + at + ".scale[" + k + "]' must be finite and > 0"
                                + " but is " + scale[k]);
                    }
                    if (!(mean[k] - mean[k] == 0)) {
                        throw new ModelFormatException("Parameter '" + at + ".mean[" + k + "]' is not finite: "
                                + mean[k]);
                    }
                }
                List<String> constantNames = st.getStrings("constantColumns", -1);
                boolean[] constant = new boolean[idx.length];
                for (int c = 0; c < constantNames.size(); c++) {
                    int k = cols.indexOf(constantNames.get(c));
                    if (k < 0) {
                        throw new ModelFormatException("Parameter '" + at + ".constantColumns[" + c + "]' = \""
                                + constantNames.get(c) + "\" is not one of the step's columns " + cols);
                    }
                    if (scale[k] != 1.0) {
                        throw new ModelFormatException("Parameter '" + at + ".scale[" + k + "]' must be 1 for the "
                                + "constant column \"" + cols.get(k) + "\" but is " + scale[k]);
                    }
                    constant[k] = true;
                }
                return new StandardizeStep(idx, mean, scale, constant);
            default:
                throw new ModelFormatException("Parameter '" + at + ".type' = \"" + type + "\" is not a known step "
                        + "type; known types are [" + Log1pStep.TYPE + ", " + StandardizeStep.TYPE + "]");
        }
    }

    private static void uniqueNames(Section s, String param, List<String> names) throws ModelFormatException {
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < names.size(); j++) {
            String n = names.get(j);
            if (n.isBlank()) {
                throw new ModelFormatException("Parameter '" + where(s, param) + "[" + j + "]' is blank");
            }
            if (!seen.add(n)) {
                throw new ModelFormatException("Parameter '" + where(s, param) + "' names \"" + n + "\" twice");
            }
        }
    }

    private static String where(Section s, String name) {
        return s.path().isEmpty() ? name : s.path() + "." + name;
    }

    @Override
    public Lineage lineageOf(FittedPipeline p) {
        return Lineage.builder().rows(p.report().rows()).features(p.inputNames()).build();
    }
}
