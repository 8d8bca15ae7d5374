/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.gmm.CovarianceType;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.gmm.GaussianMixtureModel;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.Linkage;
import dev.segmentation.core.hierarchical.TwoStageWard;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.MiniBatchKMeans;
import dev.segmentation.core.postprocess.SmallClusterMerger;
import dev.segmentation.core.scoring.NearestCentroidScorer;
import dev.segmentation.core.scoring.SegmentScorer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Forged model files: every parameter of a valid file of every core model type is replaced, one at a time, with
 * hostile values (huge and negative sizes, zero, extreme doubles, empty, shortened and lengthened arrays, other
 * types) and the file is signed again with a valid checksum. Reading must then either give a model or throw a
 * {@link ModelFormatException}; any other exception (an arithmetic overflow in a size computation, an index or
 * allocation error) is a defect.
 */
class ForgedFileTest {
    private static final long[] LONGS = {0, -1, 2, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MIN_VALUE, 1 << 20};
    private static final double[] DOUBLES = {0, -1, 1e308, -1e308, Double.MIN_VALUE};

    static Map<String, Object> models() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] rows = new double[60][3];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i][j] = (i % 3) * 5 + r.nextGaussian();
            }
        }
        Dataset x = Dataset.of(rows, List.of("a", "b", "c"));
        Map<String, Object> out = new LinkedHashMap<>();
        ClusterModel km = KMeans.builder().k(3).seed(1).build().fit(x);
        out.put("kmeans", km);
        out.put("minibatch", MiniBatchKMeans.builder().k(3).batchSize(16).seed(1).build().fit(x));
        for (CovarianceType t : CovarianceType.values()) {
            out.put("gmm-" + t, GaussianMixture.builder().k(2).covarianceType(t).seed(1).build().fit(x));
        }
        out.put("gmm-given", GaussianMixtureModel.of(CovarianceType.DIAG, new double[] {0.5, 0.5},
                new double[][] {{0, 0, 0}, {5, 5, 5}}, new double[] {1, 1, 1, 2, 2, 2}, List.of("a", "b", "c")));
        out.put("ward", AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(3).build().fit(x));
        out.put("average", AgglomerativeClustering.builder().linkage(Linkage.AVERAGE).nClusters(3).build().fit(x));
        out.put("two-stage", TwoStageWard.builder().microClusters(12).nClusters(3).seed(1).build().fit(x));
        out.put("dbscan", Dbscan.builder().eps(1.5).minPts(4).build().fit(x));
        out.put("merged", SmallClusterMerger.minSize(15).apply(KMeans.builder().k(5).seed(1).build().fit(x)).model());
        out.put("nearest", NearestCentroidScorer.of(km));
        out.put("scorer", SegmentScorer.of(km));
        return out;
    }

    @Test
    void everyForgedParameterIsAModelFormatExceptionOrAValidModel() throws Exception {
        int files = 0;
        List<String> defects = new ArrayList<>();
        for (Map.Entry<String, Object> e : models().entrySet()) {
            String json = ModelIO.toJson(e.getValue(), Lineage.builder().build());
            Section doc = parse(json);
            List<Section> forged = new ArrayList<>();
            mutations(doc.getSection("model"), s -> s, forged);
            for (Section model : forged) {
                Section.Builder body = Section.builder();
                for (String n : doc.names()) {
                    if (n.equals("model")) {
                        body.put("model", model);
                    } else if (!n.equals("checksum")) {
                        body.putRaw(n, doc.raw(n));
                    }
                }
                String file = ModelIO.toJsonWithValidChecksum(body.build());
                files++;
                try {
                    decodeWithoutTheNet(file);
                } catch (ModelFormatException expected) {
                    // the only acceptable failure
                } catch (RuntimeException | Error other) {
                    defects.add(e.getKey() + ": " + other + " for " + describe(model, doc.getSection("model")));
                }
            }
        }
        assertTrue(files > 500, "forged files: " + files);
        if (!defects.isEmpty()) {
            fail(defects.size() + " of " + files + " forged files escaped ModelFormatException, e.g.:\n"
                    + String.join("\n", defects.subList(0, Math.min(15, defects.size()))));
        }
    }

    @Test
    void aCodecThatLetsARuntimeExceptionEscapeStillGivesAModelFormatException() {
        Section body = Section.builder().put("format", ModelIO.FORMAT).put("formatVersion", 1L)
                .put("modelType", "test-overflowing").put("modelTypeVersion", 1L)
                .put("lineage", Section.builder().put("features", List.of()).build())
                .put("model", Section.builder().put("n", (long) Integer.MAX_VALUE).build()).build();
        ModelFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ModelFormatException.class,
                () -> ModelIO.fromJson(ModelIO.toJsonWithValidChecksum(body)));
        assertTrue(e.getMessage().contains("Invalid 'test-overflowing' parameters in 'model': ArithmeticException"),
                e.getMessage());
    }

    /** A codec that overflows on a forged size, registered in the test resources. */
    public static final class OverflowingCodec implements ModelCodec<OverflowingCodec> {
        /** For the service loader. */
        public OverflowingCodec() {
        }

        @Override
        public String type() {
            return "test-overflowing";
        }

        @Override
        public Class<OverflowingCodec> modelClass() {
            return OverflowingCodec.class;
        }

        @Override
        public Section encode(OverflowingCodec model) {
            return Section.builder().build();
        }

        @Override
        public OverflowingCodec decode(Section s, int version) throws ModelFormatException {
            int n = s.getInt("n", 0, Integer.MAX_VALUE);
            Math.multiplyExact(n, n); // overflows for a forged n: the mistake ModelIO must still report as a format error
            return this;
        }
    }

    /** Every single-parameter mutation of {@code s}, each rebuilt into the whole section by {@code wrap}. */
    private static void mutations(Section s, UnaryOperator<Section> wrap, List<Section> out) {
        for (String name : s.names()) {
            Object v = s.raw(name);
            List<Object> replacements = new ArrayList<>();
            if (v instanceof Long) {
                for (long l : LONGS) {
                    replacements.add(l);
                }
                replacements.add(1.5);
            } else if (v instanceof Double) {
                for (double d : DOUBLES) {
                    replacements.add(d);
                }
            } else if (v instanceof double[]) {
                double[] a = (double[]) v;
                replacements.add(Section.EMPTY);
                replacements.add(java.util.Arrays.copyOf(a, Math.max(1, a.length / 2)));
                replacements.add(java.util.Arrays.copyOf(a, a.length * 2 + 1));
                double[] neg = a.clone();
                neg[0] = -1e300;
                replacements.add(neg);
            } else if (v instanceof long[]) {
                long[] a = (long[]) v;
                replacements.add(Section.EMPTY);
                replacements.add(java.util.Arrays.copyOf(a, Math.max(1, a.length / 2)));
                replacements.add(java.util.Arrays.copyOf(a, a.length + 3));
                long[] big = a.clone();
                big[0] = Integer.MAX_VALUE;
                replacements.add(big);
                long[] neg = a.clone();
                neg[a.length - 1] = -2;
                replacements.add(neg);
            } else if (v instanceof double[][]) {
                double[][] m = (double[][]) v;
                replacements.add(Section.EMPTY);
                replacements.add(java.util.Arrays.copyOf(m, Math.max(1, m.length - 1)));
                double[][] ragged = m.clone();
                ragged[0] = java.util.Arrays.copyOf(m[0], m[0].length + 1);
                replacements.add(ragged);
            } else if (v instanceof Section.StringList) {
                List<String> l = ((Section.StringList) v).strings;
                replacements.add(Section.EMPTY);
                replacements.add(new Section.StringList(l.subList(0, Math.max(1, l.size() / 2))));
                List<String> dup = new ArrayList<>(l);
                dup.add(l.get(0));
                replacements.add(new Section.StringList(dup));
            } else if (v instanceof String) {
                replacements.add("");
                replacements.add("x");
                replacements.add(7L);
            } else if (v instanceof Boolean) {
                replacements.add(!(Boolean) v);
            } else if (v instanceof Section) {
                Section child = (Section) v;
                mutations(child, c -> wrap.apply(replace(s, name, c)), out);
                replacements.add(Section.EMPTY);
            } else if (v instanceof Section.SectionList) {
                List<Section> l = ((Section.SectionList) v).sections;
                replacements.add(Section.EMPTY);
                for (int i = 0; i < l.size() && i < 3; i++) {
                    final int at = i;
                    mutations(l.get(i), c -> {
                        List<Section> copy = new ArrayList<>(l);
                        copy.set(at, c);
                        return wrap.apply(replace(s, name, new Section.SectionList(copy)));
                    }, out);
                }
            }
            replacements.add(null);
            for (Object r : replacements) {
                out.add(wrap.apply(replace(s, name, r)));
            }
        }
    }

    /** {@code s} with parameter {@code name} replaced ({@code null}: removed). */
    private static Section replace(Section s, String name, Object value) {
        Section.Builder b = Section.builder();
        for (String n : s.names()) {
            if (!n.equals(name)) {
                b.putRaw(n, s.raw(n));
            } else if (value != null) {
                b.putRaw(n, value);
            }
        }
        return b.build();
    }

    private static String describe(Section forged, Section original) {
        List<String> diffs = new ArrayList<>();
        diff("model", forged, original, diffs);
        return String.join("; ", diffs);
    }

    private static void diff(String path, Section a, Section b, List<String> out) {
        for (String n : b.names()) {
            Object x = a.raw(n);
            Object y = b.raw(n);
            if (x instanceof Section && y instanceof Section) {
                diff(path + "." + n, (Section) x, (Section) y, out);
            } else if (!java.util.Objects.deepEquals(x, y)) {
                out.add(path + "." + n + " = " + (x instanceof double[] ? "double[" + ((double[]) x).length + "]"
                        : x instanceof long[] ? "long[" + ((long[]) x).length + "]" : String.valueOf(x)));
            }
        }
    }

    /**
     * Decodes the model section with its codec directly, without the net in {@code ModelIO} that turns any escaping
     * runtime exception into a {@link ModelFormatException}, so that a codec that lets one escape is found.
     */
    private static void decodeWithoutTheNet(String json) throws Exception {
        Section doc = parse(json);
        Method forType = Class.forName("dev.segmentation.core.io.ModelIO").getDeclaredMethod("registry");
        forType.setAccessible(true);
        Object registry = forType.invoke(null);
        Method codecOf = registry.getClass().getDeclaredMethod("forType", String.class, String.class);
        codecOf.setAccessible(true);
        ModelCodec<?> codec = (ModelCodec<?>) codecOf.invoke(registry, doc.getString("modelType"), "modelType");
        codec.decode(doc.getSection("model"), (int) doc.getLong("modelTypeVersion"));
    }

    private static Section parse(String json) throws Exception {
        Method m = ModelIO.class.getDeclaredMethod("toSection", com.fasterxml.jackson.databind.JsonNode.class,
                String.class);
        m.setAccessible(true);
        return (Section) m.invoke(null, new ObjectMapper().readTree(json), "");
    }
}
