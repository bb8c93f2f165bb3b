package io.sedstream.trainer.validate;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.stat.descriptive.rank.Median;

/**
 * Photometric-redshift quality in the convention of the photo-z literature and synference:
 * dz = (z_est - z_true) / (1 + z_true); NMAD = 1.4826 x median |dz - median dz|; bias = median dz;
 * outliers |dz| > 0.15.
 */
public record PhotoZMetrics(int count, double nmad, double bias, double outlierFraction, List<TrueRedshiftBin> byTrueRedshift) {

    /** Lower edges of the true-redshift bins of {@link #byTrueRedshift}; the last bin is open above. */
    public static final double[] TRUE_Z_BIN_EDGES = {0, 1, 2, 3, 4};
    /** An outlier at true z >= 2 put below this redshift: the Lyman break read as a Balmer break. */
    public static final double LOW_Z_CONFUSION_MAX = 1.0;

    /**
     * Outliers in one true-redshift bin: where the catastrophic failures come from, and how many of them are the
     * high-z-to-low-z (Lyman/Balmer break) confusion that the real HDF-N check showed.
     */
    public record TrueRedshiftBin(double zTrueMin, double zTrueMax, int count, double outlierFraction,
            double lowZConfusionFraction) {
    }

    /** Scale that turns a median absolute deviation into a Gaussian sigma (1 / Phi^-1(3/4)). */
    public static final double NMAD_SCALE = 1.4826;
    /** |dz| above which a redshift counts as a catastrophic outlier. */
    public static final double OUTLIER_DZ = 0.15;

    public static PhotoZMetrics of(double[] zEstimate, double[] zTrue, int count) {
        if (count == 0) {
            return new PhotoZMetrics(0, Double.NaN, Double.NaN, Double.NaN, List.of());
        }
        double[] dz = new double[count];
        int outliers = 0;
        for (int i = 0; i < count; i++) {
            dz[i] = (zEstimate[i] - zTrue[i]) / (1.0 + zTrue[i]);
            if (Math.abs(dz[i]) > OUTLIER_DZ) {
                outliers++;
            }
        }
        Median medianOf = new Median();
        double median = medianOf.evaluate(dz);
        double[] dev = new double[count];
        for (int i = 0; i < count; i++) {
            dev[i] = Math.abs(dz[i] - median);
        }
        return new PhotoZMetrics(count, NMAD_SCALE * medianOf.evaluate(dev), median, (double) outliers / count,
                byTrueRedshift(zEstimate, zTrue, dz, count));
    }

    private static List<TrueRedshiftBin> byTrueRedshift(double[] zEstimate, double[] zTrue, double[] dz, int count) {
        List<TrueRedshiftBin> bins = new ArrayList<>();
        for (int b = 0; b < TRUE_Z_BIN_EDGES.length; b++) {
            double lo = TRUE_Z_BIN_EDGES[b];
            double hi = b + 1 < TRUE_Z_BIN_EDGES.length ? TRUE_Z_BIN_EDGES[b + 1] : Double.POSITIVE_INFINITY;
            int n = 0;
            int outliers = 0;
            int lowZ = 0;
            for (int i = 0; i < count; i++) {
                if (zTrue[i] >= lo && zTrue[i] < hi) {
                    n++;
                    if (Math.abs(dz[i]) > OUTLIER_DZ) {
                        outliers++;
                        if (zTrue[i] >= 2 && zEstimate[i] < LOW_Z_CONFUSION_MAX) {
                            lowZ++;
                        }
                    }
                }
            }
            bins.add(new TrueRedshiftBin(lo, hi, n, n == 0 ? Double.NaN : (double) outliers / n,
                    n == 0 ? Double.NaN : (double) lowZ / n));
        }
        return bins;
    }
}
