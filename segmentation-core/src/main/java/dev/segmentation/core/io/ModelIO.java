/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.internal.AtomicFiles;
import dev.segmentation.core.internal.Checks;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Reads and writes models in the library's versioned JSON format. Never uses Java serialization.
 *
 * <h2>The format (version 1)</h2>
 * A UTF-8 JSON object with, in this order:
 * <ul>
 *   <li>{@code "format"}: always {@code "dev.segmentation.model"};</li>
 *   <li>{@code "formatVersion"}: {@value #FORMAT_VERSION}; a reader refuses files of a later version;</li>
 *   <li>{@code "modelType"} and {@code "modelTypeVersion"}: which {@link ModelCodec} reads the model, and
 *       the version of that type's parameter layout;</li>
 *   <li>{@code "lineage"}: training rows, seed, features, library version, creation time (ISO-8601 UTC),
 *       and optionally the data period ({@code dataFrom}, {@code dataTo}) and {@code source};</li>
 *   <li>{@code "model"}: the parameters written by the codec (centroids, fitted transform parameters, ...);
 *       </li>
 *   <li>{@code "checksum"}: {@code {"algorithm": "SHA-256", "value": hex}}.</li>
 * </ul>
 * The checksum is computed over a canonical binary encoding of the parsed content of every other field
 * (names, types, strings as UTF-8, numbers as their IEEE-754 bits), not over the text, so re-indenting a file
 * keeps it valid while any change of a value fails the check. Numbers are written in the shortest form
 * that reads back to the same double, so a model round-trips bit for bit.
 *
 * <p>Loading checks, in order: that the bytes are one complete JSON object (a truncated file fails here),
 * the {@code format} marker, the format version, the checksum, the model type, and finally every parameter
 * through the codec's own validation. Each failure is a {@link ModelFormatException} that says which check
 * failed, and so does any failure inside a codec (a codec that lets a runtime exception escape on a forged
 * file is reported as an invalid file, never as an {@code ArithmeticException} or an index error).
 *
 * <p>Files are written to a temporary sibling, forced to storage, and moved into place in one atomic rename
 * (the directory is forced too), so a reader never sees a half-written model and a crash or power loss leaves
 * the previous or the complete new file; this is what makes hot swapping a model file safe. A replaced file
 * keeps its POSIX permissions; a new one gets the process's default.
 *
 * <p>Codecs are found with {@link ServiceLoader} (see {@link ModelCodec}); the core's own models are
 * registered the same way. This class is thread-safe.
 *
 * @since 0.1
 */
public final class ModelIO {
    /** The current file-format version. */
    public static final int FORMAT_VERSION = 1;
    /** The value of the {@code format} field. */
    public static final String FORMAT = "dev.segmentation.model";

    private static final String CHECKSUM_ALGORITHM = "SHA-256";
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String LIBRARY_VERSION = readLibraryVersion();

    private static volatile Registry registry;

    private ModelIO() {
    }

    /** The version of this library, as written to the lineage of every file. */
    public static String libraryVersion() {
        return LIBRARY_VERSION;
    }

    /**
     * Writes a model with the lineage its codec knows.
     *
     * @throws IllegalArgumentException if no codec is registered for the model's class
     * @throws IOException if the file cannot be written
     */
    public static void write(Object model, Path path) throws IOException {
        write(model, Lineage.builder().build(), path);
    }

    /**
     * Writes a model atomically and durably: after a crash or power loss at any point the file holds either its
     * previous content or the complete new model. The content is written to a temporary sibling, forced to
     * storage, moved over the file in one atomic rename, and the directory is forced. A new file gets the
     * process's default permissions (the umask applies); a replaced file keeps its POSIX permissions, so a
     * scoring service running as another user can still read the next version. Temporary files left by
     * interrupted writes of the same file are removed.
     *
     * @param model the model; a codec must be registered for its class
     * @param lineage what the caller knows of the data (period, source); merged with what the model knows
     * @param path the file to write; replaced if it exists
     * @throws IllegalArgumentException if no codec is registered for the model's class
     * @throws IOException if the file cannot be written; the file is then unchanged
     */
    public static void write(Object model, Lineage lineage, Path path) throws IOException {
        Checks.notNull("path", path);
        AtomicFiles.write(path, toJson(model, lineage).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The model as a JSON document.
     *
     * @throws IllegalArgumentException if no codec is registered for the model's class
     */
    public static String toJson(Object model, Lineage lineage) {
        Checks.notNull("model", model);
        Checks.notNull("lineage", lineage);
        Section document = document(model, lineage, Instant.now());
        StringWriter out = new StringWriter();
        try {
            writeJson(document, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Reads a model file.
     *
     * @throws ModelFormatException if the file is not a valid model file (see the class documentation)
     * @throws IOException if the file cannot be read
     */
    public static SavedModel read(Path path) throws IOException {
        Checks.notNull("path", path);
        try (InputStream in = Files.newInputStream(path)) {
            return parse(MAPPER.createParser(in), path.toString());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "model file not found");
        }
    }

    /**
     * Reads a model file that must hold a model of the given class.
     *
     * @throws ModelFormatException if the file is not valid or holds another kind of model
     * @throws IOException if the file cannot be read
     */
    public static <T> T read(Path path, Class<T> type) throws IOException {
        return read(path).model(type);
    }

    /**
     * Reads a model from a JSON document.
     *
     * @throws ModelFormatException if the document is not a valid model file
     */
    public static SavedModel fromJson(String json) throws ModelFormatException {
        Checks.notNull("json", json);
        try {
            return parse(MAPPER.createParser(json), "the JSON document");
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read the JSON document: " + e.getMessage(), e);
        }
    }

    /**
     * Encodes a model nested inside another (a transform and a model inside a scorer) as a section holding its
     * type, type version, parameters and, when its codec knows any, its own lineage (rows, seed, features), so
     * that a file keeps the lineage of every part. For use by codecs.
     *
     * @throws IllegalArgumentException if no codec is registered for the model's class
     */
    public static Section encodeNested(Object model) {
        ModelCodec<Object> codec = registry().forClass(model.getClass());
        Section.Builder b = Section.builder()
                .put("type", codec.type())
                .put("typeVersion", (long) codec.version())
                .put("parameters", codec.encode(model));
        Lineage own = codec.lineageOf(model);
        if (!own.equals(Lineage.builder().build())) {
            b.put("lineage", lineageSection(own));
        }
        return b.build();
    }

    /**
     * What a model's codec knows of its training data (rows, seed, features), for codecs of composite models
     * that report the lineage of their parts.
     *
     * @throws IllegalArgumentException if no codec is registered for the model's class
     */
    public static Lineage lineageOf(Object model) {
        Checks.notNull("model", model);
        return registry().forClass(model.getClass()).lineageOf(model);
    }

    /**
     * Decodes what {@link #encodeNested} wrote. For use by codecs.
     *
     * @throws ModelFormatException if the type is unknown or the parameters are invalid
     */
    public static <T> T decodeNested(Section section, Class<T> expected) throws ModelFormatException {
        String type = section.getString("type");
        ModelCodec<?> codec = registry().forType(type, section.path() + ".type");
        int version = section.getInt("typeVersion", 1, Integer.MAX_VALUE);
        checkTypeVersion(codec, version, section.path());
        Object value = decode(codec, section.getSection("parameters"), version);
        if (!expected.isInstance(value)) {
            throw new ModelFormatException("'" + section.path() + "' holds a '" + type + "', not a "
                    + expected.getSimpleName());
        }
        return expected.cast(value);
    }

    // ------------------------------------------------------------------------------------------ writing

    private static Section document(Object model, Lineage given, Instant now) {
        ModelCodec<Object> codec = registry().forClass(model.getClass());
        Lineage lineage = given.mergedWith(codec.lineageOf(model))
                .mergedWith(Lineage.builder().libraryVersion(LIBRARY_VERSION).createdAt(now).build());
        Section body = Section.builder()
                .put("format", FORMAT)
                .put("formatVersion", (long) FORMAT_VERSION)
                .put("modelType", codec.type())
                .put("modelTypeVersion", (long) codec.version())
                .put("lineage", lineageSection(lineage))
                .put("model", codec.encode(model))
                .build();
        Section.Builder withChecksum = Section.builder();
        for (String name : body.names()) {
            withChecksum.putRaw(name, body.raw(name));
        }
        withChecksum.put("checksum", Section.builder()
                .put("algorithm", CHECKSUM_ALGORITHM)
                .put("value", checksum(body))
                .build());
        return withChecksum.build();
    }

    private static Section lineageSection(Lineage l) {
        Section.Builder b = Section.builder();
        l.rows().ifPresent(r -> b.put("rows", r));
        l.seed().ifPresent(s -> b.put("seed", s));
        b.put("features", l.features());
        l.libraryVersion().ifPresent(v -> b.put("libraryVersion", v));
        l.createdAt().ifPresent(t -> b.put("createdAt", t.toString()));
        l.dataFrom().ifPresent(d -> b.put("dataFrom", d.toString()));
        l.dataTo().ifPresent(d -> b.put("dataTo", d.toString()));
        l.source().ifPresent(s -> b.put("source", s));
        return b.build();
    }

    private static void writeJson(Section document, Writer out) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(printer);
            writeSection(g, document);
            g.writeRaw('\n');
        }
    }

    private static void writeSection(JsonGenerator g, Section s) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : s.rawValues().entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Long) {
            g.writeNumber((Long) v);
        } else if (v instanceof Double) {
            g.writeNumber((Double) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof double[]) {
            double[] a = (double[]) v;
            g.writeArray(a, 0, a.length);
        } else if (v instanceof long[]) {
            long[] a = (long[]) v;
            g.writeArray(a, 0, a.length);
        } else if (v instanceof double[][]) {
            g.writeStartArray();
            for (double[] row : (double[][]) v) {
                g.writeArray(row, 0, row.length);
            }
            g.writeEndArray();
        } else if (v instanceof Section.StringList) {
            g.writeStartArray();
            for (String str : ((Section.StringList) v).strings) {
                g.writeString(str);
            }
            g.writeEndArray();
        } else if (v instanceof Section) {
            writeSection(g, (Section) v);
        } else if (v instanceof Section.SectionList) {
            g.writeStartArray();
            for (Section child : ((Section.SectionList) v).sections) {
                writeSection(g, child);
            }
            g.writeEndArray();
        } else if (v == Section.EMPTY) {
            g.writeStartArray();
            g.writeEndArray();
        } else {
            throw new IllegalStateException("Unsupported parameter value " + v);
        }
    }

    // ------------------------------------------------------------------------------------------ reading

    private static SavedModel parse(JsonParser parser, String what) throws IOException {
        JsonNode root;
        try (parser) {
            root = MAPPER.readTree(parser);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(what + " is not a complete, valid JSON document (truncated or "
                    + "corrupt?): " + e.getOriginalMessage() + locationOf(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ModelFormatException(what + " is empty");
        }
        if (!root.isObject()) {
            throw new ModelFormatException(what + " is JSON but not a model file: the top level is not an object");
        }
        Section doc = toSection(root, "");
        if (!doc.has("format") || !FORMAT.equals(doc.raw("format"))) {
            throw new ModelFormatException(what + " is JSON but not a model file: field 'format' must be \""
                    + FORMAT + "\"" + (doc.has("format") ? " but is " + Section.describe(doc.raw("format")) : ""));
        }
        int version = doc.getInt("formatVersion", 1, Integer.MAX_VALUE);
        if (version > FORMAT_VERSION) {
            throw new ModelFormatException(what + " was written in format version " + version
                    + " by a newer library; this library (" + LIBRARY_VERSION + ") reads versions up to "
                    + FORMAT_VERSION + ". Upgrade the library to load it.");
        }
        verifyChecksum(doc, what);
        String type = doc.getString("modelType");
        ModelCodec<?> codec = registry().forType(type, "modelType");
        int typeVersion = doc.getInt("modelTypeVersion", 1, Integer.MAX_VALUE);
        checkTypeVersion(codec, typeVersion, "model");
        Lineage lineage = readLineage(doc.getSection("lineage"));
        Object model = decode(codec, doc.getSection("model"), typeVersion);
        List<SavedModel.Part> parts = new ArrayList<>();
        nestedParts(doc.getSection("model"), parts);
        return new SavedModel(version, type, lineage, model, parts);
    }

    /**
     * Runs a codec's decode so that every failure is a {@link ModelFormatException}: a codec that lets a runtime
     * exception escape on a forged or damaged file (an overflowing size, an index out of range) still reports it
     * as an invalid file, naming the type and the section.
     */
    private static Object decode(ModelCodec<?> codec, Section parameters, int version) throws ModelFormatException {
        try {
            return codec.decode(parameters, version);
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException("Invalid '" + codec.type() + "' parameters in '" + parameters.path() + "': "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static void checkTypeVersion(ModelCodec<?> codec, int version, String where) throws ModelFormatException {
        if (version > codec.version()) {
            throw new ModelFormatException("'" + where + "' of type '" + codec.type() + "' was written with layout "
                    + "version " + version + " by a newer library; this library reads up to " + codec.version());
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static void verifyChecksum(Section doc, String what) throws ModelFormatException {
        if (!doc.has("checksum")) {
            throw new ModelFormatException(what + " has no checksum; it was not written by this library or was "
                    + "edited by hand");
        }
        Section sum = doc.getSection("checksum");
        String algorithm = sum.getString("algorithm");
        if (!CHECKSUM_ALGORITHM.equals(algorithm)) {
            throw new ModelFormatException("Unsupported checksum algorithm '" + algorithm + "' in " + what
                    + "; expected " + CHECKSUM_ALGORITHM);
        }
        Section.Builder body = Section.builder();
        for (String name : doc.names()) {
            if (!name.equals("checksum")) {
                body.putRaw(name, doc.raw(name));
            }
        }
        String expected = sum.getString("value");
        String actual = checksum(body.build());
        if (!actual.equalsIgnoreCase(expected)) {
            throw new ModelFormatException("Checksum mismatch in " + what + ": the file says " + expected
                    + " but its content hashes to " + actual + "; the file was modified or corrupted");
        }
    }

    /** The nested models (sections written by {@link #encodeNested}) under {@code s}, depth first. */
    private static void nestedParts(Section s, List<SavedModel.Part> out) throws ModelFormatException {
        for (String name : s.names()) {
            Object v = s.raw(name);
            if (v instanceof Section) {
                Section child = (Section) v;
                if (child.has("type") && child.has("typeVersion") && child.has("parameters")
                        && child.raw("type") instanceof String) {
                    Lineage l = child.has("lineage") ? readLineage(child.getSection("lineage")) : Lineage.builder().build();
                    out.add(new SavedModel.Part(child.path(), child.getString("type"), l));
                    nestedParts(child.getSection("parameters"), out);
                } else {
                    nestedParts(child, out);
                }
            }
        }
    }

    private static Lineage readLineage(Section s) throws ModelFormatException {
        Lineage.Builder b = Lineage.builder();
        if (s.has("rows")) {
            long rows = s.getLong("rows");
            if (rows < 0) {
                throw new ModelFormatException("Parameter 'lineage.rows' must be >= 0 but is " + rows);
            }
            b.rows(rows);
        }
        if (s.has("seed")) {
            b.seed(s.getLong("seed"));
        }
        b.features(s.getStrings("features", -1));
        if (s.has("libraryVersion")) {
            b.libraryVersion(s.getString("libraryVersion"));
        }
        try {
            if (s.has("createdAt")) {
                b.createdAt(Instant.parse(s.getString("createdAt")));
            }
            if (s.has("dataFrom") || s.has("dataTo")) {
                b.dataPeriod(LocalDate.parse(s.getString("dataFrom")), LocalDate.parse(s.getString("dataTo")));
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new ModelFormatException("Invalid date in 'lineage': " + e.getMessage(), e);
        }
        if (s.has("source")) {
            b.source(s.getString("source"));
        }
        return b.build();
    }

    private static Section toSection(JsonNode node, String path) throws ModelFormatException {
        Section.Builder b = Section.builder();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            b.putRaw(e.getKey(), toValue(e.getValue(), childPath));
        }
        return b.build().at(path);
    }

    private static Object toValue(JsonNode n, String path) throws ModelFormatException {
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                throw new ModelFormatException("Parameter '" + path + "' = " + n + " is out of the integer range");
            }
            return n.longValue();
        }
        if (n.isNumber()) {
            double v = n.doubleValue();
            if (v - v != 0) {
                throw new ModelFormatException("Parameter '" + path + "' = " + v + " is not a finite double");
            }
            return v;
        }
        if (n.isObject()) {
            return toSection(n, path);
        }
        if (n.isNull()) {
            throw new ModelFormatException("Parameter '" + path + "' is null");
        }
        // array
        int size = n.size();
        if (size == 0) {
            return Section.EMPTY;
        }
        boolean allText = true;
        boolean allObjects = true;
        boolean allIntegral = true;
        boolean allNumbers = true;
        boolean allArrays = true;
        for (JsonNode c : n) {
            allText &= c.isTextual();
            allObjects &= c.isObject();
            allNumbers &= c.isNumber();
            allIntegral &= c.isIntegralNumber() && c.canConvertToLong();
            allArrays &= c.isArray();
        }
        if (allText) {
            List<String> out = new ArrayList<>(size);
            n.forEach(c -> out.add(c.textValue()));
            return new Section.StringList(List.copyOf(out));
        }
        if (allObjects) {
            List<Section> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(toSection(n.get(i), path + "[" + i + "]"));
            }
            return new Section.SectionList(List.copyOf(out));
        }
        if (allIntegral) {
            long[] out = new long[size];
            for (int i = 0; i < size; i++) {
                out[i] = n.get(i).longValue();
            }
            return out;
        }
        if (allNumbers) {
            return numbers(n, path);
        }
        if (allArrays) {
            double[][] out = new double[size][];
            for (int i = 0; i < size; i++) {
                JsonNode row = n.get(i);
                for (JsonNode c : row) {
                    if (!c.isNumber()) {
                        throw new ModelFormatException("Parameter '" + path + "[" + i + "]' must hold only numbers");
                    }
                }
                out[i] = numbers(row, path + "[" + i + "]");
            }
            return out;
        }
        return new Section.Mixed();
    }

    private static double[] numbers(JsonNode n, String path) throws ModelFormatException {
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            double v = n.get(i).doubleValue();
            if (v - v != 0) {
                throw new ModelFormatException("Parameter '" + path + "[" + i + "]' is not a finite double");
            }
            out[i] = v;
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ checksum

    /** SHA-256 over the canonical encoding of a section, as lower-case hex. */
    static String checksum(Section s) {
        try {
            MessageDigest md = MessageDigest.getInstance(CHECKSUM_ALGORITHM);
            try (DataOutputStream out = new DataOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), md))) {
                canonical(out, s);
            }
            StringBuilder hex = new StringBuilder(64);
            for (byte b : md.digest()) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM lacks " + CHECKSUM_ALGORITHM, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void canonical(DataOutputStream out, Section s) throws IOException {
        out.writeByte('{');
        out.writeInt(s.rawValues().size());
        for (Map.Entry<String, Object> e : s.rawValues().entrySet()) {
            string(out, e.getKey());
            Object v = e.getValue();
            if (v instanceof String) {
                out.writeByte('S');
                string(out, (String) v);
            } else if (v instanceof Long) {
                out.writeByte('L');
                out.writeLong((Long) v);
            } else if (v instanceof Double) {
                out.writeByte('D');
                out.writeLong(Double.doubleToRawLongBits((Double) v));
            } else if (v instanceof Boolean) {
                out.writeByte((Boolean) v ? 'T' : 'F');
            } else if (v instanceof double[]) {
                out.writeByte('d');
                doubles(out, (double[]) v);
            } else if (v instanceof long[]) {
                long[] a = (long[]) v;
                out.writeByte('l');
                out.writeInt(a.length);
                for (long x : a) {
                    out.writeLong(x);
                }
            } else if (v instanceof double[][]) {
                double[][] m = (double[][]) v;
                out.writeByte('m');
                out.writeInt(m.length);
                for (double[] row : m) {
                    doubles(out, row);
                }
            } else if (v instanceof Section.StringList) {
                List<String> l = ((Section.StringList) v).strings;
                out.writeByte('s');
                out.writeInt(l.size());
                for (String str : l) {
                    string(out, str);
                }
            } else if (v instanceof Section) {
                out.writeByte('o');
                canonical(out, (Section) v);
            } else if (v instanceof Section.SectionList) {
                List<Section> l = ((Section.SectionList) v).sections;
                out.writeByte('a');
                out.writeInt(l.size());
                for (Section child : l) {
                    canonical(out, child);
                }
            } else if (v == Section.EMPTY) {
                out.writeByte('e');
            } else {
                out.writeByte('x');
            }
        }
    }

    private static void doubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double x : a) {
            out.writeLong(Double.doubleToRawLongBits(x));
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Test support: a document whose checksum is valid for arbitrary (possibly invalid) content. */
    static String toJsonWithValidChecksum(Section body) {
        Section.Builder withChecksum = Section.builder();
        for (String name : body.names()) {
            withChecksum.putRaw(name, body.raw(name));
        }
        withChecksum.put("checksum", Section.builder()
                .put("algorithm", CHECKSUM_ALGORITHM).put("value", checksum(body)).build());
        StringWriter out = new StringWriter();
        try {
            writeJson(withChecksum.build(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------ registry

    private static Registry registry() {
        Registry r = registry;
        if (r == null) {
            synchronized (ModelIO.class) {
                r = registry;
                if (r == null) {
                    r = Registry.load();
                    registry = r;
                }
            }
        }
        return r;
    }

    private static String readLibraryVersion() {
        Properties p = new Properties();
        try (InputStream in = ModelIO.class.getResourceAsStream("/dev/segmentation/core/library.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        String v = p.getProperty("version");
        return v == null || v.startsWith("${") ? "unknown" : v;
    }

    /** The codecs found by the service loader, by type and by class. */
    private static final class Registry {
        private final Map<String, ModelCodec<?>> byType;
        private final Map<Class<?>, ModelCodec<?>> byClass;

        private Registry(Map<String, ModelCodec<?>> byType, Map<Class<?>, ModelCodec<?>> byClass) {
            this.byType = byType;
            this.byClass = byClass;
        }

        @SuppressWarnings("rawtypes")
        static Registry load() {
            Map<String, ModelCodec<?>> byType = new TreeMap<>();
            Map<Class<?>, ModelCodec<?>> byClass = new HashMap<>();
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            List<ServiceLoader<ModelCodec>> loaders = new ArrayList<>();
            loaders.add(ServiceLoader.load(ModelCodec.class, ModelIO.class.getClassLoader()));
            if (loader != null && loader != ModelIO.class.getClassLoader()) {
                loaders.add(ServiceLoader.load(ModelCodec.class, loader));
            }
            for (ServiceLoader<ModelCodec> sl : loaders) {
                for (ModelCodec<?> codec : sl) {
                    ModelCodec<?> previous = byType.get(codec.type());
                    if (previous != null && previous.getClass() != codec.getClass()) {
                        throw new IllegalStateException("Two codecs claim model type '" + codec.type() + "': "
                                + previous.getClass().getName() + " and " + codec.getClass().getName());
                    }
                    byType.put(codec.type(), codec);
                    byClass.put(codec.modelClass(), codec);
                }
            }
            return new Registry(byType, byClass);
        }

        @SuppressWarnings("unchecked")
        ModelCodec<Object> forClass(Class<?> c) {
            ModelCodec<?> codec = byClass.get(c);
            if (codec == null) {
                throw new IllegalArgumentException("No ModelCodec is registered for " + c.getName()
                        + "; registered model types: " + byType.keySet());
            }
            return (ModelCodec<Object>) codec;
        }

        ModelCodec<?> forType(String type, String where) throws ModelFormatException {
            ModelCodec<?> codec = byType.get(type);
            if (codec == null) {
                throw new ModelFormatException("Unknown model type '" + type + "' in '" + where
                        + "'; this library knows " + byType.keySet()
                        + ". Is the module that defines it on the class path?");
            }
            return codec;
        }
    }
}
