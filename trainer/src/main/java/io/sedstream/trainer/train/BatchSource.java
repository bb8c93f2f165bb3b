package io.sedstream.trainer.train;

import java.util.SplittableRandom;

/**
 * Supplies encoded training rows. The trainer owns the shuffling; the source owns feature encoding
 * and augmentation (random missing bands), drawing all randomness from the RNG it is given so that
 * a run is reproducible from its seed.
 */
public interface BatchSource {

    int size();

    int featureCount();

    int parameterCount();

    /**
     * Writes rows {@code rows[from..to)} into {@code features} ([n, F] row-major) and {@code theta}
     * ([n, D], standardised).
     *
     * @param augment whether to apply random band dropout (training) or leave bands as observed
     */
    void fill(int[] rows, int from, int to, float[] features, float[] theta, SplittableRandom rng, boolean augment);
}
