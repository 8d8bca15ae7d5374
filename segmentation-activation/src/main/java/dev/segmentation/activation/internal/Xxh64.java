/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * XXH64, Yann Collet's 64-bit xxHash (specification: github.com/Cyan4973/xxHash, doc/xxhash_spec.md), over the
 * UTF-8 bytes of a string, and the open-addressing index that finds repeated strings by their hash. Not API.
 *
 * <p>The hash is specified bit for bit and independent of the JVM, so an arm computed here is the arm any other
 * implementation computes (Python: {@code xxhash.xxh64(s.encode("utf-8"), seed).intdigest()}); a test checks
 * this against such values. Strings are encoded into a caller-supplied buffer, so hashing allocates nothing once
 * the buffer is large enough.
 */
public final class Xxh64 {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Entries per bucket of the repeat search: a bucket's table fits in the second-level cache. */
    private static final int BUCKET = 4096;

    private Xxh64() {
    }

    /** XXH64 of the UTF-8 encoding of {@code s}. Allocates only to grow {@code buffer[0]}. */
    public static long hash(String s, long seed, byte[][] buffer) {
        int n = utf8(s, buffer);
        return hash(buffer[0], n, seed);
    }

    /** XXH64 of the first {@code length} bytes of {@code b}. */
    public static long hash(byte[] b, int length, long seed) {
        int p = 0;
        long h;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int limit = length - 32;
            do {
                v1 = round(v1, long64(b, p));
                v2 = round(v2, long64(b, p + 8));
                v3 = round(v3, long64(b, p + 16));
                v4 = round(v4, long64(b, p + 24));
                p += 32;
            } while (p <= limit);
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(h, v1);
            h = merge(h, v2);
            h = merge(h, v3);
            h = merge(h, v4);
        } else {
            h = seed + P5;
        }
        h += length;
        while (p + 8 <= length) {
            h ^= round(0, long64(b, p));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            p += 8;
        }
        if (p + 4 <= length) {
            h ^= (int64(b, p) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            p += 4;
        }
        while (p < length) {
            h ^= (b[p] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            p++;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long acc, long input) {
        acc += input * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long merge(long acc, long v) {
        acc ^= round(0, v);
        return acc * P1 + P4;
    }

    private static long long64(byte[] b, int p) {
        return (long) LONGS.get(b, p);
    }

    private static long int64(byte[] b, int p) {
        return (int) INTS.get(b, p);
    }

    /**
     * Encodes {@code s} as UTF-8 into {@code buffer[0]} (grown when too small) and returns the byte count. An
     * unpaired surrogate is encoded as {@code '?'}, as {@link String#getBytes} does.
     */
    public static int utf8(String s, byte[][] buffer) {
        int len = s.length();
        byte[] out = buffer[0];
        if (out == null || out.length < 4 * len) {
            out = new byte[Math.max(64, 4 * len)];
            buffer[0] = out;
        }
        int p = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[p++] = (byte) (0xF0 | (cp >> 18));
                out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                out[p++] = (byte) '?';
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    /** The number of low bits of a repeat-search key that hold the row, for {@code n} rows. */
    public static int rowBits(int n) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
    }

    /**
     * The key of row {@code row} for {@link #firstRepeat}: the hash with its low {@code rowBits} bits replaced by
     * the row.
     */
    public static long key(long hash, int row, int rowBits) {
        return (hash & (-1L << rowBits)) | row;
    }

    /**
     * The first repeated string of {@code ids} (the repeat with the smallest second row), found through the keys
     * of {@link #key}: the top bits of each string's hash and its row.
     *
     * <p>Design: one open-addressing table over a million keys would miss the cache on nearly every insert. The
     * keys are instead scattered by their top bits into buckets of about {@value #BUCKET} (a counting pass, then
     * one pass that writes to as many sequential streams as there are buckets, where an in-place permutation
     * would move every key to a random place, a cache miss each), and each bucket is checked with a small table
     * that stays in cache; keys whose hash bits agree are confirmed with {@link String#equals}. Only when a repeat
     * exists is the slower exact scan run, to name the first one in row order. Cost: three passes,
     * \( O(n) \), and one more array of n keys.
     *
     * @param keys one key per row, in any order. Not modified.
     * @return {@code {first row, repeated row}}, or {@code null} when all are distinct
     */
    public static int[] firstRepeat(String[] ids, long[] keys, int rowBits) {
        int n = ids.length;
        if (n < 2) {
            return null;
        }
        int bits = 0;
        while ((n >> bits) > BUCKET && bits < 64 - rowBits - 16) {
            bits++;
        }
        int buckets = 1 << bits;
        int[] start = new int[buckets + 1];
        for (int i = 0; i < n; i++) {
            start[bucket(keys[i], bits) + 1]++;
        }
        int largest = 0;
        for (int b = 0; b < buckets; b++) {
            largest = Math.max(largest, start[b + 1]);
            start[b + 1] += start[b];
        }
        int[] next = java.util.Arrays.copyOf(start, buckets);
        long[] byBucket = new long[n];
        for (int i = 0; i < n; i++) {
            long v = keys[i];
            byBucket[next[bucket(v, bits)]++] = v;
        }
        long rowMask = (1L << rowBits) - 1;
        int capacity = Integer.highestOneBit(Math.max(2, 2 * largest - 1)) << 1;
        int mask = capacity - 1;
        int[] slot = new int[capacity];
        int[] stamp = new int[capacity];
        for (int b = 0; b < buckets; b++) {
            int generation = b + 1;
            for (int p = start[b]; p < start[b + 1]; p++) {
                long v = byBucket[p] & ~rowMask;
                int s = (int) (v >>> rowBits) & mask;
                while (stamp[s] == generation) {
                    long w = byBucket[slot[s]];
                    if ((w & ~rowMask) == v && ids[(int) (w & rowMask)].equals(ids[(int) (byBucket[p] & rowMask)])) {
                        return firstRepeatInOrder(ids);
                    }
                    s = (s + 1) & mask;
                }
                stamp[s] = generation;
                slot[s] = p;
            }
        }
        return null;
    }

    private static int bucket(long key, int bits) {
        return bits == 0 ? 0 : (int) (key >>> (64 - bits));
    }

    /** The exact, slower search for the first repeat in row order (only run when there is one). */
    private static int[] firstRepeatInOrder(String[] ids) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            Integer prev = seen.putIfAbsent(ids[i], i);
            if (prev != null) {
                return new int[] {prev, i};
            }
        }
        throw new IllegalStateException("A repeat was found by hash but not by the exact search");
    }
}
