package io.sedstream.inference;

/**
 * Per-call options.
 *
 * @param sampleCount posterior samples to draw (0 = none, the default)
 * @param seed        seed of the sample draws, so a record's samples are reproducible
 */
public record EstimateOptions(int sampleCount, long seed) {
    /** Upper bound on sampleCount, to keep one record's work bounded. */
    public static final int MAX_SAMPLES = 100_000;

    public EstimateOptions {
        if (sampleCount < 0 || sampleCount > MAX_SAMPLES) {
            throw new IllegalArgumentException("sampleCount must be in [0, " + MAX_SAMPLES + "], got " + sampleCount);
        }
    }

    /** Summaries only, no samples. */
    public static EstimateOptions summariesOnly() {
        return new EstimateOptions(0, 0L);
    }

    public static EstimateOptions withSamples(int count, long seed) {
        return new EstimateOptions(count, seed);
    }
}
