/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.Section;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test support shared by every module with model codecs (published in the core's test jar): forges model files
 * from valid ones. Every parameter of the model section is replaced, one at a time, with hostile values (huge and
 * negative sizes, zero, extreme doubles, empty, shortened and lengthened arrays, ragged matrices, other types, a
 * missing parameter) and the file is signed again with a valid checksum. Reading must then either give a model or
 * throw a {@link ModelFormatException}; any other exception (an arithmetic overflow in a size computation, an
 * index or allocation error) is a defect. The codec is called directly, without the net in {@link ModelIO} that
 * turns an escaping runtime exception into a format error, so that a codec relying on the net is found too.
 */
public final class ForgedFiles {
    private static final long[] LONGS = {0, -1, 2, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MIN_VALUE, 1 << 20};
    private static final double[] DOUBLES = {0, -1, 1e308, -1e308, Double.MIN_VALUE};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ForgedFiles() {
    }

    /**
     * Forges every parameter of every model's file and fails with examples if any forged file escapes
     * {@link ModelFormatException}.
     *
     * @param models name to model (anything {@link ModelIO#toJson} writes)
     * @param minimumFiles the least number of forged files expected, so that a model whose file lost its
     *     parameters cannot make the check pass by forging nothing
     */
    public static void assertEveryForgeryIsAFormatErrorOrAModel(Map<String, Object> models, int minimumFiles)
            throws Exception {
        int files = 0;
        List<String> defects = new ArrayList<>();
        for (Map.Entry<String, Object> e : models.entrySet()) {
            ObjectNode doc = (ObjectNode) JSON.readTree(ModelIO.toJson(e.getValue(), Lineage.builder().build()));
            List<JsonNode> forged = new ArrayList<>();
            mutations((ObjectNode) doc.get("model"), m -> m, forged);
            for (JsonNode model : forged) {
                ObjectNode body = doc.deepCopy();
                body.remove("checksum");
                body.set("model", model);
                files++;
                try {
                    decodeWithoutTheNet(signed(body));
                } catch (ModelFormatException expected) {
                    // the only acceptable failure
                } catch (RuntimeException | Error other) {
                    defects.add(e.getKey() + ": " + other + " for " + describe(model, doc.get("model")));
                }
            }
        }
        assertTrue(files >= minimumFiles, "forged files: " + files + " < " + minimumFiles);
        if (!defects.isEmpty()) {
            fail(defects.size() + " of " + files + " forged files escaped ModelFormatException, e.g.:\n"
                    + String.join("\n", defects.subList(0, Math.min(15, defects.size()))));
        }
    }

    /** {@code body} with a checksum that is valid for its (possibly invalid) content, as the file format defines it. */
    private static String signed(ObjectNode body) throws Exception {
        String value = (String) call("checksum", new Class<?>[] {Section.class}, toSection(body));
        ObjectNode sum = NODES.objectNode().put("algorithm", "SHA-256").put("value", value);
        ObjectNode out = body.deepCopy();
        out.set("checksum", sum);
        return JSON.writeValueAsString(out);
    }

    /** Every single-parameter mutation of {@code s}, each rebuilt into the whole model section by {@code wrap}. */
    private static void mutations(ObjectNode s, UnaryOperator<ObjectNode> wrap, List<JsonNode> out) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (String name : names) {
            JsonNode v = s.get(name);
            List<JsonNode> replacements = new ArrayList<>();
            if (v.isIntegralNumber()) {
                for (long l : LONGS) {
                    replacements.add(NODES.numberNode(l));
                }
                replacements.add(NODES.numberNode(1.5));
            } else if (v.isNumber()) {
                for (double d : DOUBLES) {
                    replacements.add(NODES.numberNode(d));
                }
            } else if (v.isTextual()) {
                replacements.add(NODES.textNode(""));
                replacements.add(NODES.textNode("x"));
                replacements.add(NODES.numberNode(7L));
            } else if (v.isBoolean()) {
                replacements.add(NODES.booleanNode(!v.booleanValue()));
            } else if (v.isObject()) {
                mutations((ObjectNode) v, c -> wrap.apply(replace(s, name, c)), out);
                replacements.add(NODES.arrayNode());
            } else if (v.isArray() && v.size() > 0) {
                arrayMutations(s, name, (ArrayNode) v, wrap, out, replacements);
            }
            replacements.add(null);
            for (JsonNode r : replacements) {
                out.add(wrap.apply(replace(s, name, r)));
            }
        }
    }

    private static void arrayMutations(ObjectNode s, String name, ArrayNode a, UnaryOperator<ObjectNode> wrap,
                                       List<JsonNode> out, List<JsonNode> replacements) {
        replacements.add(NODES.arrayNode());
        replacements.add(prefix(a, Math.max(1, a.size() / 2)));
        JsonNode first = a.get(0);
        if (first.isNumber()) {
            ArrayNode longer = a.deepCopy();
            for (int i = 0; i <= a.size(); i++) {
                longer.add(a.get(i % a.size()));
            }
            replacements.add(longer);
            ArrayNode big = a.deepCopy();
            big.set(0, first.isIntegralNumber() ? NODES.numberNode((long) Integer.MAX_VALUE) : NODES.numberNode(-1e300));
            replacements.add(big);
            ArrayNode neg = a.deepCopy();
            neg.set(a.size() - 1, NODES.numberNode(-2L));
            replacements.add(neg);
        } else if (first.isArray()) {
            replacements.add(prefix(a, Math.max(1, a.size() - 1)));
            ArrayNode ragged = a.deepCopy();
            ((ArrayNode) ragged.get(0)).add(first.size() > 0 ? first.get(0) : NODES.numberNode(0));
            replacements.add(ragged);
        } else if (first.isTextual()) {
            ArrayNode dup = a.deepCopy();
            dup.add(first);
            replacements.add(dup);
        } else if (first.isObject()) {
            for (int i = 0; i < a.size() && i < 3; i++) {
                final int at = i;
                mutations((ObjectNode) a.get(i), c -> {
                    ArrayNode copy = a.deepCopy();
                    copy.set(at, c);
                    return wrap.apply(replace(s, name, copy));
                }, out);
            }
        }
    }

    private static ArrayNode prefix(ArrayNode a, int n) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < n; i++) {
            out.add(a.get(i).deepCopy());
        }
        return out;
    }

    /** {@code s} with parameter {@code name} replaced ({@code null}: removed), keeping the order of the others. */
    private static ObjectNode replace(ObjectNode s, String name, JsonNode value) {
        ObjectNode b = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals(name)) {
                b.set(f.getKey(), f.getValue());
            } else if (value != null) {
                b.set(name, value);
            }
        }
        return b;
    }

    private static String describe(JsonNode forged, JsonNode original) {
        List<String> diffs = new ArrayList<>();
        diff("model", forged, original, diffs);
        return String.join("; ", diffs);
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            JsonNode x = a.get(n);
            JsonNode y = b.get(n);
            if (x != null && x.isObject() && y.isObject()) {
                diff(path + "." + n, x, y, out);
            } else if (!y.equals(x)) {
                String shown = x == null ? "(removed)" : x.isArray() ? "array of " + x.size() : x.toString();
                out.add(path + "." + n + " = " + shown);
            }
        }
    }

    /**
     * Checks the document as {@link ModelIO} does, then decodes its model section with its codec directly, without
     * the net that turns any escaping runtime exception into a {@link ModelFormatException}.
     */
    private static void decodeWithoutTheNet(String json) throws Exception {
        Section doc = toSection(JSON.readTree(json));
        Object registry = call("registry", new Class<?>[0]);
        Method codecOf = registry.getClass().getDeclaredMethod("forType", String.class, String.class);
        codecOf.setAccessible(true);
        ModelCodec<?> codec = (ModelCodec<?>) unwrapped(codecOf, registry, doc.getString("modelType"), "modelType");
        codec.decode(doc.getSection("model"), (int) doc.getLong("modelTypeVersion"));
    }

    /** The file format's parse of a JSON document into sections (without its checksum check). */
    private static Section toSection(JsonNode node) throws Exception {
        return (Section) call("toSection", new Class<?>[] {JsonNode.class, String.class}, node, "");
    }

    /** A static method of {@link ModelIO} that is not API, called as the file format's own code calls it. */
    private static Object call(String method, Class<?>[] types, Object... args) throws Exception {
        Method m = ModelIO.class.getDeclaredMethod(method, types);
        m.setAccessible(true);
        return unwrapped(m, null, args);
    }

    /** Invokes {@code m}, rethrowing what it threw (a format error stays a format error). */
    private static Object unwrapped(Method m, Object target, Object... args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
    }
}
