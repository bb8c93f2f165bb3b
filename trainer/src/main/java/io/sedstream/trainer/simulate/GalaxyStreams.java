package io.sedstream.trainer.simulate;

import java.util.SplittableRandom;

/**
 * Per-galaxy random streams: galaxy {@code id} of a library with {@code seed} draws its prior sample and
 * its noise from {@code new SplittableRandom(mix64(mix64(seed) + golden * (id + 1)))}, independent of
 * which thread simulates it, so a library is bit-for-bit reproducible whatever the thread count.
 */
public final class GalaxyStreams {
    private GalaxyStreams() {
    }

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** One-line description recorded in library.json. */
    public static final String DESCRIPTION = "java.util.SplittableRandom(mix64(mix64(seed) + 0x9E3779B97F4A7C15 * (id + 1)))"
            + " per galaxy, mix64 = SplitMix64 finaliser (Steele, Lea & Flood 2014); prior sample first, then noise";

    /** The random stream of galaxy {@code id}. */
    public static SplittableRandom forGalaxy(long seed, long id) {
        return new SplittableRandom(mix64(mix64(seed) + GOLDEN_GAMMA * (id + 1)));
    }

    /** SplitMix64 finaliser (Steele, Lea &amp; Flood 2014, variant 13 constants). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
