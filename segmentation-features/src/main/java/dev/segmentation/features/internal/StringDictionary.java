/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import java.util.Arrays;

/**
 * A growable dictionary that maps strings to dense {@code int} codes {@code 0, 1, 2, ...} in order of first
 * appearance, looked up directly from a slice of a {@code char[]} so that a value that was seen before costs
 * no allocation. Not API.
 *
 * <p>Design: open addressing with linear probing over a power-of-two table of {@code code + 1} (0 is an
 * empty slot), kept at most half full. The hash is {@link String#hashCode()}'s polynomial, so a slice and the
 * equal string hash alike, and each entry's hash is cached to skip most character comparisons.
 *
 * <p>Not thread-safe: one instance belongs to one reader.
 */
public final class StringDictionary {
    private String[] values;
    private int[] hashes;
    private int size;
    private int[] table;
    private int mask;

    /** An empty dictionary. */
    public StringDictionary() {
        values = new String[16];
        hashes = new int[16];
        table = new int[32];
        mask = table.length - 1;
    }

    /** The number of distinct strings. */
    public int size() {
        return size;
    }

    /** The string with the given code. */
    public String get(int code) {
        if (code < 0 || code >= size) {
            throw new IndexOutOfBoundsException("code " + code + " is out of range [0, " + size + ")");
        }
        return values[code];
    }

    /** The strings in code order, as a new array. */
    public String[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** The code of {@code s}, added if new. */
    public int code(String s) {
        int h = s.hashCode();
        int slot = mix(h) & mask;
        while (true) {
            int c = table[slot] - 1;
            if (c < 0) {
                return insert(s, h, slot);
            }
            if (hashes[c] == h && values[c].equals(s)) {
                return c;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The code of the string {@code buf[off .. off + len)}, added if new. A new string is created only the
     * first time a value is seen.
     *
     * @param buf characters. Not modified.
     */
    public int code(char[] buf, int off, int len) {
        int h = 0;
        for (int i = 0; i < len; i++) {
            h = 31 * h + buf[off + i];
        }
        int slot = mix(h) & mask;
        while (true) {
            int c = table[slot] - 1;
            if (c < 0) {
                return insert(new String(buf, off, len), h, slot);
            }
            if (hashes[c] == h && equal(values[c], buf, off, len)) {
                return c;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean equal(String s, char[] buf, int off, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != buf[off + i]) {
                return false;
            }
        }
        return true;
    }

    private int insert(String s, int h, int slot) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        int code = size++;
        values[code] = s;
        hashes[code] = h;
        table[slot] = code + 1;
        if (size * 2 > table.length) {
            rehash();
        }
        return code;
    }

    private void rehash() {
        table = new int[table.length * 2];
        mask = table.length - 1;
        for (int c = 0; c < size; c++) {
            int slot = mix(hashes[c]) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = c + 1;
        }
    }

    /** Spreads the polynomial hash, whose low bits are weak for short digit strings (murmur3 finaliser). */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
