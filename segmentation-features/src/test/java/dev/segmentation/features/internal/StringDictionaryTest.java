/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class StringDictionaryTest {
    @Test
    void codesAreDenseInOrderOfFirstAppearanceAndMatchAHashMap() {
        StringDictionary d = new StringDictionary();
        Map<String, Integer> reference = new HashMap<>();
        Random rnd = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            String s = Integer.toString(rnd.nextInt(50_000));
            char[] buf = ("<" + s + ">").toCharArray();
            int code = i % 2 == 0 ? d.code(buf, 1, s.length()) : d.code(s);
            Integer expected = reference.putIfAbsent(s, reference.size());
            assertEquals(expected == null ? reference.size() - 1 : expected, code);
        }
        assertEquals(reference.size(), d.size());
        String[] all = d.toArray();
        for (Map.Entry<String, Integer> e : reference.entrySet()) {
            assertEquals(e.getKey(), all[e.getValue()]);
        }
    }

    @Test
    void emptyStringAndRepeatedLookupsReuseTheSameString() {
        StringDictionary d = new StringDictionary();
        assertEquals(0, d.code(new char[0], 0, 0));
        assertEquals(1, d.code("ab".toCharArray(), 0, 2));
        assertSame(d.get(1), d.get(d.code("ab".toCharArray(), 0, 2)));
        assertArrayEquals(new String[] {"", "ab"}, d.toArray());
    }
}
