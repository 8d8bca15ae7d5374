package dev.segmentation.activation.internal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The bucketed repeat search against the obvious answer, including colliding hashes of different strings. */
class Xxh64Test {
    private static long[] keys(String[] ids, long[] hashes) {
        int bits = Xxh64.rowBits(ids.length);
        long[] k = new long[ids.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = Xxh64.key(hashes[i], i, bits);
        }
        return k;
    }

    private static long[] hashes(String[] ids) {
        long[] h = new long[ids.length];
        byte[][] buf = new byte[1][];
        for (int i = 0; i < h.length; i++) {
            h[i] = Xxh64.hash(ids[i], 17, buf);
        }
        return h;
    }

    @Test
    void findsTheFirstRepeatInRowOrder() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rnd.nextInt(60_000);
            String[] ids = new String[n];
            for (int i = 0; i < n; i++) {
                ids[i] = "c" + i;
            }
            assertNull(Xxh64.firstRepeat(ids, keys(ids, hashes(ids)), Xxh64.rowBits(n)));
            if (n < 3) {
                continue;
            }
            int a = rnd.nextInt(n - 2);
            int b = a + 1 + rnd.nextInt(n - a - 1);
            ids[b] = ids[a];
            int c = b + rnd.nextInt(n - b);
            if (c > b) {
                ids[c] = ids[0];           // a later repeat must not be the one reported
            }
            assertArrayEquals(new int[] {a, b}, Xxh64.firstRepeat(ids, keys(ids, hashes(ids)), Xxh64.rowBits(n)));
        }
    }

    @Test
    void equalHashesOfDifferentStringsAreNotRepeats() {
        int n = 20_000;
        String[] ids = new String[n];
        long[] h = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "id-" + i;
            h[i] = (i % 7) * 0x9E3779B97F4A7C15L;     // only seven distinct hashes
        }
        assertNull(Xxh64.firstRepeat(ids, keys(ids, h), Xxh64.rowBits(n)));
    }
}
