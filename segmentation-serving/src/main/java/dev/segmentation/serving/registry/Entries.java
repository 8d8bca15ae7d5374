/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segmentation.core.ConfidenceKind;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.serving.internal.Json;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON of registry entries ({@code entry.json}, layout 1) and of the active pointer ({@code active.json},
 * layout 1). Reading validates every field and names the one that is wrong.
 */
final class Entries {
    static final int LAYOUT = 1;

    private Entries() {
    }

    /** The active pointer: the active version and every change of it, oldest first. */
    record Pointer(String active, List<Activation> history) {
        Pointer {
            history = List.copyOf(history);
        }
    }

    static byte[] write(ModelVersion v) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("layout", LAYOUT);
        o.put("version", v.id());
        o.put("registeredAt", v.registeredAt().toString());
        o.put("fileSha256", v.fileSha256());
        o.put("fileBytes", v.fileBytes());
        o.put("modelClass", v.modelClass());
        o.put("k", v.k());
        strings(o.putArray("segmentNames"), v.segmentNames());
        o.put("noiseName", v.noiseName());
        strings(o.putArray("inputs"), v.inputs());
        List<String> cat = new ArrayList<>();
        for (String in : v.inputs()) {
            if (v.categoricalInputs().contains(in)) {
                cat.add(in);
            }
        }
        strings(o.putArray("categoricalInputs"), cat);
        o.put("inputFingerprint", v.inputFingerprint());
        if (v.pipelineFingerprintOrNull() != null) {
            o.put("pipelineFingerprint", v.pipelineFingerprintOrNull());
        }
        o.put("confidenceKind", v.confidenceKind().name());
        o.put("hasProbabilities", v.hasProbabilities());
        ObjectNode m = o.putObject("metrics");
        new TreeMap<>(v.metrics()).forEach(m::put);
        o.put("description", v.description());
        ObjectNode l = o.putObject("lineage");
        ModelVersion.TrainingLineage t = v.lineage();
        if (t.rows() != null) {
            l.put("rows", t.rows());
        }
        if (t.seed() != null) {
            l.put("seed", t.seed());
        }
        if (t.dataFrom() != null) {
            l.put("dataFrom", t.dataFrom().toString());
            l.put("dataTo", t.dataTo().toString());
        }
        if (t.source() != null) {
            l.put("source", t.source());
        }
        if (t.createdAt() != null) {
            l.put("createdAt", t.createdAt().toString());
        }
        if (t.libraryVersion() != null) {
            l.put("libraryVersion", t.libraryVersion());
        }
        DistanceProfile p = v.distanceProfileOrNull();
        if (p != null) {
            ObjectNode d = o.putObject("distanceProfile");
            d.put("rows", p.rows());
            ArrayNode levels = d.putArray("levels");
            for (double x : DistanceProfile.levels()) {
                levels.add(x);
            }
            ArrayNode q = d.putArray("quantiles");
            for (double x : p.quantiles()) {
                q.add(x);
            }
        }
        return bytes(o);
    }

    static ModelVersion readVersion(byte[] bytes, String where) throws ModelFormatException {
        JsonNode o = parse(bytes, where);
        layout(o, where);
        DistanceProfile profile = null;
        if (o.has("distanceProfile")) {
            JsonNode d = o.get("distanceProfile");
            double[] levels = doubles(d, "levels", where + ".distanceProfile");
            if (!java.util.Arrays.equals(levels, DistanceProfile.levels())) {
                throw new ModelFormatException("Field '" + where + ".distanceProfile.levels' is "
                        + java.util.Arrays.toString(levels) + "; this library keeps "
                        + java.util.Arrays.toString(DistanceProfile.levels()));
            }
            try {
                profile = DistanceProfile.of(doubles(d, "quantiles", where + ".distanceProfile"),
                        longValue(d, "rows", where + ".distanceProfile"));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("Field '" + where + ".distanceProfile': " + e.getMessage(), e);
            }
        }
        JsonNode l = object(o, "lineage", where);
        String lw = where + ".lineage";
        ModelVersion.TrainingLineage lineage = new ModelVersion.TrainingLineage(
                l.has("rows") ? longValue(l, "rows", lw) : null, l.has("seed") ? longValue(l, "seed", lw) : null,
                l.has("dataFrom") ? date(l, "dataFrom", lw) : null, l.has("dataTo") ? date(l, "dataTo", lw) : null,
                l.has("source") ? text(l, "source", lw) : null, l.has("createdAt") ? instant(l, "createdAt", lw) : null,
                l.has("libraryVersion") ? text(l, "libraryVersion", lw) : null);
        Map<String, Double> metrics = new TreeMap<>();
        JsonNode m = object(o, "metrics", where);
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new ModelFormatException("Field '" + where + ".metrics." + e.getKey() + "' is not a number");
            }
            metrics.put(e.getKey(), e.getValue().doubleValue());
        }
        String kind = text(o, "confidenceKind", where);
        ConfidenceKind ck;
        try {
            ck = ConfidenceKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Field '" + where + ".confidenceKind' = \"" + kind + "\" is not one of "
                    + java.util.Arrays.toString(ConfidenceKind.values()));
        }
        List<String> inputs = strings(o, "inputs", where);
        Set<String> cat = new LinkedHashSet<>(strings(o, "categoricalInputs", where));
        if (!inputs.containsAll(cat)) {
            throw new ModelFormatException("Field '" + where + ".categoricalInputs' names columns that are not inputs");
        }
        int k = (int) longValue(o, "k", where);
        List<String> names = strings(o, "segmentNames", where);
        if (names.size() != k) {
            throw new ModelFormatException("Field '" + where + ".segmentNames' has " + names.size() + " names for k = " + k);
        }
        return new ModelVersion(text(o, "version", where), instant(o, "registeredAt", where),
                text(o, "fileSha256", where), longValue(o, "fileBytes", where), text(o, "modelClass", where), k,
                names, text(o, "noiseName", where), inputs, cat, text(o, "inputFingerprint", where),
                o.has("pipelineFingerprint") ? text(o, "pipelineFingerprint", where) : null, ck,
                bool(o, "hasProbabilities", where), metrics, text(o, "description", where), lineage, profile);
    }

    static byte[] write(Pointer p) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("layout", LAYOUT);
        o.put("active", p.active());
        ArrayNode h = o.putArray("history");
        for (Activation a : p.history()) {
            ObjectNode e = h.addObject();
            e.put("version", a.version());
            if (a.previous() != null) {
                e.put("previous", a.previous());
            }
            e.put("kind", a.kind().name());
            e.put("at", a.at().toString());
            e.put("note", a.note());
        }
        return bytes(o);
    }

    static Pointer readPointer(byte[] bytes, String where) throws ModelFormatException {
        JsonNode o = parse(bytes, where);
        layout(o, where);
        JsonNode h = o.get("history");
        if (h == null || !h.isArray() || h.isEmpty()) {
            throw new ModelFormatException("Field '" + where + ".history' must be a non-empty array");
        }
        List<Activation> history = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            JsonNode e = h.get(i);
            String w = where + ".history[" + i + "]";
            Activation.Kind kind;
            try {
                kind = Activation.Kind.valueOf(text(e, "kind", w));
            } catch (IllegalArgumentException x) {
                throw new ModelFormatException("Field '" + w + ".kind' is not ACTIVATE or ROLLBACK");
            }
            history.add(new Activation(text(e, "version", w), e.has("previous") ? text(e, "previous", w) : null, kind,
                    instant(e, "at", w), text(e, "note", w)));
        }
        String active = text(o, "active", where);
        if (!active.equals(history.get(history.size() - 1).version())) {
            throw new ModelFormatException("Field '" + where + ".active' = " + active + " is not the last activation ("
                    + history.get(history.size() - 1).version() + ")");
        }
        return new Pointer(active, history);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static byte[] bytes(ObjectNode o) {
        try {
            return Json.MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] bytes, String where) throws ModelFormatException {
        try {
            JsonNode o = Json.MAPPER.readTree(bytes);
            if (o == null || !o.isObject()) {
                throw new ModelFormatException(where + " is not a JSON object");
            }
            return o;
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(where + " is not valid JSON (truncated or corrupt?): " + e.getMessage(), e);
        }
    }

    private static void layout(JsonNode o, String where) throws ModelFormatException {
        long layout = longValue(o, "layout", where);
        if (layout != LAYOUT) {
            throw new ModelFormatException(where + " has layout " + layout + "; this library reads layout " + LAYOUT
                    + (layout > LAYOUT ? " (written by a newer library: upgrade to read it)" : ""));
        }
    }

    private static JsonNode field(JsonNode o, String name, String where) throws ModelFormatException {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new ModelFormatException("Field '" + where + "." + name + "' is missing");
        }
        return v;
    }

    private static JsonNode object(JsonNode o, String name, String where) throws ModelFormatException {
        JsonNode v = field(o, name, where);
        if (!v.isObject()) {
            throw new ModelFormatException("Field '" + where + "." + name + "' is not an object");
        }
        return v;
    }

    private static String text(JsonNode o, String name, String where) throws ModelFormatException {
        JsonNode v = field(o, name, where);
        if (!v.isTextual()) {
            throw new ModelFormatException("Field '" + where + "." + name + "' is not a string: " + v);
        }
        return v.textValue();
    }

    private static long longValue(JsonNode o, String name, String where) throws ModelFormatException {
        JsonNode v = field(o, name, where);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ModelFormatException("Field '" + where + "." + name + "' is not an integer: " + v);
        }
        return v.longValue();
    }

    private static boolean bool(JsonNode o, String name, String where) throws ModelFormatException {
        JsonNode v = field(o, name, where);
        if (!v.isBoolean()) {
            throw new ModelFormatException("Field '" + where + "." + name + "' is not true or false: " + v);
        }
        return v.booleanValue();
    }

    private static Instant instant(JsonNode o, String name, String where) throws ModelFormatException {
        String s = text(o, name, where);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new ModelFormatException("Field '" + where + "." + name + "' = \"" + s + "\" is not an ISO-8601 instant");
        }
    }

    private static LocalDate date(JsonNode o, String name, String where) throws ModelFormatException {
        String s = text(o, name, where);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new ModelFormatException("Field '" + where + "." + name + "' = \"" + s + "\" is not an ISO-8601 date");
        }
    }

    private static List<String> strings(JsonNode o, String name, String where) throws ModelFormatException {
        JsonNode v = field(o, name, where);
        if (!v.isArray()) {
            throw new ModelFormatException("Field '" + where + "." + name + "' is not an array");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new ModelFormatException("Field '" + where + "." + name + "[" + i + "]' is not a string");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    private static double[] doubles(JsonNode o, String name, String where) throws ModelFormatException {
        JsonNode v = field(o, name, where);
        if (!v.isArray()) {
            throw new ModelFormatException("Field '" + where + "." + name + "' is not an array");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new ModelFormatException("Field '" + where + "." + name + "[" + i + "]' is not a number");
            }
            out[i] = v.get(i).doubleValue();
        }
        return out;
    }

    private static void strings(ArrayNode a, List<String> values) {
        for (String s : values) {
            a.add(s);
        }
    }
}
