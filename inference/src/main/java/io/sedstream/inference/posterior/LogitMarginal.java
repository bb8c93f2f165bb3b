package io.sedstream.inference.posterior;

import io.sedstream.inference.bundle.ParameterTransform;

/**
 * The summary of a parameter the network models as y = logit((x - lower) / (upper - lower))
 * ({@link ParameterTransform#LOGIT}): its marginal is a Gaussian mixture in y, summarised here in
 * the physical x.
 *
 * <ul>
 *   <li>percentiles: those of y mapped through the inverse transform (exact: the map is monotone);</li>
 *   <li>mean and standard deviation of x: per component, E[sigmoid(m + s z)] and the second central
 *       moment by the trapezoid rule on z in [-{@value #NODE_RANGE}, {@value #NODE_RANGE}] with
 *       step {@value #NODE_STEP}. For an integrand analytic in a strip around the real line the
 *       trapezoid rule's error falls as exp(-2 pi d / h) (Trefethen &amp; Weideman 2014, SIAM Rev.
 *       56, 385); sigmoid's nearest poles are at y = +-i pi, so d = pi / s and the error is about
 *       1e-9 of the box for component sds s = 2 (a flat prior's logit has sd 1.8; posteriors are
 *       narrower) and 1e-8 for s = 2.6;</li>
 *   <li>mode: the highest maximum of the density in x, p_x(x) = p_y(y) / ((upper - lower) f (1 - f))
 *       with f = sigmoid(y), by safeguarded Newton ascent in y on log p_y(y) - log f - log(1 - f)
 *       from the median, the 2.5% and 97.5% points and the highest component peak. The Jacobian
 *       term can put the mode against a wall when the posterior is wide, as it should.</li>
 * </ul>
 * A mutable workspace (no allocation per call); NOT thread-safe.
 */
final class LogitMarginal {
    /** Trapezoid nodes z run over [-NODE_RANGE, NODE_RANGE]: the normal mass beyond is 1e-15. */
    static final double NODE_RANGE = 8.0;
    /** Trapezoid step in z. */
    static final double NODE_STEP = 0.4;
    private static final int MODE_MAX_ITERATIONS = 100;
    private static final int MODE_MAX_HALVINGS = 60;
    /** An ascent stops when its step is below this many (narrowest) component sds. */
    private static final double MODE_TOLERANCE = 1e-9;

    private final double[] nodeZ;
    private final double[] nodeWeight;
    private double[] sigmoidAtNodes;
    private final double[] starts = new double[4];
    private final double[] derivatives = new double[2];
    // Per component in use: log(w / sd), and the exponent at the current point.
    private double[] logPeak;
    private double[] exponent;

    LogitMarginal(int capacity) {
        int nodes = (int) Math.round(2 * NODE_RANGE / NODE_STEP) + 1;
        nodeZ = new double[nodes];
        nodeWeight = new double[nodes];
        double sum = 0;
        for (int j = 0; j < nodes; j++) {
            nodeZ[j] = -NODE_RANGE + j * NODE_STEP;
            nodeWeight[j] = Math.exp(-0.5 * nodeZ[j] * nodeZ[j]);
            sum += nodeWeight[j];
        }
        // Normalised so that a constant integrates exactly; the unnormalised sum is sqrt(2 pi) / h to ~1e-15.
        for (int j = 0; j < nodes; j++) {
            nodeWeight[j] /= sum;
        }
        sigmoidAtNodes = new double[capacity * nodes];
        logPeak = new double[capacity];
        exponent = new double[capacity];
    }

    /**
     * The summary of x into {@code out} = {mean, std, p2.5, p16, median, p84, p97.5, mode}, from the
     * y-space marginal {@code y} (loaded and finished, over an interval wide enough to hold all of
     * its mass) and the box [lower, upper].
     */
    void summarise(TruncatedMarginal y, double lower, double upper, double[] out) {
        boolean regular = y.summariseWithoutMode(out);
        double width = upper - lower;
        double medianY = out[4];
        double lowY = out[2];
        double highY = out[6];
        for (int q = 2; q <= 6; q++) {
            out[q] = ParameterTransform.LOGIT.toPhysical(out[q], lower, upper);
        }
        if (!regular) {
            out[0] = out[4];
            out[1] = 0.0;
            out[7] = out[4];
            return;
        }
        moments(y, out);
        out[0] = lower + width * out[0];
        out[1] = width * out[1];
        out[7] = ParameterTransform.LOGIT.toPhysical(modeY(y, medianY, lowY, highY), lower, upper);
    }

    /** Mean and sd of f = sigmoid(y) into out[0], out[1]: two passes over the cached node values. */
    private void moments(TruncatedMarginal y, double[] out) {
        int n = y.componentsInUse();
        int nodes = nodeZ.length;
        if (sigmoidAtNodes.length < n * nodes) {
            sigmoidAtNodes = new double[n * nodes];
        }
        double total = 0;
        double first = 0;
        for (int i = 0; i < n; i++) {
            double w = y.weightInUse(i);
            double m = y.meanInUse(i);
            double s = 1.0 / y.inverseSdInUse(i);
            double acc = 0;
            int base = i * nodes;
            for (int j = 0; j < nodes; j++) {
                double f = ParameterTransform.sigmoid(m + s * nodeZ[j]);
                sigmoidAtNodes[base + j] = f;
                acc += nodeWeight[j] * f;
            }
            total += w;
            first += w * acc;
        }
        double mean = first / total;
        double second = 0;
        for (int i = 0; i < n; i++) {
            double acc = 0;
            int base = i * nodes;
            for (int j = 0; j < nodes; j++) {
                double dv = sigmoidAtNodes[base + j] - mean;
                acc += nodeWeight[j] * dv * dv;
            }
            second += y.weightInUse(i) * acc;
        }
        out[0] = mean;
        out[1] = Math.sqrt(Math.max(0.0, second / total));
    }

    /** The y of the highest maximum of the x-density, over ascents from a few starts. */
    private double modeY(TruncatedMarginal y, double medianY, double lowY, double highY) {
        int n = y.componentsInUse();
        if (logPeak.length < n) {
            logPeak = new double[n];
            exponent = new double[n];
        }
        double minSd = Double.POSITIVE_INFINITY;
        double maxSd = 0;
        int highest = 0;
        double highestPeak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double inv = y.inverseSdInUse(i);
            minSd = Math.min(minSd, 1.0 / inv);
            maxSd = Math.max(maxSd, 1.0 / inv);
            double peak = y.weightInUse(i) * inv;
            logPeak[i] = Math.log(peak);
            if (peak > highestPeak) {
                highestPeak = peak;
                highest = i;
            }
        }
        starts[0] = medianY;
        starts[1] = y.meanInUse(highest);
        starts[2] = lowY;
        starts[3] = highY;
        double bestY = medianY;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double start : starts) {
            double found = ascend(y, n, start, minSd, maxSd);
            double value = logDensityX(y, n, found, null);
            if (value > bestValue) {
                bestValue = value;
                bestY = found;
            }
        }
        return bestY;
    }

    /**
     * Newton ascent on L(y) = log p_y(y) - log f - log(1 - f); where L is not concave, a gradient
     * step of one narrowest sd. Every step is halved until L does not fall, so the ascent cannot
     * leave a hill it is climbing.
     */
    private double ascend(TruncatedMarginal y, int n, double start, double minSd, double maxSd) {
        double at = start;
        double value = logDensityX(y, n, at, derivatives);
        for (int it = 0; it < MODE_MAX_ITERATIONS; it++) {
            double g = derivatives[0];
            double h = derivatives[1];
            double step = h < 0 ? -g / h : Math.copySign(minSd, g);
            step = Math.max(-4 * maxSd, Math.min(4 * maxSd, step));
            double next = at + step;
            double nextValue = logDensityX(y, n, next, derivatives);
            int halvings = 0;
            while (!(nextValue >= value) && halvings < MODE_MAX_HALVINGS) {
                step *= 0.5;
                next = at + step;
                nextValue = logDensityX(y, n, next, derivatives);
                halvings++;
            }
            if (!(nextValue >= value)) {
                logDensityX(y, n, at, derivatives);
                break;
            }
            at = next;
            value = nextValue;
            if (Math.abs(step) < MODE_TOLERANCE * minSd) {
                break;
            }
        }
        return at;
    }

    /**
     * L(y) = log p_y(y) - log f(y) - log(1 - f(y)), up to a constant, and (into {@code derivatives}
     * when not null) its first and second derivatives. The mixture sum is taken relative to its
     * largest term, so far tails neither underflow nor lose the slope.
     */
    private double logDensityX(TruncatedMarginal y, int n, double at, double[] derivatives) {
        double maxExponent = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double u = (at - y.meanInUse(i)) * y.inverseSdInUse(i);
            exponent[i] = logPeak[i] - 0.5 * u * u;
            maxExponent = Math.max(maxExponent, exponent[i]);
        }
        double p = 0;
        double p1 = 0;
        double p2 = 0;
        for (int i = 0; i < n; i++) {
            double inv = y.inverseSdInUse(i);
            double u = (at - y.meanInUse(i)) * inv;
            double e = Math.exp(exponent[i] - maxExponent);
            p += e;
            if (derivatives != null) {
                p1 += -e * u * inv;
                p2 += e * (u * u - 1.0) * inv * inv;
            }
        }
        double f = ParameterTransform.sigmoid(at);
        // -log f - log(1 - f) = |y| + 2 log(1 + e^-|y|)
        double jacobian = Math.abs(at) + 2.0 * Math.log1p(Math.exp(-Math.abs(at)));
        if (derivatives != null) {
            double slope = p1 / p;
            derivatives[0] = slope + 2.0 * f - 1.0;
            derivatives[1] = p2 / p - slope * slope + 2.0 * f * (1.0 - f);
        }
        return maxExponent + Math.log(p) + jacobian;
    }
}
