package dev.segmentation.core.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RngTest {

    /** The sequences in golden_rng.txt come from an independent implementation (golden_rng.py). */
    @Test
    void matchesGoldenSequences() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/rng/golden_rng.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int checked = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] parts = line.split(":");
            String[] head = parts[0].trim().split(" ");
            long[] expected = Arrays.stream(parts[1].trim().split(" ")).mapToLong(Long::parseLong).toArray();
            Rng rng = head[0].equals("seed")
                    ? new Rng(Long.parseLong(head[1]))
                    : Rng.stream(Long.parseLong(head[1]), Long.parseLong(head[2]));
            long[] actual = new long[expected.length];
            for (int i = 0; i < actual.length; i++) {
                actual[i] = rng.nextLong();
            }
            assertArrayEquals(expected, actual, line);
            checked++;
        }
        assertEquals(6, checked);
    }

    /** The documented mapping: the top 53 bits of the golden-tested {@code nextLong}, times 2^-53. */
    @Test
    void nextDoubleIsTheTop53BitsOfNextLong() {
        Rng doubles = new Rng(1);
        Rng longs = new Rng(1);
        for (int i = 0; i < 10_000; i++) {
            assertEquals((longs.nextLong() >>> 11) * 0x1.0p-53, doubles.nextDouble(), 0.0, "draw " + i);
        }
    }

    @Test
    void nextIntIsUniformAndBounded() {
        Rng rng = new Rng(3);
        int[] counts = new int[7];
        int draws = 70_000;
        for (int i = 0; i < draws; i++) {
            counts[rng.nextInt(7)]++;
        }
        for (int c : counts) {
            // 10,000 expected per cell; 5 standard deviations is about 475
            assertTrue(Math.abs(c - 10_000) < 500, Arrays.toString(counts));
        }
        assertThrows(IllegalArgumentException.class, () -> rng.nextInt(0));
    }

    @Test
    void streamsAreReproducibleAndDistinct() {
        assertEquals(Rng.stream(5, 2).nextLong(), Rng.stream(5, 2).nextLong());
        assertTrue(Rng.stream(5, 2).nextLong() != Rng.stream(5, 3).nextLong());
        assertTrue(Rng.stream(5, 2).nextLong() != Rng.stream(6, 2).nextLong());
    }
}
