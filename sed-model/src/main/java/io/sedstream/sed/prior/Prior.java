package io.sedstream.sed.prior;

import java.util.List;
import java.util.SplittableRandom;

/** A prior over a model's free parameters, sampled from a caller-supplied random stream. */
public interface Prior {

    /** Free-parameter names, in the order of sampled vectors. */
    List<String> names();

    /** Lower bound of parameter i (support of the prior). */
    double lower(int i);

    /** Upper bound of parameter i. */
    double upper(int i);

    /** A short text description of parameter i's distribution. */
    String describe(int i);

    /** Draws one vector into {@code out} (length {@code names().size()}); the stream is advanced. */
    void sample(SplittableRandom rng, double[] out);

    /** Draws one vector. */
    default double[] sample(SplittableRandom rng) {
        double[] out = new double[names().size()];
        sample(rng, out);
        return out;
    }

    /** Number of free parameters. */
    default int size() {
        return names().size();
    }
}
