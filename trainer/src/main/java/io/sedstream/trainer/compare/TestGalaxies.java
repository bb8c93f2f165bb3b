package io.sedstream.trainer.compare;

import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.SimulatedSed;
import io.sedstream.sed.noise.NoiseModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws galaxies from the model's prior, adds noise, and keeps those above an F444W S/N cut. */
public final class TestGalaxies {

    public static final String SELECTION_BAND = "jwst.nircam.f444w";

    private TestGalaxies() {
    }

    public static List<TestGalaxy> simulate(ForwardModel model, NoiseModel noise, int count, double minSnr, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one galaxy, got " + count);
        }
        int band = model.bandNames().indexOf(SELECTION_BAND);
        if (band < 0) {
            throw new IllegalArgumentException("the selection band " + SELECTION_BAND + " is not among the model's bands "
                    + model.bandNames());
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int bands = model.bandNames().size();
        double[] observed = new double[bands];
        double[] err = new double[bands];
        List<TestGalaxy> out = new ArrayList<>(count);
        long drawn = 0;
        long maxDraws = 10_000L * count + 100_000L;
        while (out.size() < count) {
            if (++drawn > maxDraws) {
                throw new IllegalStateException("only " + out.size() + " of " + drawn + " prior draws passed F444W S/N >= "
                        + minSnr + "; is the cut reachable under this noise model?");
            }
            double[] free = model.prior().sample(rng);
            SimulatedSed sed = model.simulate(free);
            noise.apply(sed.fluxNJy(), rng, observed, err);
            double snr = observed[band] / err[band];
            if (snr >= minSnr) {
                out.add(new TestGalaxy(out.size(), free, sed.outputParameters(), observed, err, snr));
            }
        }
        return out;
    }
}
