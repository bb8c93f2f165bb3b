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
    /** Newton iterations stop when the CDF residual is below this, in quantile level. */
    public static final double QUANTILE_LEVEL_TOLERANCE = 1e-12;
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
    private final int[] active;
    private final double[] aw;
    private final double[] am;
    private final double[] ainv;
    private final double[] adens;
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
        active = new int[c];
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
        if (inside <= 0) {
            return Double.NaN;
        }
        double below = 0;
        for (int a = 0; a < activeCount; a++) {
            double z = (x - am[a]) * ainv[a];
            double t = StandardNormal.upperTailAbs(Math.abs(z), Math.exp(-0.5 * z * z));
            below += aw[a] * (z < 0 ? t : 1.0 - t);
        }
        return Math.min(1.0, Math.max(0.0, (below - lowerOutside) / inside));
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
        double mean;
        double var;
        if (inside > Double.MIN_NORMAL * 1e3) {
            mean = truncatedMean(a, b);
            var = truncatedVariance(a, b, mean);
        } else {
            // No mass inside the box at double precision: degenerate, summarise at the nearer bound.
            mean = lowerOutside >= upperOutside ? a : b;
            var = 0;
        }
        double sd = Math.sqrt(Math.max(var, 0.0));
        double median = quantile(0.5, a, b, mean, sd);
        double p16 = quantile(0.16, a, median, mean, sd);
        double p84 = quantile(0.84, median, b, mean, sd);
        double p2 = quantile(0.025, a, p16, mean, sd);
        double p97 = quantile(0.975, p84, b, mean, sd);
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
        double mean = truncatedMean(lower[dim], upper[dim]);
        double sd = Math.sqrt(Math.max(0, truncatedVariance(lower[dim], upper[dim], mean)));
        return quantile(p, lower[dim], upper[dim], mean, sd);
    }

    /** Per-dimension set-up: active components, their marginal parameters, and the masses outside the interval. */
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
            double ta = StandardNormal.upperTailAbs(Math.abs(alpha), Math.exp(-0.5 * alpha * alpha));
            double tb = StandardNormal.upperTailAbs(Math.abs(beta), Math.exp(-0.5 * beta * beta));
            double below = alpha < 0 ? ta : 1.0 - ta;       // Phi(alpha)
            double above = beta > 0 ? tb : 1.0 - tb;        // 1 - Phi(beta)
            double z;
            if (alpha >= 0) {
                z = ta - above;                             // both in the upper tail: difference of upper tails
            } else if (beta <= 0) {
                z = tb - below;                             // both in the lower tail: difference of lower tails
            } else {
                z = 1.0 - below - above;
            }
            lo += w * below;
            hi += w * above;
            in += w * Math.max(z, 0.0);
            active[n] = comp;
            aw[n] = w;
            am[n] = m;
            ainv[n] = inv;
            adens[n] = w * inv * StandardNormal.INV_SQRT_2PI;
            n++;
        }
        activeCount = n;
        lowerOutside = lo;
        upperOutside = hi;
        inside = in;
    }

    private double truncatedMean(double a, double b) {
        double s1 = 0;
        for (int i = 0; i < activeCount; i++) {
            double inv = ainv[i];
            double sd = 1.0 / inv;
            double alpha = (a - am[i]) * inv;
            double beta = (b - am[i]) * inv;
            double pa = StandardNormal.pdf(alpha);
            double pb = StandardNormal.pdf(beta);
            double zc = componentInside(alpha, beta);
            // E[x 1{a<x<b}] = m Z + s (phi(alpha) - phi(beta)) (truncated-normal first moment).
            s1 += aw[i] * (am[i] * zc + sd * (pa - pb));
        }
        return s1 / inside;
    }

    private double truncatedVariance(double a, double b, double mean) {
        double s2 = 0;
        for (int i = 0; i < activeCount; i++) {
            double inv = ainv[i];
            double sd = 1.0 / inv;
            double alpha = (a - am[i]) * inv;
            double beta = (b - am[i]) * inv;
            double pa = StandardNormal.pdf(alpha);
            double pb = StandardNormal.pdf(beta);
            double zc = componentInside(alpha, beta);
            double delta = am[i] - mean;
            // E[(x - mean)^2 1{a<x<b}] from the truncated-normal moments about the component mean.
            double second = sd * sd * (zc + alpha * pa - beta * pb) + 2.0 * delta * sd * (pa - pb) + delta * delta * zc;
            s2 += aw[i] * second;
        }
        return s2 / inside;
    }

    private static double componentInside(double alpha, double beta) {
        if (alpha >= 0) {
            return StandardNormal.complementaryCdf(alpha) - StandardNormal.complementaryCdf(beta);
        }
        if (beta <= 0) {
            return StandardNormal.cdf(beta) - StandardNormal.cdf(alpha);
        }
        return 1.0 - StandardNormal.cdf(alpha) - StandardNormal.complementaryCdf(beta);
    }

    /**
     * Root of the truncated CDF at level p inside [lo, hi] (a bracket known to contain it):
     * Newton steps from a Gaussian start, falling back to bisection whenever a step leaves the
     * bracket. Residuals use lower-tail sums for p &lt;= 0.5 and upper-tail sums above, so tail
     * quantiles keep their relative accuracy.
     */
    private double quantile(double p, double lo, double hi, double mean, double sd) {
        if (!(inside > 0)) {
            return p < 0.5 ? lo : hi;
        }
        boolean lowerSide = p <= 0.5;
        double target = lowerSide ? p * inside : (1.0 - p) * inside;
        double tol = QUANTILE_LEVEL_TOLERANCE * inside;
        double x = mean + sd * StandardNormalLevels.z(p);
        if (!(x > lo && x < hi)) {
            x = 0.5 * (lo + hi);
        }
        double width = hi - lo;
        for (int iter = 0; iter < MAX_ROOT_ITERATIONS; iter++) {
            double below = 0;
            double above = 0;
            double dens = 0;
            for (int i = 0; i < activeCount; i++) {
                double z = (x - am[i]) * ainv[i];
                double e = Math.exp(-0.5 * z * z);
                double t = StandardNormal.upperTailAbs(Math.abs(z), e);
                if (z < 0) {
                    below += aw[i] * t;
                    above += aw[i] * (1.0 - t);
                } else {
                    below += aw[i] * (1.0 - t);
                    above += aw[i] * t;
                }
                dens += adens[i] * e;
            }
            // Residual r(x) increases with x; r = F_inside(x) - p * inside.
            double r = lowerSide ? (below - lowerOutside) - target : target - (above - upperOutside);
            if (Math.abs(r) <= tol) {
                return x;
            }
            if (r < 0) {
                lo = x;
            } else {
                hi = x;
            }
            double next = dens > 0 ? x - r / dens : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - x) <= 1e-14 * Math.max(Math.abs(x), width) || hi - lo <= 1e-15 * Math.max(1.0, Math.abs(x))) {
                return next;
            }
            x = next;
        }
        return x;
    }

    /**
     * Mode of the truncated marginal: ascent from the clipped means of the components with the
     * highest peaks, Newton steps where the density is concave and fixed-point (mean-shift) steps
     * otherwise (Carreira-Perpinan 2000, IEEE TPAMI 22, 1318), keeping the highest maximum found.
     */
    private double mode(double a, double b) {
        if (activeCount == 0) {
            return 0.5 * (a + b);
        }
        double bestX = Double.NaN;
        double bestF = Double.NEGATIVE_INFINITY;
        long used = 0;
        for (int start = 0; start < Math.min(MODE_STARTS, activeCount); start++) {
            // Next-highest peak height inside the box, as seen from its clipped mean.
            int pick = -1;
            double pickHeight = -1;
            for (int i = 0; i < activeCount; i++) {
                if (i < 64 && (used & (1L << i)) != 0) {
                    continue;
                }
                double xm = Math.min(b, Math.max(a, am[i]));
                double z = (xm - am[i]) * ainv[i];
                double h = adens[i] * Math.exp(-0.5 * z * z);
                if (h > pickHeight) {
                    pickHeight = h;
                    pick = i;
                }
            }
            if (pick < 0) {
                break;
            }
            if (pick < 64) {
                used |= 1L << pick;
            }
            double x = Math.min(b, Math.max(a, am[pick]));
            double fx = density(x);
            for (int iter = 0; iter < MAX_MODE_ITERATIONS; iter++) {
                double f1 = 0;
                double f2 = 0;
                double sw = 0;
                double swm = 0;
                for (int i = 0; i < activeCount; i++) {
                    double inv = ainv[i];
                    double z = (x - am[i]) * inv;
                    double g = adens[i] * Math.exp(-0.5 * z * z);
                    double inv2 = inv * inv;
                    f1 -= g * z * inv;
                    f2 += g * (z * z - 1.0) * inv2;
                    sw += g * inv2;
                    swm += g * inv2 * am[i];
                }
                double meanShift = sw > 0 ? swm / sw : x;
                double next = f2 < 0 ? x - f1 / f2 : meanShift;
                next = Math.min(b, Math.max(a, next));
                double fn = density(next);
                if (fn < fx) {
                    next = Math.min(b, Math.max(a, meanShift));
                    fn = density(next);
                    if (fn < fx) {
                        break;
                    }
                }
                double step = Math.abs(next - x);
                x = next;
                fx = fn;
                if (step <= 1e-12 * Math.max(1.0, Math.abs(x))) {
                    break;
                }
            }
            if (fx > bestF) {
                bestF = fx;
                bestX = x;
            }
        }
        return bestX;
    }

    private double density(double x) {
        double f = 0;
        for (int i = 0; i < activeCount; i++) {
            double z = (x - am[i]) * ainv[i];
            f += adens[i] * Math.exp(-0.5 * z * z);
        }
        return f;
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
