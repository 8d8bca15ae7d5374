package dev.segmentation.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.Dataset;
import dev.segmentation.data.DataFiles;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the committed reference fixtures and, for real-data tests, the real data files. */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A JSON fixture from {@code src/test/resources/fixtures/<path>}. */
    public static JsonNode json(String path) {
        try (InputStream in = open(path)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a text fixture. */
    public static List<String> lines(String path) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(path), StandardCharsets.UTF_8))) {
            List<String> out = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path);
        if (in == null) {
            throw new IllegalStateException("Missing fixture " + path);
        }
        return in;
    }

    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    public static double[][] matrix(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(rows.get(i));
        }
        return out;
    }

    /** The derived Online Retail RFM fixture: columns recency_days, frequency, monetary; and its segments. */
    public static RfmFixture rfm() {
        List<String> lines = lines("rfm/online_retail_rfm.csv");
        List<double[]> rows = new ArrayList<>();
        List<Integer> seg = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.startsWith("recency_days")) {
                continue;
            }
            String[] t = line.split(",");
            rows.add(new double[] {Double.parseDouble(t[0]), Double.parseDouble(t[1]), Double.parseDouble(t[2])});
            seg.add(Integer.parseInt(t[3]));
        }
        int[] labels = new int[seg.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = seg.get(i);
        }
        return new RfmFixture(Dataset.of(rows.toArray(new double[0][]), List.of("recency_days", "frequency",
                "monetary")), labels);
    }

    /** The RFM table and its K-means segments. */
    public record RfmFixture(Dataset raw, int[] segments) {
    }

    /** Asserts |actual - expected| <= tol * |expected| (or <= tol when expected is 0). */
    public static void assertRelative(double expected, double actual, double tol, String what) {
        double scale = Math.max(Math.abs(expected), expected == 0 ? 1 : 0);
        assertTrue(Math.abs(actual - expected) <= tol * scale, () -> what + ": expected " + expected + " but was "
                + actual + " (relative error " + Math.abs(actual - expected) / scale + ")");
    }

    /** Whether a real data file is present (see {@link DataFiles}), without skipping the caller. */
    public static boolean hasData(String file) {
        return DataFiles.find(file).isPresent();
    }

    /**
     * A real data file, found by {@link DataFiles}; when it is absent the calling test is skipped, with the places
     * tried printed on the console.
     */
    public static Path dataFile(String file) {
        Optional<Path> p = DataFiles.find(file);
        if (p.isEmpty()) {
            String message = "Skipped: " + DataFiles.notFoundMessage(file);
            System.err.println(message);
            Assumptions.abort(message);
        }
        return p.get();
    }

    /** A simple CSV table (no quoted fields) from the shared data folder, by column name. */
    public static Map<String, List<String>> csv(String file) {
        Path p = dataFile(file);
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            String[] header = lines.get(0).trim().split(",");
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (String h : header) {
                out.put(h, new ArrayList<>());
            }
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).replace("\r", "");
                if (line.isBlank()) {
                    continue;
                }
                String[] t = line.split(",", -1);
                assertEquals(header.length, t.length, "line " + i + " of " + file);
                for (int j = 0; j < header.length; j++) {
                    out.get(header[j]).add(t[j]);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[] numbers(List<String> column) {
        double[] out = new double[column.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.parseDouble(column.get(i));
        }
        return out;
    }

    /** Codes of a categorical column: the index of each value among the sorted distinct values. */
    public static int[] codes(List<String> column) {
        TreeMap<String, Integer> index = new TreeMap<>();
        for (String v : column) {
            index.put(v, 0);
        }
        int c = 0;
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            e.setValue(c++);
        }
        int[] out = new int[column.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index.get(column.get(i));
        }
        return out;
    }

    /** Codes of a numeric categorical column (Region, Channel, segment), sorted numerically. */
    public static int[] numericCodes(List<String> column) {
        TreeMap<Double, Integer> index = new TreeMap<>();
        for (String v : column) {
            index.put(Double.parseDouble(v), 0);
        }
        int c = 0;
        for (Map.Entry<Double, Integer> e : index.entrySet()) {
            e.setValue(c++);
        }
        int[] out = new int[column.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index.get(Double.parseDouble(column.get(i)));
        }
        return out;
    }
}
