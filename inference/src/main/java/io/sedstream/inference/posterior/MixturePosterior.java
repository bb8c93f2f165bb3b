package io.sedstream.inference.posterior;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ParameterSpec;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The posterior of one object: a full-covariance Gaussian mixture in physical parameter units,
 * built from the mixture-density outputs ({@link MixtureLayout}) of one or more ensemble members.
 * An ensemble is a mixture of mixtures: component k of member m has weight
 * w_m * softmax(logits_m)_k.
 *
 * <p>Marginal summaries are exact: the marginal of a Gaussian mixture is the 1-D mixture of the
 * components' marginals, component k's marginal variance being (U_k^-1 U_k^-T)_dd in standardised
 * units, scaled by the parameter's std. Each marginal is TRUNCATED to its own prior interval
 * [lower_d, upper_d]: analytic truncated-normal moments give the mean and variance; percentiles
 * come from safeguarded Newton iterations on the truncated mixture CDF; the mode is the highest
 * local maximum of the truncated marginal density. Note that truncating each marginal to its own
 * interval is not the same as marginalising the joint truncated to the whole box (that needs
 * box probabilities of a 12-D Gaussian); samples, in contrast, come from the box-truncated joint by
 * rejection, and their acceptance rate estimates the joint mass inside the box.
 *
 * <p>A mutable, reusable workspace (no allocation per object in the summary path): NOT
 * thread-safe; use one per thread.
 */
public final class MixturePosterior {
    /**
     * Percentile root finding stops when |log F(x) - log p| (log of the smaller tail) is below
     * this, i.e. the quantile level is right to this relative precision.
     */
    public static final double QUANTILE_LEVEL_TOLERANCE = 1e-10;
    /** Residual |h| below which the quantile's last Halley step is taken unchecked (error ~ |h|^3). */
    private static final double FINAL_STEP_RESIDUAL = 1e-4;
    /** Newton steps of the mode search shorter than this many component sds are final (error ~ step^2). */
    private static final double MODE_FINAL_STEP = 1e-5;
    /**
     * A mode ascent that reaches a concave point this close to a mode already found, in units of
     * the narrowest component sd, joins it (distinct modes of a Gaussian mixture are separated by a
     * minimum, at least of order the narrowest sd apart).
     */
    private static final double MODE_MERGE_DISTANCE = 0.05;
    /** Start components within this many of their sds of a found mode start no new ascent. */
    private static final double MODE_SAME_HILL_SDS = 2.0;
    /** Mode search stops when a step is below this many component standard deviations. */
    private static final double MODE_TOLERANCE = 1e-9;
    /** Below this mass inside the interval, the truncated marginal is treated as degenerate. */
    private static final double MIN_INSIDE_MASS = 1e-300;
    private static final double Z_025 = -1.959963984540054;
    private static final double Z_16 = -0.994457883209753;
    private static final double Z_84 = 0.994457883209753;
    private static final double Z_975 = 1.959963984540054;
    /** Percentile levels reported by {@link #summarise(int)}. */
    public static final double[] PERCENTILE_LEVELS = {0.025, 0.16, 0.5, 0.84, 0.975};
    /** Components lighter than this (total weight 1) are left out of marginal sums; their effect is below the tolerances. */
    private static final double NEGLIGIBLE_WEIGHT = 1e-15;
    private static final double LOG_2PI = Math.log(2.0 * Math.PI);
    private static final int MAX_ROOT_ITERATIONS = 200;
    private static final int MAX_MODE_ITERATIONS = 100;
    private static final int MODE_STARTS = 3;

    private final MixtureLayout layout;
    private final int members;
    private final int k;
    private final int d;
    private final int c;
    private final String[] names;
    private final String[] units;
    private final double[] paramMean;
    private final double[] paramStd;
    private final double[] lower;
    private final double[] upper;
    private final double logStdSum;

    // Per component (index member*K + k).
    private final double[] weight;
    private final double[] muStd;      // [C][D] standardised means
    private final double[] u;          // [C][D][D] upper-triangular precision Cholesky factor
    private final double[] uInv;       // [C][D][D] its inverse (upper triangular): theta = mu + uInv z
    private final double[] logDetU;    // sum of log diag(U)
    private final boolean[] memberSet;

    // Per dimension, per component: physical marginal means and 1/sd (index dim*C + comp).
    private final double[] margMean;
    private final double[] margInvSd;

    // Scratch for one dimension's summary.
    private final double[] aw;
    private final double[] am;
    private final double[] ainv;
    private final double[] adens;
    private final double[] aAlpha;
    private final double[] aBeta;
    private final double[] aPhiAlpha;
    private final double[] aPhiBeta;
    private final double[] aInside;
    private final int[] modeStarts = new int[MODE_STARTS];
    private final double[] modeHeights = new double[MODE_STARTS];
    private final double[] modeFound = new double[MODE_STARTS];
    private double evalBelow;
    private double evalAbove;
    private double evalDensity;
    private double evalDensitySlope;
    private double modeF;
    private double modeF1;
    private double modeF2;
    private double modeMeanShift;
    private final double[] scratchDiff;
    private final double[] scratchR;
    private final double[] logTerms;
    private int activeCount;
    private double lowerOutside;
    private double upperOutside;
    private double inside;

    public MixturePosterior(MixtureLayout layout, int members, List<ParameterSpec> parameters) {
        if (parameters.size() != layout.dimensions()) {
            throw new IllegalArgumentException("layout has " + layout.dimensions() + " dimensions but " + parameters.size() + " parameters are given");
        }
        if (members < 1) {
            throw new IllegalArgumentException("need at least one member, got " + members);
        }
        this.layout = layout;
        this.members = members;
        this.k = layout.components();
        this.d = layout.dimensions();
        this.c = members * k;
        this.names = new String[d];
        this.units = new String[d];
        this.paramMean = new double[d];
        this.paramStd = new double[d];
        this.lower = new double[d];
        this.upper = new double[d];
        double logStd = 0;
        for (int i = 0; i < d; i++) {
            ParameterSpec p = parameters.get(i);
            names[i] = p.name();
            units[i] = p.unit();
            paramMean[i] = p.mean();
            paramStd[i] = p.std();
            lower[i] = p.lower();
            upper[i] = p.upper();
            logStd += Math.log(p.std());
        }
        this.logStdSum = logStd;
        weight = new double[c];
        muStd = new double[c * d];
        u = new double[c * d * d];
        uInv = new double[c * d * d];
        logDetU = new double[c];
        memberSet = new boolean[members];
        margMean = new double[d * c];
        margInvSd = new double[d * c];
        aAlpha = new double[c];
        aBeta = new double[c];
        aPhiAlpha = new double[c];
        aPhiBeta = new double[c];
        aInside = new double[c];
        aw = new double[c];
        am = new double[c];
        ainv = new double[c];
        adens = new double[c];
        scratchDiff = new double[d];
        scratchR = new double[d];
        logTerms = new double[c];
    }

    /** A workspace shaped for a bundle's manifest. */
    public static MixturePosterior forManifest(Manifest manifest) {
        return new MixturePosterior(manifest.mixtureLayout(), manifest.members().size(), manifest.parameters());
    }

    public MixtureLayout layout() {
        return layout;
    }

    public int dimensions() {
        return d;
    }

    /** Total number of components over all members. */
    public int componentCount() {
        return c;
    }

    /** Weight of component {@code comp} (member * K + k); the weights sum to 1 once every member is set. */
    public double componentWeight(int comp) {
        return weight[comp];
    }

    /** Physical mean of component {@code comp}'s marginal in dimension {@code dim}. */
    public double componentMarginalMean(int comp, int dim) {
        return margMean[dim * c + comp];
    }

    /** Physical standard deviation of component {@code comp}'s marginal in dimension {@code dim}. */
    public double componentMarginalStd(int comp, int dim) {
        return 1.0 / margInvSd[dim * c + comp];
    }

    /**
     * Loads member {@code member}'s network output row {@code mdn[offset .. offset + width)} with
     * ensemble weight {@code memberWeight}.
     *
     * @throws IllegalStateException when the row holds a non-finite value (a broken model)
     */
    public void setMember(int member, double memberWeight, float[] mdn, int offset) {
        if (member < 0 || member >= members) {
            throw new IndexOutOfBoundsException("member " + member + " outside [0, " + members + ")");
        }
        memberSet[member] = false;
        int width = layout.width();
        if (mdn.length < offset + width) {
            throw new IllegalArgumentException("mixture output row needs " + width + " floats from offset " + offset + ", array has " + mdn.length);
        }
        for (int i = 0; i < width; i++) {
            if (!Float.isFinite(mdn[offset + i])) {
                throw new IllegalStateException("member " + member + " produced a non-finite mixture output at index " + i + ": " + mdn[offset + i]);
            }
        }
        double maxLogit = Double.NEGATIVE_INFINITY;
        for (int kk = 0; kk < k; kk++) {
            maxLogit = Math.max(maxLogit, mdn[offset + layout.logitOffset(kk)]);
        }
        double norm = 0;
        for (int kk = 0; kk < k; kk++) {
            norm += Math.exp(mdn[offset + layout.logitOffset(kk)] - maxLogit);
        }
        int tri = layout.triangleSize();
        for (int kk = 0; kk < k; kk++) {
            int comp = member * k + kk;
            weight[comp] = memberWeight * Math.exp(mdn[offset + layout.logitOffset(kk)] - maxLogit) / norm;
            int ub = comp * d * d;
            double logDet = 0;
            int meanBase = offset + layout.meanOffset(kk, 0);
            int diagBase = offset + layout.logDiagonalOffset(kk, 0);
            int triBase = offset + layout.upperBlockOffset(kk);
            int t = 0;
            for (int i = 0; i < d; i++) {
                muStd[comp * d + i] = mdn[meanBase + i];
                double logDiag = mdn[diagBase + i];
                logDet += logDiag;
                for (int j = 0; j < i; j++) {
                    u[ub + i * d + j] = 0.0;
                }
                u[ub + i * d + i] = Math.exp(logDiag);
                for (int j = i + 1; j < d; j++) {
                    u[ub + i * d + j] = mdn[triBase + t++];
                }
            }
            assert t == tri;
            logDetU[comp] = logDet;
            invertUpper(ub);
            for (int i = 0; i < d; i++) {
                double var = 0;
                for (int j = i; j < d; j++) {
                    double x = uInv[ub + i * d + j];
                    var += x * x;
                }
                double sd = paramStd[i] * Math.sqrt(var);
                margMean[i * c + comp] = paramMean[i] + paramStd[i] * muStd[comp * d + i];
                margInvSd[i * c + comp] = 1.0 / sd;
            }
        }
        memberSet[member] = true;
    }

    /** Loads a single-member posterior (weight 1). */
    public void set(float[] mdn, int offset) {
        if (members != 1) {
            throw new IllegalStateException("this posterior has " + members + " members: use setMember");
        }
        setMember(0, 1.0, mdn, offset);
    }

    // X = U^-1 by back substitution, column by column (U upper triangular with positive diagonal).
    private void invertUpper(int base) {
        for (int col = 0; col < d; col++) {
            for (int row = col + 1; row < d; row++) {
                uInv[base + row * d + col] = 0.0;
            }
            uInv[base + col * d + col] = 1.0 / u[base + col * d + col];
            for (int row = col - 1; row >= 0; row--) {
                double s = 0;
                for (int m = row + 1; m <= col; m++) {
                    s += u[base + row * d + m] * uInv[base + m * d + col];
                }
                uInv[base + row * d + col] = -s / u[base + row * d + row];
            }
        }
    }

    private void checkReady() {
        for (int m = 0; m < members; m++) {
            if (!memberSet[m]) {
                throw new IllegalStateException("member " + m + " has not been set");
            }
        }
    }

    /**
     * Log density of the (untruncated) mixture at a parameter vector in physical units, including
     * the Jacobian of the standardisation. Inside the prior box the box-truncated density differs
     * from it only by the constant -log(mass inside the box).
     */
    public double logDensity(double[] thetaPhysical) {
        checkReady();
        if (thetaPhysical.length != d) {
            throw new IllegalArgumentException("parameter vector has " + thetaPhysical.length + " values, posterior has " + d);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int comp = 0; comp < c; comp++) {
            for (int i = 0; i < d; i++) {
                scratchDiff[i] = (thetaPhysical[i] - paramMean[i]) / paramStd[i] - muStd[comp * d + i];
            }
            int ub = comp * d * d;
            double q = 0;
            for (int i = 0; i < d; i++) {
                double r = 0;
                for (int j = i; j < d; j++) {
                    r += u[ub + i * d + j] * scratchDiff[j];
                }
                q += r * r;
            }
            double lt = weight[comp] > 0 ? Math.log(weight[comp]) - 0.5 * d * LOG_2PI + logDetU[comp] - 0.5 * q : Double.NEGATIVE_INFINITY;
            logTerms[comp] = lt;
            max = Math.max(max, lt);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int comp = 0; comp < c; comp++) {
            s += Math.exp(logTerms[comp] - max);
        }
        return max + Math.log(s) - logStdSum;
    }

    /** CDF of parameter {@code dim}'s marginal, truncated to its prior interval, at {@code x} (physical units). */
    public double marginalCdf(int dim, double x) {
        checkReady();
        prepareDimension(dim);
        if (x <= lower[dim]) {
            return 0.0;
        }
        if (x >= upper[dim]) {
            return 1.0;
        }
        if (!(inside > 0)) {
            return Double.NaN;
        }
        evaluate(x);
        // Whichever tail is smaller keeps its relative precision.
        double cdf = evalBelow - lowerOutside <= evalAbove - upperOutside
                ? (evalBelow - lowerOutside) / inside
                : 1.0 - (evalAbove - upperOutside) / inside;
        return Math.min(1.0, Math.max(0.0, cdf));
    }

    /** Marginal mass of parameter {@code dim} outside its prior interval (before truncation). */
    public double marginalMassOutside(int dim) {
        checkReady();
        prepareDimension(dim);
        return Math.min(1.0, lowerOutside + upperOutside);
    }

    /** Exact summary of parameter {@code dim}'s marginal, truncated to its prior interval. */
    public ParameterSummary summarise(int dim) {
        checkReady();
        prepareDimension(dim);
        double a = lower[dim];
        double b = upper[dim];
        double massOutside = Math.min(1.0, lowerOutside + upperOutside);
        if (!(inside > MIN_INSIDE_MASS)) {
            // No usable mass inside the interval: a degenerate summary at the bound the mass lies beyond.
            double edge = lowerOutside >= upperOutside ? a : b;
            return new ParameterSummary(names[dim], units[dim], edge, 0.0, edge, edge, edge, edge, edge, edge, massOutside);
        }
        double mean = truncatedMean();
        double sd = Math.sqrt(Math.max(truncatedVariance(mean), 0.0));
        // Starts from the Gaussian with the truncated mixture's moments, each anchored on the last root.
        double median = quantile(0.5, a, b, mean, sd);
        double p16 = quantile(0.16, a, median, median + sd * Z_16, sd);
        double p84 = quantile(0.84, median, b, median + sd * Z_84, sd);
        double p2 = quantile(0.025, a, p16, p16 + sd * (Z_025 - Z_16), sd);
        double p97 = quantile(0.975, p84, b, p84 + sd * (Z_975 - Z_84), sd);
        double mode = mode(a, b);
        return new ParameterSummary(names[dim], units[dim], mean, sd, median, p2, p16, p84, p97, mode, massOutside);
    }

    /** Quantile of parameter {@code dim}'s truncated marginal at level p in (0, 1). */
    public double marginalQuantile(int dim, double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile level must be in (0, 1), got " + p);
        }
        checkReady();
        prepareDimension(dim);
        if (!(inside > MIN_INSIDE_MASS)) {
            return lowerOutside >= upperOutside ? lower[dim] : upper[dim];
        }
        double mean = truncatedMean();
        double sd = Math.sqrt(Math.max(0, truncatedVariance(mean)));
        return quantile(p, lower[dim], upper[dim], mean + sd * StandardNormal.quantile(p), sd);
    }

    /**
     * Per-dimension set-up: the non-negligible components' marginal parameters, their standardised
     * interval ends and masses inside, and the mixture masses below and above the interval.
     */
    private void prepareDimension(int dim) {
        double a = lower[dim];
        double b = upper[dim];
        int n = 0;
        double lo = 0;
        double hi = 0;
        double in = 0;
        for (int comp = 0; comp < c; comp++) {
            double w = weight[comp];
            if (w < NEGLIGIBLE_WEIGHT) {
                continue;
            }
            double m = margMean[dim * c + comp];
            double inv = margInvSd[dim * c + comp];
            double alpha = (a - m) * inv;
            double beta = (b - m) * inv;
            double ea = Math.exp(-0.5 * alpha * alpha);
            double eb = Math.exp(-0.5 * beta * beta);
            double ta = StandardNormal.upperTailAbs(Math.abs(alpha), ea);
            double tb = StandardNormal.upperTailAbs(Math.abs(beta), eb);
            double below = alpha < 0 ? ta : 1.0 - ta;       // Phi(alpha)
            double above = beta > 0 ? tb : 1.0 - tb;        // 1 - Phi(beta)
            double z;
            if (alpha >= 0) {
                z = ta - above;                             // both ends in the upper tail: difference of upper tails
            } else if (beta <= 0) {
                z = tb - below;                             // both ends in the lower tail: difference of lower tails
            } else {
                z = 1.0 - below - above;
            }
            z = Math.max(z, 0.0);
            lo += w * below;
            hi += w * above;
            in += w * z;
            aw[n] = w;
            am[n] = m;
            ainv[n] = inv;
            adens[n] = w * inv * StandardNormal.INV_SQRT_2PI;
            aAlpha[n] = alpha;
            aBeta[n] = beta;
            aPhiAlpha[n] = StandardNormal.INV_SQRT_2PI * ea;
            aPhiBeta[n] = StandardNormal.INV_SQRT_2PI * eb;
            aInside[n] = z;
            n++;
        }
        activeCount = n;
        lowerOutside = lo;
        upperOutside = hi;
        inside = in;
    }

    // E[x 1{a<x<b}] per component = m Z + s (phi(alpha) - phi(beta)) (truncated-normal first moment).
    private double truncatedMean() {
        double s1 = 0;
        for (int i = 0; i < activeCount; i++) {
            s1 += aw[i] * (am[i] * aInside[i] + (aPhiAlpha[i] - aPhiBeta[i]) / ainv[i]);
        }
        return s1 / inside;
    }

    // E[(x - mean)^2 1{a<x<b}] per component from the truncated-normal moments about its own mean
    // (alpha phi(alpha) vanishes at infinite ends; ends are finite here).
    private double truncatedVariance(double mean) {
        double s2 = 0;
        for (int i = 0; i < activeCount; i++) {
            double sd = 1.0 / ainv[i];
            double pa = aPhiAlpha[i];
            double pb = aPhiBeta[i];
            double zc = aInside[i];
            double delta = am[i] - mean;
            double second = sd * sd * (zc + aAlpha[i] * pa - aBeta[i] * pb) + 2.0 * delta * sd * (pa - pb) + delta * delta * zc;
            s2 += aw[i] * second;
        }
        return s2 / inside;
    }

    /** Sums over components at x: mass below x, mass above x and the density (results in eval* fields). */
    private void evaluate(double x) {
        double below = 0;
        double above = 0;
        double dens = 0;
        double slope = 0;
        for (int i = 0; i < activeCount; i++) {
            double z = (x - am[i]) * ainv[i];
            double e = Math.exp(-0.5 * z * z);
            double t = StandardNormal.upperTailAbs(Math.abs(z), e);
            double w = aw[i];
            if (z < 0) {
                below += w * t;
                above += w - w * t;
            } else {
                below += w - w * t;
                above += w * t;
            }
            double g = adens[i] * e;
            dens += g;
            slope -= g * z * ainv[i];
        }
        evalBelow = below;
        evalAbove = above;
        evalDensity = dens;
        evalDensitySlope = slope;
    }

    /**
     * Root of the truncated marginal CDF at level p inside [lo, hi], a bracket known to contain it.
     * Halley steps on h(x) = log of the smaller tail minus its target (log F(x) - log p for
     * p &lt;= 1/2, log(1 - p) - log(1 - F(x)) above): the log-CDF of a Gaussian is concave and nearly
     * linear in the tail, so the steps neither stall nor overshoot far, and tail quantiles keep
     * relative precision. Convergence is cubic, so once |h| &lt;= {@link #FINAL_STEP_RESIDUAL} the
     * last step is taken without re-evaluating (its error is ~|h|^3, below the tolerance). A step
     * that leaves the bracket falls back to Newton, then to bisection, so convergence is guaranteed.
     */
    private double quantile(double p, double lo, double hi, double start, double sd) {
        boolean lowerSide = p <= 0.5;
        double logTarget = Math.log((lowerSide ? p : 1.0 - p) * inside);
        double x = start > lo && start < hi ? start : 0.5 * (lo + hi);
        double scale = Math.max(Math.abs(x), hi - lo);
        for (int iter = 0; iter < MAX_ROOT_ITERATIONS; iter++) {
            evaluate(x);
            double tail = lowerSide ? evalBelow - lowerOutside : evalAbove - upperOutside;
            if (!(tail > 0)) {
                // Rounding left no mass on this side: the root lies inwards; bisect.
                if (lowerSide) {
                    lo = x;
                } else {
                    hi = x;
                }
                x = 0.5 * (lo + hi);
                continue;
            }
            // h increases with x and vanishes at the root; h1, h2 its derivatives.
            double ratio = evalDensity / tail;
            double h = lowerSide ? Math.log(tail) - logTarget : logTarget - Math.log(tail);
            double h1 = ratio;
            double h2 = lowerSide ? evalDensitySlope / tail - ratio * ratio : evalDensitySlope / tail + ratio * ratio;
            if (Math.abs(h) <= QUANTILE_LEVEL_TOLERANCE) {
                return x;
            }
            if (h < 0) {
                lo = x;
            } else {
                hi = x;
            }
            double denominator = 2.0 * h1 * h1 - h * h2;
            double next = denominator > 0 ? x - 2.0 * h * h1 / denominator : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = h1 > 0 ? x - h / h1 : Double.NaN;
            }
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            } else if (Math.abs(h) <= FINAL_STEP_RESIDUAL) {
                return next;
            }
            if (Math.abs(next - x) <= 1e-15 * scale) {
                return next;
            }
            x = next;
        }
        return x;
    }

    /**
     * Mode of the truncated marginal: ascent from the clipped means of the components with the
     * highest peaks, by Newton steps where the density is concave and fixed-point (mean-shift)
     * steps otherwise (the latter never decrease a Gaussian mixture's density: Carreira-Perpinan
     * 2000, IEEE TPAMI 22, 1318), keeping the highest maximum found.
     */
    private double mode(double a, double b) {
        double bestX = Double.NaN;
        double bestF = Double.NEGATIVE_INFINITY;
        double minSd = Double.POSITIVE_INFINITY;
        for (int i = 0; i < activeCount; i++) {
            minSd = Math.min(minSd, 1.0 / ainv[i]);
        }
        int starts = Math.min(MODE_STARTS, activeCount);
        for (int s = 0; s < starts; s++) {
            modeStarts[s] = -1;
        }
        // The components with the highest peaks inside the interval, seen from their clipped means.
        for (int i = 0; i < activeCount; i++) {
            double xm = Math.min(b, Math.max(a, am[i]));
            double z = (xm - am[i]) * ainv[i];
            double h = adens[i] * Math.exp(-0.5 * z * z);
            for (int s = 0; s < starts; s++) {
                if (modeStarts[s] < 0 || h > modeHeights[s]) {
                    for (int t = starts - 1; t > s; t--) {
                        modeStarts[t] = modeStarts[t - 1];
                        modeHeights[t] = modeHeights[t - 1];
                    }
                    modeStarts[s] = i;
                    modeHeights[s] = h;
                    break;
                }
            }
        }
        for (int s = 0; s < starts; s++) {
            double x = Math.min(b, Math.max(a, am[modeStarts[s]]));
            double tol = MODE_TOLERANCE / ainv[modeStarts[s]];
            boolean duplicate = false;
            for (int t = 0; t < s; t++) {
                // A component whose mean lies within 2 of its sds of a mode found already sits on
                // that mode's hill (two Gaussians closer than 2 sd make one mode), so it starts no new ascent.
                if (!Double.isNaN(modeFound[t]) && Math.abs(x - modeFound[t]) <= MODE_SAME_HILL_SDS / ainv[modeStarts[s]]) {
                    duplicate = true;
                }
            }
            if (duplicate) {
                modeFound[s] = Double.NaN;
                continue;
            }
            modeDerivatives(x);
            double fx = modeF;
            double sdStart = 1.0 / ainv[modeStarts[s]];
            for (int iter = 0; iter < MAX_MODE_ITERATIONS; iter++) {
                double meanShift = Math.min(b, Math.max(a, modeMeanShift));
                boolean newton = modeF2 < 0;
                double next = newton ? Math.min(b, Math.max(a, x - modeF1 / modeF2)) : meanShift;
                double step = Math.abs(next - x);
                if (step <= tol) {
                    break;
                }
                if (newton && step <= MODE_FINAL_STEP * sdStart && next > a && next < b) {
                    // Inside the concave basin Newton converges quadratically: this step is final.
                    x = next;
                    break;
                }
                double prevX = x;
                double prevF = fx;
                modeDerivatives(next);
                if (modeF < prevF && newton) {
                    // Newton overshot: take the mean-shift step from the previous point instead.
                    modeDerivatives(prevX);
                    next = Math.min(b, Math.max(a, modeMeanShift));
                    modeDerivatives(next);
                }
                if (modeF < prevF) {
                    x = prevX;
                    fx = prevF;
                    break;
                }
                x = next;
                fx = modeF;
                if (modeF2 < 0 && joinsFoundMode(x, s, MODE_MERGE_DISTANCE * minSd)) {
                    duplicate = true;
                    break;
                }
            }
            if (duplicate) {
                modeFound[s] = Double.NaN;
                continue;
            }
            modeFound[s] = x;
            if (fx > bestF) {
                bestF = fx;
                bestX = x;
            }
        }
        return bestX;
    }

    private boolean joinsFoundMode(double x, int s, double distance) {
        for (int t = 0; t < s; t++) {
            if (Math.abs(x - modeFound[t]) <= distance) {
                return true;
            }
        }
        return false;
    }

    /** Density, its first two derivatives and the mean-shift point at x (results in mode* fields). */
    private void modeDerivatives(double x) {
        double f = 0;
        double f1 = 0;
        double f2 = 0;
        double sw = 0;
        double swm = 0;
        for (int i = 0; i < activeCount; i++) {
            double inv = ainv[i];
            double z = (x - am[i]) * inv;
            double g = adens[i] * Math.exp(-0.5 * z * z);
            double inv2 = inv * inv;
            f += g;
            f1 -= g * z * inv;
            f2 += g * (z * z - 1.0) * inv2;
            sw += g * inv2;
            swm += g * inv2 * am[i];
        }
        modeF = f;
        modeF1 = f1;
        modeF2 = f2;
        modeMeanShift = sw > 0 ? swm / sw : x;
    }

    /**
     * Draws up to {@code count} samples from the mixture truncated to the prior box, by rejection,
     * into {@code out} (row-major [count][D], physical units). Stops after
     * {@code maxAttempts} draws.
     *
     * @return the number of accepted samples written; the acceptance rate is
     *         accepted / attempts, see {@link #lastAttempts()}
     */
    public int sample(int count, RandomGenerator random, double[] out, long maxAttempts) {
        checkReady();
        if (out.length < (long) count * d) {
            throw new IllegalArgumentException("sample buffer holds " + out.length + " values, needs " + (long) count * d);
        }
        double total = 0;
        for (int comp = 0; comp < c; comp++) {
            total += weight[comp];
        }
        int accepted = 0;
        long attempts = 0;
        double[] z = scratchR;
        while (accepted < count && attempts < maxAttempts) {
            attempts++;
            double pick = random.nextDouble() * total;
            int comp = 0;
            double cum = weight[0];
            while (cum < pick && comp < c - 1) {
                comp++;
                cum += weight[comp];
            }
            for (int i = 0; i < d; i++) {
                z[i] = random.nextGaussian();
            }
            int ub = comp * d * d;
            boolean inBox = true;
            int base = accepted * d;
            for (int i = 0; i < d && inBox; i++) {
                double s = muStd[comp * d + i];
                for (int j = i; j < d; j++) {
                    s += uInv[ub + i * d + j] * z[j];
                }
                double theta = paramMean[i] + paramStd[i] * s;
                if (theta < lower[i] || theta > upper[i]) {
                    inBox = false;
                } else {
                    out[base + i] = theta;
                }
            }
            if (inBox) {
                accepted++;
            }
        }
        lastAttempts = attempts;
        return accepted;
    }

    private long lastAttempts;

    /** Number of draws the last {@link #sample} call made. */
    public long lastAttempts() {
        return lastAttempts;
    }

    /** Parameter names in order. */
    public List<String> parameterNames() {
        return List.of(names);
    }
}
