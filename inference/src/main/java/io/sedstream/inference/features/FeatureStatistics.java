package io.sedstream.inference.features;

import io.sedstream.inference.bundle.BandSpec;
import io.sedstream.inference.bundle.FeatureSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits the encoding's free numbers from a training set: per-band asinh softening and the feature
 * standardisation. Arrays are row-major [count][n] in band order; a NaN flux marks a missing band.
 */
public final class FeatureStatistics {
    /**
     * Softening b = 5 x the median 1-sigma flux error of the band: synference's choice
     * (Harvey et al. 2026, MNRAS, doi:10.1093/mnras/stag282; synference noise_models.py).
     */
    public static final double SOFTENING_MEDIAN_ERROR_FACTOR = 5.0;

    private FeatureStatistics() {
    }

    /** Per-band softening in nJy: {@value #SOFTENING_MEDIAN_ERROR_FACTOR} x the median error of observed entries. */
    public static double[] softeningFromMedianErrors(int count, int bandCount, double[] fluxNJy, double[] fluxErrNJy) {
        double[] out = new double[bandCount];
        double[] column = new double[count];
        for (int b = 0; b < bandCount; b++) {
            int n = 0;
            for (int r = 0; r < count; r++) {
                double e = fluxErrNJy[r * bandCount + b];
                if (!Double.isNaN(fluxNJy[r * bandCount + b]) && Double.isFinite(e) && e > 0) {
                    column[n++] = e;
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException("band " + b + " is never observed with a positive error: cannot fit its softening");
            }
            Arrays.sort(column, 0, n);
            double median = n % 2 == 1 ? column[n / 2] : 0.5 * (column[n / 2 - 1] + column[n / 2]);
            out[b] = SOFTENING_MEDIAN_ERROR_FACTOR * median;
        }
        return out;
    }

    /** Bands with names and softenings, in order. */
    public static List<BandSpec> bands(List<String> names, double[] softeningNJy) {
        if (names.size() != softeningNJy.length) {
            throw new IllegalArgumentException(names.size() + " band names but " + softeningNJy.length + " softenings");
        }
        List<BandSpec> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            out.add(new BandSpec(names.get(i), softeningNJy[i]));
        }
        return out;
    }

    /**
     * Standardisation (mean, std) of every feature: magnitudes and their errors over the observed
     * entries only (so a missing band's 0 is the training mean), redshift over all rows, flags
     * pinned to 0 / 1. A feature with no spread (or never observed) gets std 1.
     */
    public static FeatureSpec fitStandardisation(List<BandSpec> bands, boolean redshiftInput, int count,
            double[] fluxNJy, double[] fluxErrNJy, double[] redshift) {
        int n = bands.size();
        int width = FeatureEncoder.featureCount(n, redshiftInput);
        double[] mean = new double[width];
        double[] m2 = new double[width];
        long[] seen = new long[width];
        for (int r = 0; r < count; r++) {
            for (int b = 0; b < n; b++) {
                double f = fluxNJy[r * n + b];
                if (Double.isNaN(f)) {
                    continue;
                }
                double soft = bands.get(b).softeningNJy();
                welford(mean, m2, seen, FeatureEncoder.magnitudeIndex(b), AsinhMagnitude.magnitude(f, soft));
                welford(mean, m2, seen, FeatureEncoder.errorIndex(n, b), AsinhMagnitude.magnitudeError(f, fluxErrNJy[r * n + b], soft));
            }
            if (redshiftInput) {
                welford(mean, m2, seen, FeatureEncoder.redshiftIndex(n), redshift[r]);
            }
        }
        List<Double> means = new ArrayList<>(width);
        List<Double> stds = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            boolean flag = i >= 2 * n && i < 3 * n;
            double std = seen[i] > 1 ? Math.sqrt(m2[i] / (seen[i] - 1)) : 0.0;
            means.add(flag ? 0.0 : mean[i]);
            stds.add(flag || !(std > 0) || !Double.isFinite(std) ? 1.0 : std);
        }
        return new FeatureSpec(FeatureEncoder.ENCODING_ASINH_V1, redshiftInput, means, stds);
    }

    // Welford's running mean and sum of squared deviations (numerically stable one-pass variance).
    private static void welford(double[] mean, double[] m2, long[] seen, int i, double x) {
        seen[i]++;
        double delta = x - mean[i];
        mean[i] += delta / seen[i];
        m2[i] += delta * (x - mean[i]);
    }
}
