package io.sedstream.streams.catalogue;

import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.PhotometryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic, plausible-looking JADES-like photometry for the demo and the bench, WITHOUT a forward
 * model: a smooth power-law continuum in f_nu with a Lyman break at 1216 A x (1+z), a Balmer-break-like
 * step at 4000 A x (1+z), and Gaussian noise from a fixed depth. It exercises the pipeline; it is not a
 * physical simulation (the trainer issue replaces it with forward-modelled galaxies of known truth).
 */
public final class SampleGalaxies implements GalaxySource {

    /** Effective (pivot) wavelengths in Angstrom of the default 14 bands, approximate, for the toy spectrum only. */
    private static final double[] PIVOT_ANGSTROM = {4330, 5920, 7690, 8050, 9030, 9020, 11540, 15010, 19900, 27620, 33650,
            35690, 40820, 44040};
    /** 1-sigma noise in nJy for a 5-sigma depth of AB 29.0 (31.4 - 2.5 log10(f) = 29 -> f = 9.1 nJy; /5). */
    private static final double SIGMA_NJY = 1.82;
    private static final double LYMAN_ALPHA_ANGSTROM = 1216.0;
    private static final double BALMER_BREAK_ANGSTROM = 4000.0;

    private final List<String> bands;
    private final long seed;

    /** @param bands band names matching {@link #PIVOT_ANGSTROM} (the default jades-gs-14 set, in order) */
    public SampleGalaxies(List<String> bands, long seed) {
        if (bands.size() != PIVOT_ANGSTROM.length) {
            throw new IllegalArgumentException("sample galaxies know the 14 jades-gs-14 bands; got " + bands.size());
        }
        this.bands = List.copyOf(bands);
        this.seed = seed;
    }

    @Override
    public String description() {
        return "sample galaxies generated WITHOUT a forward model (power-law continuum + Lyman and Balmer breaks + noise): "
                + "plausible photometry, no known truths";
    }

    /** The galaxy with this index (same index, same galaxy). */
    @Override
    public PhotometryRecord galaxy(long index, Instant observedAt) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        double z = 0.2 + 11.8 * Math.pow(rng.nextDouble(), 1.6);
        double magAt1um = 24.5 + 4.5 * rng.nextDouble();
        double slope = -2.5 + 2.5 * rng.nextDouble(); // f_nu ~ lambda^(slope+2)
        double balmerStep = 1.0 + 1.5 * rng.nextDouble();
        double f1umNJy = Math.pow(10, (31.4 - magAt1um) / 2.5);
        boolean hstMissing = rng.nextDouble() < 0.2;
        List<Measurement> ms = new ArrayList<>(bands.size());
        for (int b = 0; b < bands.size(); b++) {
            double lam = PIVOT_ANGSTROM[b];
            boolean missing = (hstMissing && b < 5) || rng.nextDouble() < 0.03;
            if (missing) {
                ms.add(new Measurement(bands.get(b), null, null));
                continue;
            }
            double f = f1umNJy * Math.pow(lam / 10000.0, slope + 2);
            if (lam < LYMAN_ALPHA_ANGSTROM * (1 + z)) {
                f = 0;
            } else if (lam > BALMER_BREAK_ANGSTROM * (1 + z)) {
                f *= balmerStep;
            }
            double noisy = f + SIGMA_NJY * gaussian(rng);
            ms.add(new Measurement(bands.get(b), noisy, SIGMA_NJY));
        }
        return PhotometryRecord.newBuilder().setObjectId(String.format("sample-%08d", index)).setSurvey("sample-jades-like")
                .setObservedAt(observedAt).setMeasurements(ms).setSpecZ(rng.nextDouble() < 0.05 ? z : null).build();
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: two uniforms -> one standard normal.
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
