/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;
import dev.segmentation.features.internal.CodePoints;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@link FittedPipeline} as model type {@code "feature-pipeline"}. Registered for
 * {@link java.util.ServiceLoader}; applications use {@link dev.segmentation.core.io.ModelIO} rather than this
 * class, and a {@code SegmentScorer} nests the pipeline through it.
 *
 * <h2>Layout version 2 (written)</h2>
 * <ul>
 *   <li>{@code columns}: the input column names;</li>
 *   <li>{@code categoricalColumns}: for each categorical input, {@code {"name": ..., "categories": [...]}}
 *       in code order;</li>
 *   <li>{@code protectedColumns}: the columns carried for audits;</li>
 *   <li>{@code fitRows}: the number of training rows; {@code missingAtFit}: {@code {"columns": [...],
 *       "counts": [...]}};</li>
 *   <li>{@code steps}: in order, each {@code {"type": ..., "columns": [...]}} (the step's input columns by
 *       name) with the step's fitted parameters: {@code log1p} (none), {@code standardize} ({@code mean},
 *       {@code scale}, {@code constantColumns}), {@code minmax} ({@code featureRange}, {@code dataMin},
 *       {@code dataMax}), {@code robust} ({@code percentiles}, {@code center}, {@code range}),
 *       {@code quantile} ({@code distribution}, {@code nQuantiles}, {@code quantiles}), {@code winsorize}
 *       ({@code method}, {@code parameters}, {@code lower}, {@code upper}), {@code impute} ({@code strategy},
 *       {@code numericFill}, {@code categoryFill}, {@code indicatorColumns}), {@code drop}
 *       ({@code missingShare}, optionally {@code maxMissingShare}), {@code onehot} and {@code ordinal}
 *       ({@code unseen}, {@code encodings}: per column {@code categories} and {@code rare}), {@code pca}
 *       ({@code whiten}, {@code samples}, {@code mean}, {@code components}, {@code explainedVariance},
 *       {@code explainedVarianceRatio}, {@code singularValues}), {@code composite} ({@code name},
 *       {@code normalisation}, {@code weights}, {@code center}, {@code scale}), {@code ntile}
 *       ({@code groups}, {@code higherIsBetter}, {@code cuts});</li>
 *   <li>{@code outputColumns}: the output column names, checked against the decoded steps;</li>
 *   <li>{@code fingerprint}: {@link FittedPipeline#fingerprint()}.</li>
 * </ul>
 *
 * <h2>Layout version 1 (read)</h2>
 * The first release wrote {@code columns}, {@code fitRows}, {@code steps} (only {@code log1p} and
 * {@code standardize}) and {@code fingerprint}; such files still load, and give bit-identical output and the
 * same fingerprint.
 *
 * <p>Decoding checks every parameter and throws a {@link ModelFormatException} naming it: an empty or repeated
 * column list, an unknown step type (or a version-2 step in a version-1 file), a step column that is not a
 * column at that point of the pipeline or has the wrong type, parameters of the wrong length or out of range
 * (a scale that is not positive, decreasing quantiles, lower bounds above upper ones, an unknown category),
 * output columns that differ from the steps', and a fingerprint that does not match the parameters.
 *
 * <p>The step types are registered in one list, {@code STEP_TYPES}; each writes and reads its own parameters
 * (see the package documentation), and the fingerprint is the SHA-256 of the canonical form that the same
 * writing produces alongside the file fields.
 *
 * @since 0.1
 */
public final class FeaturePipelineCodec implements ModelCodec<FittedPipeline> {
    /** The model type. */
    public static final String TYPE = "feature-pipeline";
    /** The layout version written. */
    public static final int VERSION = 2;

    /**
     * Every step type, in the order messages list them: the one registration of a step type (see the package
     * documentation for how to add one).
     */
    static final List<StepType> STEP_TYPES = List.of(
            Log1pStep.TYPE,
            StandardizeStep.TYPE,
            MinMaxStep.TYPE,
            RobustStep.TYPE,
            QuantileStep.TYPE,
            WinsorizeStep.TYPE,
            ImputeStep.TYPE,
            DropStep.TYPE,
            OneHotStep.TYPE,
            OrdinalStep.TYPE,
            PcaStep.TYPE,
            CompositeStep.TYPE,
            NtileStep.TYPE);

    /** The first string of the canonical form. */
    private static final String CANONICAL_HEADER = "dev.segmentation.features/feature-pipeline/1";

    /** For the service loader. */
    public FeaturePipelineCodec() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public Class<FittedPipeline> modelClass() {
        return FittedPipeline.class;
    }

    @Override
    public Section encode(FittedPipeline p) {
        Stage input = p.stage(0);
        List<Section> cats = new ArrayList<>();
        for (int j = 0; j < input.width(); j++) {
            if (input.categorical[j]) {
                cats.add(Section.builder().put("name", input.names.get(j))
                        .put("categories", Arrays.asList(input.vocabulary[j])).build());
            }
        }
        Step[] steps = p.steps();
        List<Section> out = new ArrayList<>(steps.length);
        for (int s = 0; s < steps.length; s++) {
            Section.Builder b = Section.builder();
            steps[s].encode(StepParameters.of(b, null, p.stage(s)));
            out.add(b.build());
        }
        Map<String, Long> missing = p.report().missingAtFit();
        int[] counts = new int[missing.size()];
        List<String> missingNames = new ArrayList<>(missing.keySet());
        for (int k = 0; k < counts.length; k++) {
            counts[k] = Math.toIntExact(missing.get(missingNames.get(k)));
        }
        return Section.builder()
                .put("columns", input.names)
                .putSections("categoricalColumns", cats)
                .put("protectedColumns", p.protectedColumns())
                .put("fitRows", p.report().rows())
                .put("missingAtFit", Section.builder().put("columns", missingNames).put("counts", counts).build())
                .putSections("steps", out)
                .put("outputColumns", p.outputNames())
                .put("fingerprint", p.fingerprint())
                .build();
    }

    @Override
    public FittedPipeline decode(Section s, int version) throws ModelFormatException {
        if (version < 1 || version > VERSION) {
            // ModelIO refuses these before calling; the check guards direct callers of the codec.
            throw new ModelFormatException("Layout version " + version + " of '" + TYPE + "' is outside the versions"
                    + " this library reads (1 to " + VERSION + "); a newer library wrote it");
        }
        List<String> names = s.getStrings("columns", -1);
        if (names.isEmpty()) {
            throw new ModelFormatException("Parameter '" + where(s, "columns") + "' is empty");
        }
        uniqueNames(s, "columns", names);
        boolean[] categorical = new boolean[names.size()];
        String[][] vocab = new String[names.size()][];
        List<String> prot = List.of();
        Map<String, Long> missing = new LinkedHashMap<>();
        if (version >= 2) {
            List<Section> cats = s.getSections("categoricalColumns");
            for (int c = 0; c < cats.size(); c++) {
                Section cs = cats.get(c);
                String at = where(s, "categoricalColumns[" + c + "]");
                String name = cs.getString("name");
                int j = names.indexOf(name);
                if (j < 0 || categorical[j]) {
                    throw new ModelFormatException("Parameter '" + at + ".name' = \"" + name + "\" is not an input "
                            + "column listed once: " + names);
                }
                List<String> categories = cs.getStrings("categories", -1);
                for (int k = 1; k < categories.size(); k++) {
                    if (CodePoints.compare(categories.get(k - 1), categories.get(k)) >= 0) {
                        throw new ModelFormatException("Parameter '" + at + ".categories' must be distinct and in "
                                + "code-point order, but \"" + categories.get(k - 1) + "\" precedes \""
                                + categories.get(k) + "\"");
                    }
                }
                categorical[j] = true;
                vocab[j] = categories.toArray(new String[0]);
            }
            prot = s.getStrings("protectedColumns", -1);
            uniqueNames(s, "protectedColumns", prot);
            for (int k = 0; k < prot.size(); k++) {
                if (names.contains(prot.get(k))) {
                    throw new ModelFormatException("Parameter '" + where(s, "protectedColumns[" + k + "]") + "' = \""
                            + prot.get(k) + "\" is also an input column");
                }
            }
            Section m = s.getSection("missingAtFit");
            List<String> mc = m.getStrings("columns", -1);
            int[] counts = m.getInts("counts", mc.size());
            for (int k = 0; k < mc.size(); k++) {
                if (!names.contains(mc.get(k)) || counts[k] < 1) {
                    throw new ModelFormatException("Parameter '" + where(s, "missingAtFit") + "' lists \"" + mc.get(k)
                            + "\" with " + counts[k] + " missing values; it must name input columns with counts >= 1");
                }
                missing.put(mc.get(k), (long) counts[k]);
            }
        }
        long fitRows = s.getLong("fitRows");
        if (fitRows < 0) {
            throw new ModelFormatException("Parameter '" + where(s, "fitRows") + "' must be >= 0 but is " + fitRows);
        }
        List<Section> stepSections = s.getSections("steps");
        if (stepSections.isEmpty()) {
            throw new ModelFormatException("Parameter '" + where(s, "steps") + "' is empty");
        }
        Stage stage;
        try {
            stage = new Stage(names, categorical, vocab);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Parameter '" + where(s, "columns") + "': " + e.getMessage());
        }
        Stage input = stage;
        Step[] steps = new Step[stepSections.size()];
        for (int i = 0; i < steps.length; i++) {
            Section st = stepSections.get(i);
            String at = st.path().isEmpty() ? where(s, "steps[" + i + "]") : st.path();
            steps[i] = decodeStep(st, at, stage, version);
            try {
                stage = steps[i].output(stage);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("Parameter '" + at + "': " + e.getMessage());
            }
        }
        for (int j = 0; j < stage.width(); j++) {
            if (stage.categorical[j]) {
                throw new ModelFormatException("Parameter '" + where(s, "steps") + "' leaves the categorical column \""
                        + stage.names.get(j) + "\" unencoded");
            }
        }
        if (version >= 2) {
            List<String> outputs = s.getStrings("outputColumns", -1);
            if (!outputs.equals(stage.names)) {
                throw new ModelFormatException("Parameter '" + where(s, "outputColumns") + "' is " + outputs
                        + " but the steps produce " + stage.names);
            }
        }
        FittedPipeline p = new FittedPipeline(input, steps, fitRows, prot, missing, false);
        String fingerprint = s.getString("fingerprint");
        if (!fingerprint.equals(p.fingerprint())) {
            throw new ModelFormatException("Parameter '" + where(s, "fingerprint") + "' is " + fingerprint
                    + " but the decoded parameters hash to " + p.fingerprint());
        }
        return p;
    }

    private static Step decodeStep(Section st, String at, Stage in, int version) throws ModelFormatException {
        String name = st.getString("type");
        StepType type = null;
        List<String> known = new ArrayList<>();
        for (int t = 0; t < STEP_TYPES.size(); t++) {
            StepType candidate = STEP_TYPES.get(t);
            if (candidate.name.equals(name)) {
                type = candidate;
            }
            if (version > 1 || candidate.has(StepType.Trait.FIRST_RELEASE)) {
                known.add(candidate.name);
            }
        }
        if (type == null) {
            throw new ModelFormatException("Parameter '" + at + ".type' = \"" + name + "\" is not a known step "
                    + "type; known types are " + known);
        }
        if (version == 1 && !type.has(StepType.Trait.FIRST_RELEASE)) {
            throw new ModelFormatException("Parameter '" + at + ".type' = \"" + name + "\" needs layout version 2 "
                    + "but the file says version 1; known types in version 1 are " + known);
        }
        List<String> cols = st.getStrings("columns", -1);
        if (cols.isEmpty() && !type.has(StepType.Trait.MAY_HAVE_NO_COLUMN)) {
            throw new ModelFormatException("Parameter '" + at + ".columns' is empty");
        }
        int[] idx = new int[cols.size()];
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < idx.length; k++) {
            idx[k] = in.names.indexOf(cols.get(k));
            if (idx[k] < 0) {
                throw new ModelFormatException("Parameter '" + at + ".columns[" + k + "]' = \"" + cols.get(k)
                        + "\" is not one of the pipeline's columns " + in.names);
            }
            if (!seen.add(cols.get(k))) {
                throw new ModelFormatException("Parameter '" + at + ".columns' names \"" + cols.get(k) + "\" twice");
            }
            if (type.columns == StepType.Columns.NUMERIC && in.categorical[idx[k]]) {
                throw new ModelFormatException("Parameter '" + at + ".columns[" + k + "]' = \"" + cols.get(k)
                        + "\" is categorical but step type " + name + " needs numeric columns");
            }
        }
        return type.decoder.decode(st, at, idx, in);
    }

    /**
     * The fingerprint of a fitted pipeline: the SHA-256, in 64 lower-case hex digits, of its canonical form.
     * That form is the text {@code "dev.segmentation.features/feature-pipeline/1"}, the input column names, the
     * number of steps and each step as it encodes itself ({@link Step#encode}: the canonical side of
     * {@link StepParameters}, so the same call that writes the step to the file), then, only when present (so
     * that the first release's fingerprints still hold), the block {@code "categorical"} (per categorical input
     * its index and its categories) and the block {@code "protected"} (the protected column names).
     *
     * @param stages the columns before each step, and after the last
     */
    static String fingerprint(Stage[] stages, Step[] steps, List<String> protectedColumns) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Stage input = stages[0];
        StepParameters top = StepParameters.of(null, out, input);
        top.text(null, CANONICAL_HEADER).texts(null, input.names).count(null, steps.length);
        for (int s = 0; s < steps.length; s++) {
            steps[s].encode(StepParameters.of(null, out, stages[s]));
        }
        if (input.anyCategorical()) {
            top.text(null, "categorical");
            for (int j = 0; j < input.width(); j++) {
                if (input.categorical[j]) {
                    top.count(null, j).texts(null, Arrays.asList(input.vocabulary[j]));
                }
            }
        }
        if (!protectedColumns.isEmpty()) {
            top.text(null, "protected").texts(null, protectedColumns);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
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
