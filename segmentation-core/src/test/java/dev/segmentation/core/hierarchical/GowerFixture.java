package dev.segmentation.core.hierarchical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.Dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The {@code wholesale_150} table of {@code /fixtures/gower/gower_daisy.json} (made by make_gower_fixtures.R). */
final class GowerFixture {
    private GowerFixture() {
    }

    static JsonNode wholesale150() {
        try (InputStream in = GowerFixture.class.getResourceAsStream("/fixtures/gower/gower_daisy.json")) {
            for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
                if (c.get("name").asText().equals("wholesale_150")) {
                    return c;
                }
            }
            throw new IllegalStateException("No case wholesale_150");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dataset data(JsonNode c) {
        List<String> names = new ArrayList<>();
        c.get("columns").forEach(n -> names.add(n.asText()));
        return Dataset.of(HierarchicalFixtures.matrix(c.get("data")), names);
    }
}
