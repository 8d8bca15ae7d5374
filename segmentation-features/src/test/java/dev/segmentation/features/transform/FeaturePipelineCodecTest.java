/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding validates every parameter and names it. */
class FeaturePipelineCodecTest {
    final FeaturePipelineCodec codec = new FeaturePipelineCodec();

    static FittedPipeline fitted() {
        Dataset x = Dataset.of(new double[][] {{1, 2, 5}, {3, 4, 5}, {8, 1, 5}}, List.of("r", "f", "m"));
        return FeaturePipeline.builder().log1p("r", "f").standardize().build().fit(x);
    }

    /** A valid encoding with step {@code index} replaced by {@code step}. */
    Section withStep(int index, Section step) {
        Section good = codec.encode(fitted());
        Section.Builder b = Section.builder();
        try {
            List<Section> steps = new java.util.ArrayList<>(good.getSections("steps"));
            steps.set(index, step);
            b.put("columns", good.getStrings("columns", -1)).put("fitRows", good.getLong("fitRows"))
                    .putSections("steps", steps).put("fingerprint", good.getString("fingerprint"));
        } catch (ModelFormatException e) {
            throw new AssertionError(e);
        }
        return b.build();
    }

    static Section standardize(List<String> cols, double[] mean, double[] scale, List<String> constant) {
        return Section.builder().put("type", "standardize").put("columns", cols).put("mean", mean)
                .put("scale", scale).put("constantColumns", constant).build();
    }

    String decodeError(Section s) {
        return assertThrows(ModelFormatException.class, () -> codec.decode(s, 1)).getMessage();
    }

    @Test
    void roundTripThroughSections() throws ModelFormatException {
        FittedPipeline p = fitted();
        FittedPipeline back = codec.decode(codec.encode(p), 1);
        assertEquals(p, back);
        assertEquals(List.of("m"), back.report().zeroVarianceColumns());
    }

    @Test
    void unknownStepType() {
        String m = decodeError(withStep(0, Section.builder().put("type", "sqrt").put("columns", List.of("r")).build()));
        assertTrue(m.contains("steps[0].type") && m.contains("sqrt") && m.contains("log1p"), m);
    }

    @Test
    void wrongLengths() {
        String m = decodeError(withStep(1, standardize(List.of("r", "f", "m"), new double[] {0, 0},
                new double[] {1, 1, 1}, List.of())));
        assertTrue(m.contains("mean") && m.contains("2 values but 3"), m);
        m = decodeError(withStep(1, standardize(List.of("r", "f", "m"), new double[] {0, 0, 0},
                new double[] {1, 1, 1, 1}, List.of())));
        assertTrue(m.contains("scale") && m.contains("4 values but 3"), m);
    }

    @Test
    void nonPositiveScale() {
        String m = decodeError(withStep(1, standardize(List.of("r", "f", "m"), new double[] {0, 0, 0},
                new double[] {1, 0, 1}, List.of())));
        assertTrue(m.contains("steps[1].scale[1]") && m.contains("> 0"), m);
        m = decodeError(withStep(1, standardize(List.of("r", "f", "m"), new double[] {0, 0, 0},
                new double[] {1, -2, 1}, List.of())));
        assertTrue(m.contains("steps[1].scale[1]") && m.contains("-2.0"), m);
    }

    @Test
    void columnMismatch() {
        String m = decodeError(withStep(0, Section.builder().put("type", "log1p").put("columns", List.of("x"))
                .build()));
        assertTrue(m.contains("steps[0].columns[0]") && m.contains("\"x\"") && m.contains("[r, f, m]"), m);
        m = decodeError(withStep(0, Section.builder().put("type", "log1p").put("columns", List.of("r", "r"))
                .build()));
        assertTrue(m.contains("twice"), m);
        m = decodeError(withStep(1, standardize(List.of("r", "f", "m"), new double[] {0, 0, 0},
                new double[] {1, 2, 1}, List.of("f"))));
        assertTrue(m.contains("constant column") && m.contains("scale[1]"), m);
    }

    @Test
    void tamperedParametersFailTheFingerprint() {
        String m = decodeError(withStep(1, standardize(List.of("r", "f", "m"), new double[] {0, 0, 5},
                new double[] {1, 1, 1}, List.of("m"))));
        assertTrue(m.contains("fingerprint"), m);
    }

    @Test
    void missingAndEmptyParameters() {
        assertTrue(decodeError(Section.builder().build()).contains("columns"));
        String m = decodeError(Section.builder().put("columns", List.of("a")).put("fitRows", 1L)
                .putSections("steps", List.of()).put("fingerprint", "x").build());
        assertTrue(m.contains("steps") && m.contains("empty"), m);
        m = decodeError(Section.builder().put("columns", List.of("a", "a")).put("fitRows", 1L).build());
        assertTrue(m.contains("twice"), m);
        m = decodeError(Section.builder().put("columns", List.of("a")).put("fitRows", -1L).build());
        assertTrue(m.contains("fitRows"), m);
    }
}
