/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

/**
 * The library's pseudo-random generator: xoroshiro128++ (Blackman and Vigna 2021) whose 128-bit state is
 * filled from the seed by SplitMix64 (Steele, Lea and Flood 2014). Not API.
 *
 * <p>The algorithm is pinned so that a seed gives the same stream on every JVM and in every release; a
 * golden-sequence test guards it. {@link #nextDouble()} uses the top 53 bits; {@link #nextInt(int)} uses
 * Lemire's unbiased multiply-and-reject method. Independent streams for restarts and threads are derived
 * with {@link #stream(long, long)}, which hashes the pair (seed, index) through SplitMix64, so the stream of
 * restart {@code r} does not depend on how many other restarts run or on which thread runs it.
 *
 * <p>Not thread-safe: one instance per thread of work.
 *
 * <p>References: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS
 * 47(4), 2021, doi:10.1145/3460772. G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014, doi:10.1145/2660193.2660195. D. Lemire, "Fast random integer generation in an
 * interval", ACM TOMACS 29(1), 2019, doi:10.1145/3230636.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long s0;
    private long s1;

    /** A generator whose state is the SplitMix64 sequence started at {@code seed}. */
    public Rng(long seed) {
        long x = seed;
        x += GOLDEN_GAMMA;
        s0 = mix64(x);
        x += GOLDEN_GAMMA;
        s1 = mix64(x);
    }

    /**
     * The generator for sub-stream {@code index} of {@code seed} (a restart, a chunk, a bootstrap
     * replicate). Equal pairs give equal streams; distinct indices give statistically independent ones.
     */
    public static Rng stream(long seed, long index) {
        return new Rng(mix64(seed ^ mix64(index + GOLDEN_GAMMA)));
    }

    /** The SplitMix64 output function (a variant of MurmurHash3's finaliser). */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        final long a = s0;
        long b = s1;
        final long result = Long.rotateLeft(a + b, 17) + a;
        b ^= a;
        s0 = Long.rotateLeft(a, 49) ^ b ^ (b << 21);
        s1 = Long.rotateLeft(b, 28);
        return result;
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform int in [0, bound), without bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0 but was " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xffffffffL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xffffffffL;
            }
        }
        return (int) (m >>> 32);
    }
}
