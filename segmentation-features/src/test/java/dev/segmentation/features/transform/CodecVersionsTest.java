/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.Section;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The codec reads what the first release wrote (layout version 1: a golden file written by that release) and
 * validates the parameters of every step added in version 2.
 */
class CodecVersionsTest {
    final FeaturePipelineCodec codec = new FeaturePipelineCodec();

    static String resource(String name) throws IOException {
        try (InputStream in = CodecVersionsTest.class.getResourceAsStream("/fixtures/pipeline/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aVersionOneFileStillLoadsAndTransformsBitIdentically() throws IOException {
        String json = resource("feature_pipeline_v1.json");
        assertTrue(json.contains("\"modelTypeVersion\" : 1"));
        FittedPipeline p = ModelIO.fromJson(json).model(FittedPipeline.class);
        List<NamedCsvRecord> expected = TestData.fixture("/fixtures/pipeline/feature_pipeline_v1_outputs.csv");
        String fingerprint = TestData.fixtureComments("/fixtures/pipeline/feature_pipeline_v1_outputs.csv").get(1)
                .substring("# fingerprint ".length());
        assertEquals(fingerprint, p.fingerprint(), "the fingerprint of a version-1 pipeline does not change");
        Dataset customers = Dataset.of(new double[][] {{3, 25, 12000, 1}, {200, 1, 80, 1}, {12, 2, 450, 1},
            {35, 9, 2300, 1}, {300, 1, 25, 1}, {8, 14, 6100, 1}}, List.of("recency_days", "frequency", "monetary",
                "channel"));
        Dataset x = p.transform(customers);
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                long bits = Long.parseUnsignedLong(expected.get(i).getField(x.columnNames().get(j)), 16);
                assertEquals(bits, Double.doubleToRawLongBits(x.get(i, j)), "row " + i + ", column " + j);
            }
        }
        // refitting the same pipeline today gives the same fingerprint
        FittedPipeline again = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary")
                .standardize().build().fit(customers);
        assertEquals(fingerprint, again.fingerprint());
        assertEquals(List.of("channel"), p.report().zeroVarianceColumns());
        // and written again, it is a version-2 file that reads back to the same pipeline
        String v2 = ModelIO.toJson(p, Lineage.builder().build());
        assertTrue(v2.contains("\"modelTypeVersion\" : 2"), v2);
        assertEquals(p, ModelIO.fromJson(v2).model(FittedPipeline.class));
    }

    /** A valid version-2 encoding of a pipeline with categories. */
    static Section encoded() {
        CustomerTable t = CustomerTable.builder(List.of("a", "b", "c", "d"))
                .numeric("x", new double[] {1, 2, 3, 10})
                .categorical("k", new String[] {"p", "q", "p", "r"}).build();
        return new FeaturePipelineCodec().encode(FeaturePipeline.builder().quantileUniform(3, "x")
                .winsorizeQuantiles(10, 90, "x").oneHot().build().fit(t));
    }

    /** {@code s} with parameter {@code name} of step {@code step} replaced. */
    static Section withStepParameter(Section s, int step, String name, Object value) throws ModelFormatException {
        List<Section> steps = new ArrayList<>(s.getSections("steps"));
        Section old = steps.get(step);
        Section.Builder b = Section.builder();
        for (String n : old.names()) {
            Object v = n.equals(name) ? value : raw(old, n);
            put(b, n, v);
        }
        if (!old.has(name)) {
            put(b, name, value);
        }
        steps.set(step, b.build());
        Section.Builder top = Section.builder();
        for (String n : s.names()) {
            put(top, n, n.equals("steps") ? steps : raw(s, n));
        }
        return top.build();
    }

    private static Object raw(Section s, String n) throws ModelFormatException {
        switch (n) {
            case "columns": case "categoricalColumns": case "protectedColumns": case "outputColumns":
            case "constantColumns": case "encodings": case "rare": case "categories": case "steps":
                return n.equals("categoricalColumns") || n.equals("encodings") || n.equals("steps")
                        ? s.getSections(n) : s.getStrings(n, -1);
            case "fitRows": case "nQuantiles":
                return s.getLong(n);
            case "missingAtFit":
                return s.getSection(n);
            case "quantiles":
                int rows = s.matrixRows(n);
                int cols = s.getMatrix(n, rows, 3).length / Math.max(rows, 1);
                return new double[][] {s.getMatrix(n, rows, cols)};
            default:
                try {
                    return s.getString(n);
                } catch (ModelFormatException e) {
                    return s.getDoubles(n, -1);
                }
        }
    }

    @SuppressWarnings("unchecked")
    private static void put(Section.Builder b, String n, Object v) {
        if (v instanceof String) {
            b.put(n, (String) v);
        } else if (v instanceof Long) {
            b.put(n, (long) (Long) v);
        } else if (v instanceof double[]) {
            b.put(n, (double[]) v);
        } else if (v instanceof double[][]) {
            double[] flat = ((double[][]) v)[0];
            b.putMatrix(n, flat, 1, flat.length);
        } else if (v instanceof Section) {
            b.put(n, (Section) v);
        } else if (v instanceof List && !((List<?>) v).isEmpty() && ((List<?>) v).get(0) instanceof Section) {
            b.putSections(n, (List<Section>) v);
        } else {
            b.put(n, (List<String>) v);
        }
    }

    String error(Section s, int version) {
        return assertThrows(ModelFormatException.class, () -> codec.decode(s, version)).getMessage();
    }

    @Test
    void roundTripOfTheVersionTwoLayout() throws ModelFormatException {
        Section s = encoded();
        assertEquals(codec.encode(codec.decode(s, 2)), s);
    }

    @Test
    void versionTwoStepsAreRefusedInAVersionOneFile() {
        String m = error(encoded(), 1);
        assertTrue(m.contains("quantile") && m.contains("version 2"), m);
    }

    @Test
    void futureVersionsAreRefused() {
        String m = error(encoded(), 3);
        assertTrue(m.contains("version 3"), m);
    }

    @Test
    void badStepParametersAreNamed() throws ModelFormatException {
        Section s = encoded();
        String m = error(withStepParameter(s, 0, "distribution", "gamma"), 2);
        assertTrue(m.contains("steps[0].distribution") && m.contains("gamma"), m);
        m = error(withStepParameter(s, 1, "method", "mad"), 2);
        assertTrue(m.contains("steps[1].method"), m);
        m = error(withStepParameter(s, 1, "lower", new double[] {11}), 2);
        assertTrue(m.contains("lower[0]") && m.contains("above upper"), m);
        m = error(withStepParameter(s, 2, "unseen", "guess"), 2);
        assertTrue(m.contains("steps[2].unseen") && m.contains("guess"), m);
        m = error(withStepParameter(s, 0, "type", "sqrt"), 2);
        assertTrue(m.contains("steps[0].type") && m.contains("sqrt"), m);
        m = error(withStepParameter(s, 0, "nQuantiles", 4L), 2);
        assertTrue(m.contains("quantiles"), m);
    }

    @Test
    void tamperedOutputsOrFingerprintFail() throws ModelFormatException {
        Section s = encoded();
        Section.Builder b = Section.builder();
        for (String n : s.names()) {
            if (n.equals("outputColumns")) {
                b.put(n, List.of("x", "k=p", "k=q"));
            } else if (n.equals("fingerprint")) {
                b.put(n, s.getString(n));
            } else if (n.equals("steps") || n.equals("categoricalColumns")) {
                b.putSections(n, s.getSections(n));
            } else if (n.equals("fitRows")) {
                b.put(n, s.getLong(n));
            } else if (n.equals("missingAtFit")) {
                b.put(n, s.getSection(n));
            } else {
                b.put(n, s.getStrings(n, -1));
            }
        }
        String m = error(b.build(), 2);
        assertTrue(m.contains("outputColumns"), m);
    }
}
