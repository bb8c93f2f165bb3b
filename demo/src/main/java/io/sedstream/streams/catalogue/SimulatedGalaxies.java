package io.sedstream.streams.catalogue;

import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ParameterNames;
import io.sedstream.sed.noise.DepthNoiseModel;
import io.sedstream.sed.noise.NoiseModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Galaxies simulated by the real forward model ({@code sed-model}): a draw from the model's prior,
 * its noiseless photometry in every band, then the deep-tier depth noise, exactly as the training
 * libraries are made. The true parameters (the 12 {@link ParameterNames#OUTPUTS}) stay in this
 * process, keyed by objectId, for the demo to compare with the posteriors; they never go on the wire.
 * To show band masking, a tenth of the galaxies lack all HST/ACS bands (outside the HST footprint).
 */
public final class SimulatedGalaxies implements GalaxySource {

    /** Fraction of galaxies observed without HST/ACS. */
    private static final double NO_ACS_FRACTION = 0.1;
    private static final String ACS_PREFIX = "hst.acs.";
    /** Mixing constant of the per-galaxy random streams (the 64-bit golden ratio, as SplittableRandom uses). */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final ForwardModel model;
    private final NoiseModel noise;
    private final long seed;
    private final List<String> bands;
    private final ForwardModel.Workspace workspace;
    private final double[] free;
    private final double[] fluxNJy;
    private final double[] observedNJy;
    private final double[] errorNJy;
    private final Map<String, double[]> truths = new ConcurrentHashMap<>();
    private final Map<String, Double> f444wSnr = new ConcurrentHashMap<>();
    private final int f444w;

    public SimulatedGalaxies(ForwardModel model, NoiseModel noise, long seed) {
        this.model = model;
        this.noise = noise;
        this.seed = seed;
        this.bands = model.bandNames();
        this.workspace = model.newWorkspace();
        this.free = new double[model.prior().size()];
        this.fluxNJy = new double[bands.size()];
        this.observedNJy = new double[bands.size()];
        this.errorNJy = new double[bands.size()];
        this.f444w = bands.indexOf("jwst.nircam.f444w");
    }

    /**
     * The default forward model with the {@code jades-gs-14} filters and the deep-tier noise, from the
     * shared data directory ({@link DataRoot#resolve()}: fails naming the path when it is missing).
     */
    public static SimulatedGalaxies defaultModel(long seed) {
        ForwardModel model = ForwardModel.load("default", "jades-gs-14", DataRoot.resolve());
        return new SimulatedGalaxies(model, DepthNoiseModel.load("deep", model.bandNames()), seed);
    }

    @Override
    public String description() {
        return "galaxies simulated by the forward model '" + model.name() + "' (prior draws, " + bands.size() + " bands, noise "
                + noise.description() + "), true parameters kept in this process";
    }

    /** Band names of the simulated photometry, in order. */
    public List<String> bands() {
        return bands;
    }

    @Override
    public PhotometryRecord galaxy(long index, Instant observedAt) {
        SplittableRandom rng = new SplittableRandom(seed * GOLDEN_GAMMA + index);
        model.prior().sample(rng, free);
        double[] truth = new double[ParameterNames.OUTPUTS.size()];
        model.simulate(free, workspace, fluxNJy, truth);
        noise.apply(fluxNJy, rng, observedNJy, errorNJy);
        boolean noAcs = rng.nextDouble() < NO_ACS_FRACTION;
        List<Measurement> ms = new ArrayList<>(bands.size());
        for (int b = 0; b < bands.size(); b++) {
            String band = bands.get(b);
            ms.add(noAcs && band.startsWith(ACS_PREFIX) ? new Measurement(band, null, null)
                    : new Measurement(band, observedNJy[b], errorNJy[b]));
        }
        String id = String.format("sim-%08d", index);
        truths.put(id, truth);
        if (f444w >= 0) {
            f444wSnr.put(id, observedNJy[f444w] / errorNJy[f444w]);
        }
        return PhotometryRecord.newBuilder().setObjectId(id).setSurvey("simulated-jades-deep").setObservedAt(observedAt)
                .setMeasurements(ms).setSpecZ(null).build();
    }

    /**
     * Removes and returns the true parameters of {@code objectId} ({@link ParameterNames#OUTPUTS} order), or
     * null when unknown.
     */
    public double[] takeTruth(String objectId) {
        return truths.remove(objectId);
    }

    /** Observed F444W signal-to-noise of {@code objectId} (NaN when unknown), removed with it. */
    public double takeF444wSnr(String objectId) {
        Double s = f444wSnr.remove(objectId);
        return s == null ? Double.NaN : s;
    }
}
