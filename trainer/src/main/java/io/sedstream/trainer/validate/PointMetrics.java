package io.sedstream.trainer.validate;

/**
 * Accuracy of point estimates (posterior medians) against the truth for one parameter.
 *
 * @param r2   coefficient of determination 1 - sum (est - true)^2 / sum (true - mean true)^2
 * @param rmse root mean square of est - true
 * @param bias mean of est - true
 */
public record PointMetrics(int count, double r2, double rmse, double bias) {

    public static PointMetrics of(double[] estimate, double[] truth, int count) {
        if (count < 2) {
            return new PointMetrics(count, Double.NaN, Double.NaN, Double.NaN);
        }
        double meanTruth = 0;
        for (int i = 0; i < count; i++) {
            meanTruth += truth[i];
        }
        meanTruth /= count;
        double ssRes = 0;
        double ssTot = 0;
        double sumErr = 0;
        for (int i = 0; i < count; i++) {
            double e = estimate[i] - truth[i];
            ssRes += e * e;
            sumErr += e;
            double t = truth[i] - meanTruth;
            ssTot += t * t;
        }
        double r2 = ssTot > 0 ? 1.0 - ssRes / ssTot : Double.NaN;
        return new PointMetrics(count, r2, Math.sqrt(ssRes / count), sumErr / count);
    }
}
