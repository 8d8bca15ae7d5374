package dev.segmentation.activation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.data.DataFiles;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the committed reference fixtures and, for real-data tests, the real data files. */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A JSON fixture from {@code src/test/resources/fixtures/<path>}. */
    public static JsonNode json(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalStateException("Missing fixture " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** Asserts |actual - expected| <= tol * max(|expected|, floor). */
    public static void close(double expected, double actual, double tol, double floor, String what) {
        double scale = Math.max(Math.abs(expected), floor);
        assertTrue(Math.abs(actual - expected) <= tol * scale, () -> what + ": expected " + expected + " but was "
                + actual + " (relative error " + Math.abs(actual - expected) / scale + ")");
    }

    /** Asserts a relative error of at most {@code tol} (absolute near zero). */
    public static void close(double expected, double actual, double tol, String what) {
        close(expected, actual, tol, 1e-300, what);
    }

    /**
     * A real data file, found by {@link DataFiles}; when it is absent the calling test is skipped, with the places
     * tried in the message.
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
}
