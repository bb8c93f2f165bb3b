package io.sedstream.trainer.validate;

import org.hipparchus.stat.descriptive.rank.Median;

/**
 * Photometric-redshift quality in the convention of the photo-z literature and synference:
 * dz = (z_est - z_true) / (1 + z_true); NMAD = 1.4826 x median |dz - median dz|; bias = median dz;
 * outliers |dz| > 0.15.
 */
public record PhotoZMetrics(int count, double nmad, double bias, double outlierFraction) {

    /** Scale that turns a median absolute deviation into a Gaussian sigma (1 / Phi^-1(3/4)). */
    public static final double NMAD_SCALE = 1.4826;
    /** |dz| above which a redshift counts as a catastrophic outlier. */
    public static final double OUTLIER_DZ = 0.15;

    public static PhotoZMetrics of(double[] zEstimate, double[] zTrue, int count) {
        if (count == 0) {
            return new PhotoZMetrics(0, Double.NaN, Double.NaN, Double.NaN);
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
        return new PhotoZMetrics(count, NMAD_SCALE * medianOf.evaluate(dev), median, (double) outliers / count);
    }
}
