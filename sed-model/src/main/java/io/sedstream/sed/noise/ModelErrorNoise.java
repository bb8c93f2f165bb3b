package io.sedstream.sed.noise;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Model error on top of a survey noise model, so that training galaxies are not cleaner than real ones
 * ({@code noise.*} keys of a model file). After the survey noise model has drawn the measured flux and its
 * reported error, per band b:
 * <ol>
 * <li>template error: observed += f_te |f_true| N(0, 1), a fractional scatter added in quadrature to the
 *     measurement noise but NOT to the reported error, because it stands for what a catalogue's errors
 *     never contain: the model's SEDs differing from real galaxies (EAZY adds its template error function,
 *     ~5% in the rest-frame optical rising to ~20% in the UV and near-IR, to the fit's errors for the same
 *     reason; Brammer, van Dokkum &amp; Coppi 2008, ApJ 686, 1503). A constant fraction is used here;</li>
 * <li>zero points: the measured flux and its error are both multiplied by 10^(-0.4 dm_b), where
 *     dm_b = offset_b + jitter N(0, 1) per galaxy and band (calibration errors of a few hundredths of a
 *     magnitude are typical of multi-instrument catalogues). offset_b = +offset for even b, -offset for odd b
 *     (band order): a fixed pattern used to build misspecified test sets, 0 for training.</li>
 * </ol>
 * With every term zero it draws nothing and returns the base model's numbers unchanged.
 */
public final class ModelErrorNoise implements NoiseModel {
    private final NoiseModel base;
    private final ModelErrorSettings settings;

    private ModelErrorNoise(NoiseModel base, ModelErrorSettings settings) {
        this.base = base;
        this.settings = settings;
    }

    /** {@code base} itself when {@code settings} adds nothing, else base plus the model-error terms. */
    public static NoiseModel wrap(NoiseModel base, ModelErrorSettings settings) {
        return settings.isNone() ? base : new ModelErrorNoise(base, settings);
    }

    @Override
    public List<String> bandNames() {
        return base.bandNames();
    }

    @Override
    public String description() {
        return base.description() + " + model error (" + settings.describe() + ")";
    }

    /** The fixed zero-point offset of band b [mag]. */
    public static double zeroPointOffsetMag(ModelErrorSettings s, int b) {
        return b % 2 == 0 ? s.zeroPointOffsetMag() : -s.zeroPointOffsetMag();
    }

    @Override
    public void apply(double[] fluxNJy, SplittableRandom rng, double[] observedOut, double[] errorOut) {
        base.apply(fluxNJy, rng, observedOut, errorOut);
        double te = settings.templateErrorFraction();
        double jitter = settings.zeroPointJitterMag();
        for (int b = 0; b < fluxNJy.length; b++) {
            if (te > 0) {
                observedOut[b] += te * Math.abs(fluxNJy[b]) * rng.nextGaussian();
            }
            double dm = zeroPointOffsetMag(settings, b) + (jitter > 0 ? jitter * rng.nextGaussian() : 0.0);
            if (dm != 0) {
                double scale = Math.pow(10.0, -0.4 * dm);
                observedOut[b] *= scale;
                errorOut[b] *= scale;
            }
        }
    }
}
