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
 *       moment by the trapezoid rule on z in [-{@value #NODE_RANGE}, {@value #NODE_RANGE}]. For
 *       an integrand analytic in the strip |Im z| &lt; d the trapezoid rule with step h has error
 *       ~ exp(d^2 / 2 - 2 pi d / h) here (Trefethen &amp; Weideman 2014, SIAM Rev. 56, 385; the
 *       d^2 / 2 is the normal density's growth off the real line). Sigmoid's nearest poles are at
 *       y = +-i pi, so d = pi / s: the step is 0.8 for s &lt;= 1 (error ~3e-9 of the box), 0.4
 *       for s &lt;= 2.2 (~5e-10) and 0.25 beyond (~4e-9 at s = 4; a flat prior's logit has sd 1.8,
 *       and posteriors are narrower);</li>
 *   <li>mode: the highest maximum of the density in x, p_x(x) = p_y(y) / ((upper - lower) f (1 - f))
 *       with f = sigmoid(y), by safeguarded Newton ascent in y on log p_y(y) - log f - log(1 - f)
 *       from the median and from the highest component peak in y (unless it sits on the hill the first
 *       ascent climbed; a higher maximum that the Jacobian lifts near a wall can be missed, see
 *       BruteForceMarginalTest), and, when some component is wider than
 *       {@value #WIDE_SD} in y, also from the 2.5% or 97.5% point where the density in x rises
 *       outward there: the Jacobian term's curvature is at most 1/2, so a maximum away from the
 *       components' hills (against a wall) needs a tail flatter than a Gaussian of sd sqrt(2) (a
 *       logit-normal is U-shaped beyond it).</li>
 * </ul>
 * A mutable workspace (no allocation per call); NOT thread-safe.
 */
final class LogitMarginal {
    /**
     * Trapezoid nodes z run over [-R, R], R the first multiple of the step at or beyond this: the
     * normal mass beyond 6.4 is 1.6e-10, so cutting it moves the mean by at most that fraction of the
     * box (the weights are normalised) and the sd by as little; the nodes beyond it weighed e^-20 and less.
     */
    static final double NODE_RANGE = 6.4;
    /** A component whose |mean| + R sd exceeds this gets its sigmoids one by one (the recurrence's exp(-y) could overflow). */
    private static final double RECURRENCE_LIMIT = 600.0;
    /** Trapezoid steps in z, and the largest component sd (in y) each serves (the last serves any). */
    private static final double[] NODE_STEPS = {0.8, 0.4, 0.25};
    private static final double[] NODE_STEP_MAX_SD = {1.0, 2.2, Double.POSITIVE_INFINITY};
    /** Components wider than this in y can make a mode against a wall: the ascent also starts from the 2.5% and 97.5% points. */
    static final double WIDE_SD = 1.2;
    private static final int MODE_MAX_ITERATIONS = 100;
    private static final int MODE_MAX_HALVINGS = 60;
    /**
     * An ascent stops when its step is below this many (narrowest) component sds: Newton's next step
     * would be ~1e-14 sd, and float32 network outputs define the density to ~1e-7 at best.
     */
    private static final double MODE_TOLERANCE = 1e-7;

    /** Per step: the nodes z_j and their weights, normalised so that a constant integrates exactly. */
    private final double[][] nodeZ = new double[NODE_STEPS.length][];
    private final double[][] nodeWeight = new double[NODE_STEPS.length][];
    private final int maxNodes;
    // Per component in use: which node set, and sigmoid at its nodes.
    private int[] nodeSet;
    private double[] sigmoidAtNodes;
    private final double[] starts = new double[3];
    private final double[] derivatives = new double[2];
    /** L at the point the latest {@link #ascend} returned (so no caller re-evaluates it). */
    private double ascentValue;
    // Per component in use: log(w / sd), and the exponent at the current point.
    private double[] logPeak;
    private double[] peakFactor;   // w / sd
    private double[] exponent;

    LogitMarginal(int capacity) {
        int most = 0;
        for (int set = 0; set < NODE_STEPS.length; set++) {
            double range = NODE_STEPS[set] * Math.ceil(NODE_RANGE / NODE_STEPS[set] - 1e-9);
            int nodes = (int) Math.round(2 * range / NODE_STEPS[set]) + 1;
            nodeZ[set] = new double[nodes];
            nodeWeight[set] = new double[nodes];
            double sum = 0;
            for (int j = 0; j < nodes; j++) {
                double z = -range + j * NODE_STEPS[set];
                nodeZ[set][j] = z;
                nodeWeight[set][j] = Math.exp(-0.5 * z * z);
                sum += nodeWeight[set][j];
            }
            // The unnormalised sum is sqrt(2 pi) / h to the rule's own precision.
            for (int j = 0; j < nodes; j++) {
                nodeWeight[set][j] /= sum;
            }
            most = Math.max(most, nodes);
        }
        maxNodes = most;
        nodeSet = new int[capacity];
        sigmoidAtNodes = new double[capacity * maxNodes];
        logPeak = new double[capacity];
        peakFactor = new double[capacity];
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
        if (nodeSet.length < n) {
            nodeSet = new int[n];
            sigmoidAtNodes = new double[n * maxNodes];
        }
        double total = 0;
        double first = 0;
        for (int i = 0; i < n; i++) {
            double w = y.weightInUse(i);
            double m = y.meanInUse(i);
            double s = 1.0 / y.inverseSdInUse(i);
            int set = 0;
            while (s > NODE_STEP_MAX_SD[set]) {
                set++;
            }
            nodeSet[i] = set;
            double[] z = nodeZ[set];
            double[] weight = nodeWeight[set];
            double acc = 0;
            int base = i * maxNodes;
            if (Math.abs(m) - s * z[0] < RECURRENCE_LIMIT) {
                // sigmoid(y_j) = 1 / (1 + e^-y_j), and e^-y_j = e^-y_0 q^j with q = e^(-s h) along the
                // equally spaced nodes: two exps per component instead of one per node (j multiplications
                // add j ulps of relative error, below 1e-14).
                double expMinusY = Math.exp(-(m + s * z[0]));
                double ratio = Math.exp(-s * NODE_STEPS[set]);
                for (int j = 0; j < z.length; j++) {
                    double f = 1.0 / (1.0 + expMinusY);
                    sigmoidAtNodes[base + j] = f;
                    acc += weight[j] * f;
                    expMinusY *= ratio;
                }
            } else {
                for (int j = 0; j < z.length; j++) {
                    double f = ParameterTransform.sigmoid(m + s * z[j]);
                    sigmoidAtNodes[base + j] = f;
                    acc += weight[j] * f;
                }
            }
            total += w;
            first += w * acc;
        }
        double mean = first / total;
        double second = 0;
        for (int i = 0; i < n; i++) {
            double[] weight = nodeWeight[nodeSet[i]];
            double acc = 0;
            int base = i * maxNodes;
            for (int j = 0; j < weight.length; j++) {
                double dv = sigmoidAtNodes[base + j] - mean;
                acc += weight[j] * dv * dv;
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
            peakFactor = new double[n];
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
            peakFactor[i] = peak;
            if (peak > highestPeak) {
                highestPeak = peak;
                highest = i;
            }
        }
        double bestY = ascend(y, n, medianY, minSd, maxSd);
        double bestValue = ascentValue;
        int startCount = 0;
        // The highest peak starts its own ascent unless it sits on the hill just climbed: within
        // 2 of its sds of that mode, with the density rising from it towards the mode.
        double peakMean = y.meanInUse(highest);
        double peakSd = 1.0 / y.inverseSdInUse(highest);
        logDensityX(y, n, peakMean, derivatives);
        boolean sameHill = Math.abs(peakMean - bestY) <= 2 * peakSd && derivatives[0] * (bestY - peakMean) >= 0;
        if (!sameHill) {
            starts[startCount++] = peakMean;
        }
        // A wall mode lies beyond a tail point only if the x-density rises outward there.
        if (maxSd > WIDE_SD) {
            logDensityX(y, n, lowY, derivatives);
            if (derivatives[0] < 0) {
                starts[startCount++] = lowY;
            }
            logDensityX(y, n, highY, derivatives);
            if (derivatives[0] > 0) {
                starts[startCount++] = highY;
            }
        }
        for (int k = 0; k < startCount; k++) {
            double found = ascend(y, n, starts[k], minSd, maxSd);
            double value = ascentValue;
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
     * leave a hill it is climbing. Leaves L at the returned point in {@link #ascentValue} (the
     * derivatives array then holds those of some point evaluated on the way).
     */
    private double ascend(TruncatedMarginal y, int n, double start, double minSd, double maxSd) {
        double at = start;
        double value = logDensityX(y, n, at, derivatives);
        for (int it = 0; it < MODE_MAX_ITERATIONS; it++) {
            double g = derivatives[0];
            double h = derivatives[1];
            // Where L is not concave, a gradient step scaled by the widest component's variance.
            double step = h < 0 ? -g / h : g * maxSd * maxSd;
            step = Math.max(-maxSd, Math.min(maxSd, step));
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
                break;
            }
            at = next;
            value = nextValue;
            if (Math.abs(step) < MODE_TOLERANCE * minSd) {
                break;
            }
        }
        ascentValue = value;
        return at;
    }

    /**
     * L(y) = log p_y(y) - log f(y) - log(1 - f(y)), up to a constant, and (into {@code derivatives}
     * when not null) its first and second derivatives. The mixture sum is taken relative to its
     * largest term, so far tails neither underflow nor lose the slope.
     */
    private double logDensityX(TruncatedMarginal y, int n, double at, double[] derivatives) {
        // First the direct sum with the table's density (no exp per component); it stands unless the
        // components beyond the table, whose terms it leaves out (each below 1.6e-16 w / sd), could
        // matter at 1e-12 of the sum: then the sum relative to its largest term, with exps.
        double p = 0;
        double p1 = 0;
        double p2 = 0;
        double beyond = 0;
        for (int i = 0; i < n; i++) {
            double inv = y.inverseSdInUse(i);
            double u = (at - y.meanInUse(i)) * inv;
            double absU = Math.abs(u);
            double e = peakFactor[i] * StandardNormal.tableDensity(absU);
            beyond += absU >= StandardNormal.TABLE_LIMIT ? peakFactor[i] : 0.0;
            p += e;
            p1 -= e * u * inv;
            p2 += e * (u * u - 1.0) * inv * inv;
        }
        if (p > 0 && beyond * 1.6e-16 <= 1e-12 * p) {
            // One exp for both: with e = exp(-|y|), sigmoid(y) = 1 / (1 + e) or e / (1 + e), and
            // -log f - log(1 - f) = |y| + 2 log(1 + e).
            double e = Math.exp(-Math.abs(at));
            double f = at >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            // log(1 + e) rather than log1p (StrictMath, several times slower): its absolute error,
            // below 3e-16, moves L by no more, far below anything the ascent compares.
            double jacobian = Math.abs(at) + 2.0 * Math.log(1.0 + e);
            if (derivatives != null) {
                double slope = p1 / p;
                derivatives[0] = slope + 2.0 * f - 1.0;
                derivatives[1] = p2 / p - slope * slope + 2.0 * f * (1.0 - f);
            }
            return Math.log(StandardNormal.SQRT_2PI * p) + jacobian;
        }
        return logDensityXFarTail(y, n, at, derivatives);
    }

    /** {@link #logDensityX} far from every component: the mixture sum relative to its largest term, which neither underflows nor loses the slope. */
    private double logDensityXFarTail(TruncatedMarginal y, int n, double at, double[] derivatives) {
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
