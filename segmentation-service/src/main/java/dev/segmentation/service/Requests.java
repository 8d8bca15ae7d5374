/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.segmentation.core.FeatureTransform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads request bodies with Jackson's streaming parser straight into the per-thread raw-value buffers: no tree, no
 * boxing, and every refusal names the field ({@code features.monetary}, {@code rows[3][1]}, ...).
 *
 * <h2>Accepted bodies</h2>
 * <pre>
 * POST /v1/score        {"customerId": "12347" (optional), "features": {"recency_days": 3, "frequency": 25, ...}}
 * POST /v1/score/batch  {"columns": ["recency_days", ...] (optional, before rows), "rows": [[3, 25, 12000], ...],
 *                        "customerIds": ["12347", ...] (optional, one per row)}
 * </pre>
 * A numeric input is a JSON number (finite); a categorical input a string; {@code null} is a missing value (the
 * pipeline imputes it or the fallback policy handles it). Unknown fields, missing inputs, other types, the
 * non-standard {@code NaN}/{@code Infinity} tokens and numbers that overflow a double are refused.
 */
final class Requests {
    static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private Requests() {
    }

    /** A parsed single-score request: the raw values are in the thread's buffer. */
    static String score(byte[] body, int len, FeatureTransform t, double[] raw, boolean[] seen) {
        String field = null;
        try (JsonParser p = JSON.createParser(body, 0, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest(null, "The body must be a JSON object {\"customerId\": ..., \"features\": {...}}");
            }
            String id = null;
            boolean features = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("customerId")) {
                    id = customerId(p, v, "customerId");
                } else if (field.equals("features")) {
                    features(p, v, t, raw, seen);
                    features = true;
                } else {
                    throw ApiException.badRequest(field, "Unknown field '" + field + "'; a score request has the fields "
                            + "customerId (optional) and features");
                }
                field = null;
            }
            end(p);
            if (!features) {
                throw ApiException.badRequest("features", "The field 'features' is missing: an object of input name to "
                        + "value, with the inputs " + t.inputNames());
            }
            return id;
        } catch (JsonProcessingException e) {
            throw malformed(e, field);
        } catch (IOException e) {
            throw ApiException.badRequest(field, "Unreadable body: " + e.getMessage());
        }
    }

    private static void features(JsonParser p, JsonToken v, FeatureTransform t, double[] raw, boolean[] seen)
            throws IOException {
        if (v != JsonToken.START_OBJECT) {
            throw ApiException.badRequest("features", "'features' must be an object of input name to value, not "
                    + describe(v));
        }
        int d = raw.length;
        Arrays.fill(raw, Double.NaN);
        Arrays.fill(seen, false);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int j;
            try {
                j = t.inputIndex(name);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("features." + name, "Unknown input '" + name + "'; the model's inputs are "
                        + t.inputNames());
            }
            raw[j] = value(p, p.nextToken(), t, name, "features." + name);
            seen[j] = true;
        }
        List<String> missing = null;
        for (int j = 0; j < d; j++) {
            if (!seen[j]) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(t.inputNames().get(j));
            }
        }
        if (missing != null) {
            throw ApiException.badRequest("features." + missing.get(0), "Missing input" + (missing.size() > 1 ? "s " : " ")
                    + missing + "; send null for a value that is not known");
        }
    }

    /** A raw value: a finite number, a category, or null for missing. */
    private static double value(JsonParser p, JsonToken v, FeatureTransform t, String input, String path)
            throws IOException {
        boolean categorical = t.isCategorical(input);
        if (v == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            if (categorical) {
                throw ApiException.badRequest(path, "'" + input + "' is categorical: send its category as a string, not "
                        + p.getText());
            }
            double x = p.getDoubleValue();
            if (!(x - x == 0)) {
                throw ApiException.badRequest(path, "'" + input + "' must be a finite number but " + p.getText()
                        + " is out of the double range");
            }
            return x;
        }
        if (v == JsonToken.VALUE_STRING) {
            if (categorical) {
                return t.categoryCode(input, p.getText());
            }
            throw ApiException.badRequest(path, "'" + input + "' must be a number, not the string \"" + abbreviate(p.getText())
                    + "\"");
        }
        throw ApiException.badRequest(path, "'" + input + "' must be " + (categorical ? "a string" : "a number")
                + ", not " + describe(v));
    }

    private static String customerId(JsonParser p, JsonToken v, String path) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            throw ApiException.badRequest(path, "A customer id must be a string, not " + describe(v));
        }
        String id = p.getText();
        if (id.isBlank() || id.length() > 200) {
            throw ApiException.badRequest(path, "A customer id must be 1 to 200 characters and not blank");
        }
        return id;
    }

    /** A parsed batch request. */
    static final class Batch {
        int rows;
        double[] values = new double[1024];
        String[] ids = new String[64];
        boolean withIds;
        int[] colIndex = new int[8];
    }

    static void batch(byte[] body, int len, FeatureTransform t, int maxRows, Batch out) {
        String field = null;
        int d = t.inputNames().size();
        out.rows = 0;
        out.withIds = false;
        if (out.colIndex.length < d) {
            out.colIndex = new int[d];
        }
        for (int j = 0; j < d; j++) {
            out.colIndex[j] = j;
        }
        try (JsonParser p = JSON.createParser(body, 0, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest(null, "The body must be a JSON object {\"columns\": [...], \"rows\": [[...], ...]}");
            }
            boolean rows = false;
            int ids = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "columns":
                        if (rows) {
                            throw ApiException.badRequest("columns", "'columns' must come before 'rows'");
                        }
                        columns(p, v, t, out.colIndex);
                        break;
                    case "rows":
                        rows(p, v, t, maxRows, out);
                        rows = true;
                        break;
                    case "customerIds":
                        ids = ids(p, v, maxRows, out);
                        break;
                    default:
                        throw ApiException.badRequest(field, "Unknown field '" + field + "'; a batch has the fields columns "
                                + "(optional), rows and customerIds (optional)");
                }
                field = null;
            }
            end(p);
            if (!rows) {
                throw ApiException.badRequest("rows", "The field 'rows' is missing: an array of records, each an array of "
                        + "values in the order of 'columns' (default " + t.inputNames() + ")");
            }
            if (ids >= 0 && ids != out.rows) {
                throw ApiException.badRequest("customerIds", ids + " customer ids for " + out.rows + " rows");
            }
            out.withIds = ids >= 0;
        } catch (JsonProcessingException e) {
            throw malformed(e, field);
        } catch (IOException e) {
            throw ApiException.badRequest(field, "Unreadable body: " + e.getMessage());
        }
    }

    private static void columns(JsonParser p, JsonToken v, FeatureTransform t, int[] colIndex) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw ApiException.badRequest("columns", "'columns' must be an array of input names, not " + describe(v));
        }
        int d = t.inputNames().size();
        boolean[] taken = new boolean[d];
        int c = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = "columns[" + c + "]";
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw ApiException.badRequest(path, "A column name must be a string, not " + describe(p.currentToken()));
            }
            String name = p.getText();
            int j;
            try {
                j = t.inputIndex(name);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(path, "Unknown input '" + name + "'; the model's inputs are " + t.inputNames());
            }
            if (c >= d || taken[j]) {
                throw ApiException.badRequest(path, "Column '" + name + "' is given twice");
            }
            taken[j] = true;
            colIndex[c++] = j;
        }
        if (c < d) {
            List<String> missing = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                if (!taken[j]) {
                    missing.add(t.inputNames().get(j));
                }
            }
            throw ApiException.badRequest("columns", "Missing input" + (missing.size() > 1 ? "s " : " ") + missing
                    + "; send null values for inputs that are not known");
        }
    }

    private static void rows(JsonParser p, JsonToken v, FeatureTransform t, int maxRows, Batch out) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw ApiException.badRequest("rows", "'rows' must be an array of records, not " + describe(v));
        }
        int d = t.inputNames().size();
        List<String> names = t.inputNames();
        int r = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (r >= maxRows) {
                throw new ApiException(413, "batch_too_large", "rows", "A batch holds at most " + maxRows + " rows "
                        + "(--max-batch-rows); split it");
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw ApiException.badRequest("rows[" + r + "]", "A record must be an array of " + d + " values, not "
                        + describe(p.currentToken()));
            }
            if ((long) (r + 1) * d > out.values.length) {
                out.values = Arrays.copyOf(out.values, Math.max(out.values.length * 2, (r + 1) * d));
            }
            int base = r * d;
            int c = 0;
            for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) {
                if (c >= d) {
                    throw ApiException.badRequest("rows[" + r + "]", "Record " + r + " has more than " + d + " values");
                }
                int j = out.colIndex[c];
                if (x == JsonToken.VALUE_NUMBER_INT || x == JsonToken.VALUE_NUMBER_FLOAT) {
                    double val = p.getDoubleValue();
                    if (val - val == 0 && !t.isCategorical(names.get(j))) {
                        out.values[base + j] = val;
                        c++;
                        continue;
                    }
                }
                out.values[base + j] = value(p, x, t, names.get(j), "rows[" + r + "][" + c + "]");
                c++;
            }
            if (c < d) {
                throw ApiException.badRequest("rows[" + r + "]", "Record " + r + " has " + c + " values for the " + d
                        + " columns");
            }
            r++;
        }
        out.rows = r;
    }

    private static int ids(JsonParser p, JsonToken v, int maxRows, Batch out) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw ApiException.badRequest("customerIds", "'customerIds' must be an array of strings, not " + describe(v));
        }
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n >= maxRows) {
                throw new ApiException(413, "batch_too_large", "customerIds", "A batch holds at most " + maxRows + " rows");
            }
            if (n >= out.ids.length) {
                out.ids = Arrays.copyOf(out.ids, out.ids.length * 2);
            }
            String id = customerId(p, p.currentToken(), "customerIds[" + n + "]");
            if (id == null) {
                throw ApiException.badRequest("customerIds[" + n + "]", "A customer id must be a string, not null");
            }
            out.ids[n++] = id;
        }
        return n;
    }

    /** A small JSON object of string fields (admin requests). */
    static String[] strings(byte[] body, int len, List<String> allowed, List<String> required) {
        String field = null;
        String[] out = new String[allowed.size()];
        try (JsonParser p = JSON.createParser(body, 0, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest(null, "The body must be a JSON object with the fields " + allowed);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                field = p.currentName();
                int i = allowed.indexOf(field);
                if (i < 0) {
                    throw ApiException.badRequest(field, "Unknown field '" + field + "'; the fields are " + allowed);
                }
                if (p.nextToken() != JsonToken.VALUE_STRING || p.getText().isBlank() || p.getText().length() > 200) {
                    throw ApiException.badRequest(field, "'" + field + "' must be a non-blank string of at most 200 "
                            + "characters");
                }
                out[i] = p.getText();
                field = null;
            }
            end(p);
        } catch (JsonProcessingException e) {
            throw malformed(e, field);
        } catch (IOException e) {
            throw ApiException.badRequest(field, "Unreadable body: " + e.getMessage());
        }
        for (String r : required) {
            if (out[allowed.indexOf(r)] == null) {
                throw ApiException.badRequest(r, "The field '" + r + "' is missing");
            }
        }
        return out;
    }

    private static void end(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw ApiException.badRequest(null, "Unexpected content after the JSON object");
        }
    }

    private static ApiException malformed(JsonProcessingException e, String field) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return new ApiException(400, "malformed_json", field, "Malformed JSON" + (field == null ? "" : " in '" + field + "'")
                + where + ": " + e.getOriginalMessage());
    }

    private static String describe(JsonToken v) {
        if (v == null) {
            return "nothing";
        }
        switch (v) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return "a number";
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
