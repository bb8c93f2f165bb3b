package io.sedstream.inference.posterior;

/**
 * One parameter's marginal posterior: a 1-D Gaussian mixture sum_k w_k N(m_k, s_k^2) truncated to
 * [lower, upper], with exact summaries. A mutable workspace reused for every parameter of every
 * object (no allocation after construction); NOT thread-safe.
 *
 * <ul>
 *   <li>mean and variance: analytic truncated-normal moments of each component (e.g. Johnson,
 *       Kotz &amp; Balakrishnan 1994, Continuous Univariate Distributions vol. 1, sec. 10.1);</li>
 *   <li>percentiles: roots of the truncated CDF by Halley steps on the log of the smaller tail,
 *       safeguarded by a bracket and bisection;</li>
 *   <li>mode: the highest maximum of the truncated density, by Newton/mean-shift ascent.</li>
 * </ul>
 */
public final class TruncatedMarginal {
    /**
     * Percentile root finding stops when |log F(x) - log p| (log of the smaller tail) is below
     * this: the quantile level is right to this relative precision. The network's float32 output
     * defines the posterior itself only to ~1e-7, so 1e-9 is exact for every purpose.
     */
    public static final double QUANTILE_LEVEL_TOLERANCE = 1e-9;
    /**
     * Residual |h| below which the last Halley step is taken unchecked (its error, ~|h|^3, is below
     * the tolerance). 1e-3 was tried: between the modes of a multimodal mixture the cubic's constant
     * is large, and a median moved by 7e-6 of the box (BruteForceMarginalTest).
     */
    private static final double FINAL_STEP_RESIDUAL = 1e-4;
    /**
     * Mode Newton steps shorter than this many (narrowest) component sds are final: the error
     * left, ~step^2, is below 1e-6 sd (float32 network outputs define no more).
     */
    private static final double MODE_FINAL_STEP = 1e-3;
    /** Mode search stops when a step is below this many (narrowest) component sds. */
    private static final double MODE_TOLERANCE = 1e-8;
    /**
     * An ascent that reaches a concave point this close to a mode already found, in narrowest-sd
     * units, joins it: distinct modes of a Gaussian mixture are separated by a minimum, of order
     * the narrowest sd apart at least.
     */
    private static final double MODE_MERGE_DISTANCE = 0.05;
    /**
     * A component whose clipped mean lies within this many of its sds of a mode already found, with
     * the density rising towards that mode, sits on that mode's hill: it starts no new ascent.
     */
    private static final double MODE_SAME_HILL_SDS = 2.0;
    /** Mode-start ranking ignores components whose densities inside the interval sum to at most this fraction of the largest. */
    private static final double RANK_FRACTION = 1e-4;
    /** Extra ascents started from the highest component peaks, after the one from the median. */
    private static final int MODE_PEAK_STARTS = 3;
    /**
     * Pruning bound on mass: components whose masses inside the interval sum to at most this
     * fraction q/M of the mixture's inside mass M are left out of the summaries (never out of
     * {@link #massOutside()}). Proof of harmlessness: with A(x) the mass inside below x and
     * 0 &lt;= a(x) &lt;= q the pruned part of it, |(A - a)/(M - q) - A/M| = |A q - a M| / (M (M - q))
     * &lt;= q / (M - q), so every CDF value, hence every quantile LEVEL, moves by at most
     * 2.5e-11 / (1 - 2.5e-11): at the 2.5% level that is 1.0e-9 relative, the root-finding tolerance
     * {@link #QUANTILE_LEVEL_TOLERANCE}. The mean moves by at most 2.5e-11 (b - a), the variance
     * likewise relatively.
     */
    static final double PRUNE_INSIDE_FRACTION = 2.5e-11;
    /**
     * Pruning bound on density: the pruned components' largest densities inside the interval sum
     * to at most this fraction of the mean density M / (b - a), which is at most the mode's density;
     * so the density of the reported mode is within 1e-11 (relative) of the highest density.
     */
    static final double PRUNE_DENSITY_FRACTION = 1e-11;
    /**
     * The tails come from {@link StandardNormal#tableTail} (absolute error 5e-14 per component)
     * while the mass inside the interval is at least this: every CDF value is then right to
     * 5e-12, a fifth of {@link #QUANTILE_LEVEL_TOLERANCE} at the 2.5% level. Below it they are
     * recomputed exactly.
     */
    static final double TABLE_MIN_INSIDE_MASS = 0.01;
    /** Below this mass inside the interval the truncated marginal is degenerate. */
    private static final double MIN_INSIDE_MASS = 1e-300;
    private static final int MAX_ROOT_ITERATIONS = 200;
    private static final int MAX_MODE_ITERATIONS = 100;
    // Standard normal quantiles of the reported levels (two-sided 95% and 68% points).
    private static final double Z_025 = -1.959963984540054;
    private static final double Z_16 = -0.994457883209753;
    private static final double Z_84 = 0.994457883209753;
    private static final double Z_975 = 1.959963984540054;

    private final double[] w;
    private final double[] m;
    private final double[] inv;
    private final double[] peak;      // w / (s sqrt(2 pi)): density factor
    private final double[] alpha;
    private final double[] beta;
    private final double[] phiAlpha;
    private final double[] phiBeta;
    private final double[] inside;
    private final double[] tailAlpha;      // Phi(-|alpha|): the small tail at the lower bound
    private final double[] tailBeta;       // Phi(-|beta|): the small tail at the upper bound
    private final double[] cdfAlpha;       // Phi(alpha), for the table path
    private final double[] aboveBeta;      // 1 - Phi(beta)
    private final double[] densityFactor;  // w / sd
    private final double[] truncatedMean;     // each component's own mean inside the interval
    private final double[] truncatedVariance; // and its variance there
    private boolean momentsReady;
    private int n;
    /** Components left out before {@link #add} by {@link #skipIfNegligible}: they count in the pruning divisor. */
    private int skipped;
    private double lowerBound;
    private double upperBound;
    private double massBelow;
    private double massAbove;
    private double massInside;
    private double minSd;
    private int modeCount;
    private boolean finished;
    /** Whether the tails come from the exact {@link StandardNormal#upperTailAbs} rather than its table. */
    private boolean exactTails;

    private final Eval work = new Eval();
    private final Eval atMedian = new Eval();
    private final Eval atP16 = new Eval();
    private final Eval atP84 = new Eval();
    private final int[] peakStarts = new int[MODE_PEAK_STARTS];
    private final int[] significant;
    private final double[] peakHeights = new double[MODE_PEAK_STARTS];
    private final double[] modesFound = new double[MODE_PEAK_STARTS + 1];

    /**
     * Sums over the components at one point x: the mass inside the interval below x and above x,
     * the density and its derivatives, and the mean-shift sums.
     */
    private static final class Eval {
        double x;
        double insideBelow;
        double insideAbove;
        double density;
        double slope;
        double curvature;
        double shiftWeight;
        double shiftSum;

        void copyFrom(Eval o) {
            x = o.x;
            insideBelow = o.insideBelow;
            insideAbove = o.insideAbove;
            density = o.density;
            slope = o.slope;
            curvature = o.curvature;
            shiftWeight = o.shiftWeight;
            shiftSum = o.shiftSum;
        }
    }

    /** A workspace for mixtures of up to {@code capacity} components. */
    public TruncatedMarginal(int capacity) {
        w = new double[capacity];
        m = new double[capacity];
        inv = new double[capacity];
        peak = new double[capacity];
        alpha = new double[capacity];
        beta = new double[capacity];
        phiAlpha = new double[capacity];
        phiBeta = new double[capacity];
        inside = new double[capacity];
        tailAlpha = new double[capacity];
        tailBeta = new double[capacity];
        cdfAlpha = new double[capacity];
        aboveBeta = new double[capacity];
        densityFactor = new double[capacity];
        truncatedMean = new double[capacity];
        truncatedVariance = new double[capacity];
        significant = new int[capacity];
    }

    /** Starts a new marginal on [lower, upper]; then {@link #add} its components and {@link #finish}. */
    public void reset(double lower, double upper) {
        if (!(lower < upper)) {
            throw new IllegalArgumentException("interval needs lower < upper, got [" + lower + ", " + upper + "]");
        }
        n = 0;
        skipped = 0;
        lowerBound = lower;
        upperBound = upper;
        massBelow = 0;
        massAbove = 0;
        massInside = 0;
        minSd = Double.POSITIVE_INFINITY;
        finished = false;
        momentsReady = false;
        exactTails = false;
    }

    /** Adds a component of weight {@code weight}, mean {@code mean} and 1/sd {@code inverseSd}. */
    public void add(double weight, double mean, double inverseSd) {
        double a = (lowerBound - mean) * inverseSd;
        double b = (upperBound - mean) * inverseSd;
        double ta = StandardNormal.tableTail(Math.abs(a));
        double tb = StandardNormal.tableTail(Math.abs(b));
        double pa = StandardNormal.tableDensity(Math.abs(a));
        double pb = StandardNormal.tableDensity(Math.abs(b));
        store(weight, mean, inverseSd, a, b, ta, tb, pa, pb);
        n++;
    }

    /**
     * Component i's tails, densities and masses, the sums over components and the narrowest sd,
     * from its bounds in sd units a, b, their small tails ta, tb and densities pa, pb.
     */
    private void store(double weight, double mean, double inverseSd, double a, double b, double ta, double tb, double pa, double pb) {
        int i = n;
        double below = a < 0 ? ta : 1.0 - ta;     // Phi(alpha)
        double above = b > 0 ? tb : 1.0 - tb;     // 1 - Phi(beta)
        // Exact for a component far wider than the interval too, where Phi(beta) - Phi(alpha) is a
        // difference of nearly equal numbers (the out-of-distribution case of issue 13).
        double z = StandardNormal.intervalMass(a, b, ta, tb, pa, pb);
        massBelow += weight * below;
        massAbove += weight * above;
        massInside += weight * z;
        w[i] = weight;
        m[i] = mean;
        inv[i] = inverseSd;
        peak[i] = weight * inverseSd * StandardNormal.INV_SQRT_2PI;
        alpha[i] = a;
        beta[i] = b;
        phiAlpha[i] = pa;
        phiBeta[i] = pb;
        inside[i] = z;
        tailAlpha[i] = ta;
        tailBeta[i] = tb;
        cdfAlpha[i] = below;
        aboveBeta[i] = above;
        densityFactor[i] = weight * inverseSd;
        minSd = Math.min(minSd, 1.0 / inverseSd);
    }

    /**
     * Leaves out, without adding it, a component that {@link #finish} would provably prune: called
     * after the other components are added, with an upper bound on its 1/sd and the total number of
     * components (added or skipped) of this marginal. It is skipped when, against the inside mass M'
     * of the components added so far (M' &lt;= the full M, so the cuts are conservative, and M' &gt;=
     * {@link #TABLE_MIN_INSIDE_MASS}, so the table tails stand), its whole weight is within
     * 1/total of {@link #PRUNE_INSIDE_FRACTION} and its peak density, weight x maxInverseSd /
     * sqrt(2 pi), within 1/total of the {@link #PRUNE_DENSITY_FRACTION} cut: the bounds that
     * {@link #finish} tests (its inside mass and largest density inside cannot exceed these), with
     * the same divisor, so the pruned and skipped components together stay within the proven
     * bounds. A skipped component is also left out of {@link #massOutside()}, which then errs by at
     * most its weight.
     *
     * @return whether the component was skipped (else the caller must {@link #add} it)
     */
    public boolean skipIfNegligible(double weight, double maxInverseSd, int totalComponents) {
        if (!(massInside >= TABLE_MIN_INSIDE_MASS)) {
            return false;
        }
        double massCut = PRUNE_INSIDE_FRACTION * massInside / totalComponents;
        double densityCut = PRUNE_DENSITY_FRACTION * massInside / (upperBound - lowerBound) / totalComponents;
        if (weight <= massCut && weight * maxInverseSd * StandardNormal.INV_SQRT_2PI <= densityCut) {
            skipped++;
            return true;
        }
        return false;
    }

    /**
     * Recomputes every component's tails with the exact {@link StandardNormal#upperTailAbs} (and an
     * exp per density), for a marginal with little mass inside the interval: the table's absolute
     * error of 5e-14 per component, divided by that mass, would no longer be negligible.
     */
    private void exactTails() {
        exactTails = true;
        int count = n;
        massBelow = 0;
        massAbove = 0;
        massInside = 0;
        minSd = Double.POSITIVE_INFINITY;
        n = 0;
        for (int i = 0; i < count; i++) {
            double a = alpha[i];
            double b = beta[i];
            double ea = Math.exp(-0.5 * a * a);
            double eb = Math.exp(-0.5 * b * b);
            double ta = StandardNormal.upperTailAbs(Math.abs(a), ea);
            double tb = StandardNormal.upperTailAbs(Math.abs(b), eb);
            store(w[i], m[i], inv[i], a, b, ta, tb, StandardNormal.INV_SQRT_2PI * ea, StandardNormal.INV_SQRT_2PI * eb);
            n++;
        }
    }

    /**
     * Ends the {@link #add} calls: leaves out the components that provably cannot move any summary
     * beyond its tolerance ({@link #PRUNE_INSIDE_FRACTION}, {@link #PRUNE_DENSITY_FRACTION}): a
     * negligible weight, or a component whose mass lies (almost) all outside the interval. Each
     * component is tested against 1/n of each bound, so the pruned set together stays within them.
     * Called by every summary method; idempotent until the next {@link #reset}.
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (massInside < TABLE_MIN_INSIDE_MASS) {
            exactTails();
        }
        if (n <= 1 || degenerate()) {
            return;
        }
        int total = n + skipped;
        double massCut = PRUNE_INSIDE_FRACTION * massInside / total;
        double densityCut = PRUNE_DENSITY_FRACTION * massInside / (upperBound - lowerBound) / total;
        int kept = 0;
        double keptInside = 0;
        double keptMinSd = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double q = w[i] * inside[i];
            if (q <= massCut && densityInside(i) <= densityCut) {
                continue;
            }
            if (kept != i) {
                w[kept] = w[i];
                m[kept] = m[i];
                inv[kept] = inv[i];
                peak[kept] = peak[i];
                alpha[kept] = alpha[i];
                beta[kept] = beta[i];
                phiAlpha[kept] = phiAlpha[i];
                phiBeta[kept] = phiBeta[i];
                inside[kept] = inside[i];
                tailAlpha[kept] = tailAlpha[i];
                tailBeta[kept] = tailBeta[i];
                cdfAlpha[kept] = cdfAlpha[i];
                aboveBeta[kept] = aboveBeta[i];
                densityFactor[kept] = densityFactor[i];
            }
            keptInside += q;
            keptMinSd = Math.min(keptMinSd, 1.0 / inv[kept]);
            kept++;
        }
        if (kept < n) {
            n = kept;
            massInside = keptInside;
            minSd = keptMinSd;
        }
    }

    /** Components the summaries use (after {@link #finish}). */
    int componentsInUse() {
        finish();
        return n;
    }

    /** Weight of component i in use (0 &lt;= i &lt; {@link #componentsInUse()}). */
    double weightInUse(int i) {
        return w[i];
    }

    /** Mean of component i in use. */
    double meanInUse(int i) {
        return m[i];
    }

    /** 1/sd of component i in use. */
    double inverseSdInUse(int i) {
        return inv[i];
    }

    /** Mass of the untruncated mixture outside [lower, upper] (total weight taken as 1). */
    public double massOutside() {
        return Math.min(1.0, massBelow + massAbove);
    }

    /** True when (numerically) no mass lies inside the interval. */
    public boolean degenerate() {
        return !(massInside > MIN_INSIDE_MASS);
    }

    /** The bound beyond which most of the mass lies (the summary of a degenerate marginal). */
    public double heavierBound() {
        return massBelow >= massAbove ? lowerBound : upperBound;
    }

    /**
     * Mean of the truncated mixture: the inside-mass-weighted mean of the components' own
     * truncated means ({@link #componentMoments}), each inside [lower, upper], so the result is too.
     */
    public double mean() {
        finish();
        componentMoments();
        double s1 = 0;
        for (int i = 0; i < n; i++) {
            s1 += w[i] * inside[i] * truncatedMean[i];
        }
        return Math.min(upperBound, Math.max(lowerBound, s1 / massInside));
    }

    /**
     * Variance of the truncated mixture about {@code mean}: the law of total variance over the
     * components, sum_k q_k (v_k + (m_k - mean)^2) / sum_k q_k with q_k the inside masses and m_k,
     * v_k the components' truncated moments: a sum of non-negative terms, so no cancellation.
     */
    public double variance(double mean) {
        finish();
        componentMoments();
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double delta = truncatedMean[i] - mean;
            s2 += w[i] * inside[i] * (truncatedVariance[i] + delta * delta);
        }
        return Math.max(s2 / massInside, 0.0);
    }

    /**
     * Each component's mean and variance inside the interval, in a form that keeps its digits in
     * every regime (issue 13 found the textbook m Z + s (phi(alpha) - phi(beta)) returning means
     * far outside the box and negative variances for components much wider than the interval):
     * <ul>
     *   <li>the density changes by less than a factor e over the interval (a component much wider
     *       than it, or nearly flat across it): the moments of exp(-kappa t - t^2/2) over the
     *       interval in sd units t from its end nearer the component's centre, by Taylor series
     *       ({@link StandardNormal#gaussianSegment});</li>
     *   <li>the interval lies 3 or more sds to one side of the mean: the truncated-normal formulas
     *       written with Mills ratios to double precision ({@link StandardNormal#millsRatio}), and
     *       the mean measured from the near end of the interval;</li>
     *   <li>otherwise the textbook truncated-normal formulas (Johnson, Kotz &amp; Balakrishnan
     *       1994, sec. 10.1), well conditioned there.</li>
     * </ul>
     * The mean is kept inside [lower, upper] and the variance in [0, (upper - lower)^2 / 4], the
     * bounds any distribution on the interval obeys.
     */
    private void componentMoments() {
        if (momentsReady) {
            return;
        }
        momentsReady = true;
        double halfWidth = 0.5 * (upperBound - lowerBound);
        double maxVariance = halfWidth * halfWidth;
        for (int i = 0; i < n; i++) {
            double sd = 1.0 / inv[i];
            double a = alpha[i];
            double b = beta[i];
            double gap = b - a;
            double mean;
            double variance;
            // The end nearer the centre, and kappa: the slope of -log density there, in sd units, pointing inwards.
            boolean fromUpper = b <= 0;
            double kappa = fromUpper ? -b : a;
            if ((Math.abs(kappa) + gap) * gap <= 1.0) {
                double i0 = StandardNormal.gaussianSegment(kappa, gap, 0);
                double t1 = gap * StandardNormal.gaussianSegment(kappa, gap, 1) / i0;
                double t2 = gap * gap * StandardNormal.gaussianSegment(kappa, gap, 2) / i0;
                variance = sd * sd * (t2 - t1 * t1);
                mean = fromUpper ? upperBound - sd * t1 : lowerBound + sd * t1;
            } else if (a >= 3.0 || b <= -3.0) {
                // Far to one side: mirror the lower side onto the upper one, then with
                // M = Mills ratio and r = phi(far) / phi(near), Z / phi(near) = M(near) - r M(far),
                // E[z] = (1 - r) / that, E[z^2] - 1 = (near - far r) / that.
                double near = fromUpper ? -b : a;
                double far = fromUpper ? -a : b;
                double r = Math.exp(-0.5 * (far - near) * (far + near));
                double zScaled = StandardNormal.millsRatio(near) - (r > 1e-17 ? r * StandardNormal.millsRatio(far) : 0.0); // r M(far) < r / far
                double offset = (1.0 - r) / zScaled - near;          // E[z] - near: the mean's distance from the near end, in sds
                double secondAboutNear = 1.0 + (near - far * r) / zScaled - near * (near + 2 * offset);  // E[(z - near)^2]
                variance = sd * sd * (secondAboutNear - offset * offset);
                mean = fromUpper ? upperBound - sd * offset : lowerBound + sd * offset;
            } else {
                double z = inside[i];
                double lambda = (phiAlpha[i] - phiBeta[i]) / z;
                mean = m[i] + sd * lambda;
                variance = sd * sd * (1.0 + (a * phiAlpha[i] - b * phiBeta[i]) / z - lambda * lambda);
            }
            truncatedMean[i] = Math.min(upperBound, Math.max(lowerBound, mean));
            truncatedVariance[i] = Math.min(maxVariance, Math.max(0.0, variance));
        }
    }

    /** CDF of the truncated mixture at x. */
    public double cdf(double x) {
        if (x <= lowerBound) {
            return 0.0;
        }
        if (x >= upperBound) {
            return 1.0;
        }
        finish();
        if (degenerate()) {
            return Double.NaN;
        }
        evaluate(x, work);
        double lowerTail = work.insideBelow;
        double upperTail = work.insideAbove;
        // Whichever tail is smaller keeps its relative precision.
        double cdf = lowerTail <= upperTail ? lowerTail / massInside : 1.0 - upperTail / massInside;
        return Math.min(1.0, Math.max(0.0, cdf));
    }

    /** Quantile at level p in (0, 1), from a Gaussian start with the truncated moments. */
    public double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile level must be in (0, 1), got " + p);
        }
        finish();
        if (degenerate()) {
            return heavierBound();
        }
        double mean = mean();
        double sd = Math.sqrt(variance(mean));
        double z = StandardNormal.quantile(p);
        evaluate(clampInside(mean + sd * z, lowerBound, upperBound), work);
        return solve(p, z, lowerBound, upperBound, work);
    }

    /**
     * The full summary into {@code out}: {mean, std, p2.5, p16, median, p84, p97.5, mode}. Each
     * percentile search starts from the last point evaluated by its neighbour's search (its sums
     * are reused, so the first step is free); the mode's first ascent starts at the median.
     */
    public void summarise(double[] out) {
        if (summariseWithoutMode(out)) {
            out[7] = mode(atMedian);
        }
    }

    /**
     * {@link #summarise} without the mode (out[7] is left alone): for a caller that needs the mode
     * of another density (a transformed parameter's, {@link LogitMarginal}). Returns false for a
     * degenerate marginal, whose whole summary (mode included) is then the heavier bound.
     */
    boolean summariseWithoutMode(double[] out) {
        finish();
        if (degenerate()) {
            double edge = heavierBound();
            java.util.Arrays.fill(out, 0, 8, edge);
            out[1] = 0.0;
            return false;
        }
        double mean = mean();
        double sd = Math.sqrt(variance(mean));
        double a = lowerBound;
        double b = upperBound;
        evaluate(clampInside(mean, a, b), atMedian);
        double median = solve(0.5, 0.0, a, b, atMedian);
        atP16.copyFrom(atMedian);
        double p16 = solve(0.16, Z_16, a, median, atP16);
        atP84.copyFrom(atMedian);
        double p84 = solve(0.84, Z_84, median, b, atP84);
        double p2 = solve(0.025, Z_025, a, p16, atP16);
        double p97 = solve(0.975, Z_975, p84, b, atP84);
        out[0] = mean;
        out[1] = sd;
        out[2] = p2;
        out[3] = p16;
        out[4] = median;
        out[5] = p84;
        out[6] = p97;
        return true;
    }

    private static double clampInside(double x, double lo, double hi) {
        return x > lo && x < hi ? x : 0.5 * (lo + hi);
    }

    /**
     * Sums over the components at x into {@code e}: the inside mass below and above x, the density
     * and its slope. From the tail table (absolute precision per component, enough while
     * M &gt;= {@link #TABLE_MIN_INSIDE_MASS}), else {@link #evaluateExact}.
     */
    private void evaluate(double x, Eval e) {
        if (exactTails) {
            evaluateExact(x, e);
            return;
        }
        // The table path: the inside mass is at least TABLE_MIN_INSIDE_MASS, so absolute precision
        // per component (plain differences, no cancellation-avoiding branches) keeps every CDF value to 5e-12.
        double lowIn = 0;
        double upIn = 0;
        double dens = 0;
        double slope = 0;
        double[] c = StandardNormal.TAIL_TABLE;
        for (int i = 0; i < n; i++) {
            double iv = inv[i];
            double z = (x - m[i]) * iv;
            // StandardNormal.tableTail and tableDensity (the same operations, so the same bits) sharing
            // one table interval: a single index computation and one set of six coefficient loads.
            double s = Math.min(Math.abs(z) * StandardNormal.TABLE_STEPS_PER_UNIT, StandardNormal.TABLE_INTERVALS);
            int j = (int) s;
            double f = s - j;
            int b = 6 * j;
            double c0 = c[b];
            double c1 = c[b + 1];
            double c2 = c[b + 2];
            double c3 = c[b + 3];
            double c4 = c[b + 4];
            double c5 = c[b + 5];
            double f2 = f * f;
            double t = (c0 + f * c1) + f2 * ((c2 + f * c3) + f2 * (c4 + f * c5));
            double phiZ = -StandardNormal.TABLE_STEPS_PER_UNIT
                    * ((c1 + f * 2 * c2) + f2 * ((3 * c3 + f * 4 * c4) + f2 * 5 * c5));
            // Phi(z) and 1 - Phi(z), the small one straight from the table: in a far tail of every
            // component the mass beyond z keeps its relative precision, so root steps there do not stall.
            boolean above = z > 0;
            double cdfZ = above ? 1.0 - t : t;
            double aboveZ = above ? t : 1.0 - t;
            double wi = w[i];
            lowIn += wi * Math.max(cdfZ - cdfAlpha[i], 0.0);
            upIn += wi * Math.max(aboveZ - aboveBeta[i], 0.0);
            double g = densityFactor[i] * phiZ;
            dens += g;
            slope -= g * z * iv;
        }
        e.x = x;
        e.insideBelow = lowIn;
        e.insideAbove = upIn;
        e.density = dens;
        e.slope = slope;
        e.curvature = Double.NaN;
        e.shiftWeight = Double.NaN;
        e.shiftSum = Double.NaN;
    }

    /**
     * {@link #evaluate} with exact tails (one exp per component gives every term): the masses
     * Phi(z) - Phi(alpha) and Phi(beta) - Phi(z) are formed per component from whichever tails are
     * small, so they keep relative precision even for a component far outside the interval (where
     * both Phi values are near 0 or near 1). For a marginal with little mass inside.
     */
    private void evaluateExact(double x, Eval e) {
        double lowIn = 0;
        double upIn = 0;
        double dens = 0;
        double slope = 0;
        for (int i = 0; i < n; i++) {
            double iv = inv[i];
            double z = (x - m[i]) * iv;
            double u = Math.abs(z);
            double ex = Math.exp(-0.5 * z * z);
            double t = StandardNormal.upperTailAbs(u, ex);
            double phiZ = StandardNormal.INV_SQRT_2PI * ex;
            double lo;
            double up;
            if (z - alpha[i] > 1.0 && beta[i] - z > 1.0) {
                // More than one sd from both bounds (the common case): differences of whichever
                // tails are small keep their digits, exactly the branch intervalMass would take.
                if (z <= 0) {
                    lo = t - tailAlpha[i];
                    up = beta[i] <= 0 ? tailBeta[i] - t : (1.0 - tailBeta[i]) - t;
                } else {
                    up = t - tailBeta[i];
                    lo = alpha[i] >= 0 ? tailAlpha[i] - t : (1.0 - t) - tailAlpha[i];
                }
                lo = Math.max(lo, 0.0);
                up = Math.max(up, 0.0);
            } else {
                // Near a bound in the component's sds: a series where the tails would cancel.
                lo = StandardNormal.intervalMass(alpha[i], z, tailAlpha[i], t, phiAlpha[i], phiZ);
                up = StandardNormal.intervalMass(z, beta[i], t, tailBeta[i], phiZ, phiBeta[i]);
            }
            double wi = w[i];
            lowIn += wi * lo;
            upIn += wi * up;
            double g = w[i] * iv * phiZ;
            dens += g;
            slope -= g * z * iv;
        }
        e.x = x;
        e.insideBelow = lowIn;
        e.insideAbove = upIn;
        e.density = dens;
        e.slope = slope;
        e.curvature = Double.NaN;   // not computed here: the mode search re-evaluates with evaluateDensity
        e.shiftWeight = Double.NaN;
        e.shiftSum = Double.NaN;
    }

    /** Density and its derivatives only (the mode search needs no tails): cheaper than {@link #evaluate}. */
    private void evaluateDensity(double x, Eval e) {
        double dens = 0;
        double slope = 0;
        double curv = 0;
        double sw = 0;
        double swm = 0;
        boolean exact = exactTails;
        for (int i = 0; i < n; i++) {
            double iv = inv[i];
            double z = (x - m[i]) * iv;
            // The table's density (1e-11 relative near the centre, 1e-7 at 8 sds) where the tails come from it too.
            double g = exact ? peak[i] * Math.exp(-0.5 * z * z) : densityFactor[i] * StandardNormal.tableDensity(Math.abs(z));
            double iv2 = iv * iv;
            dens += g;
            slope -= g * z * iv;
            curv += g * (z * z - 1.0) * iv2;
            sw += g * iv2;
            swm += g * iv2 * m[i];
        }
        e.x = x;
        e.density = dens;
        e.slope = slope;
        e.curvature = curv;
        e.shiftWeight = sw;
        e.shiftSum = swm;
    }

    /**
     * Root of the truncated CDF at level p in [lo, hi], starting from the evaluated point {@code at}
     * (any x; on return it holds the last point evaluated).
     *
     * <p>The first step is Newton on the normal score g(x) = Phi^-1(F(x)), which is linear for a
     * Gaussian, so one step from a neighbouring percentile lands close even in the tails. Then
     * Halley steps on h(x) = log of the smaller tail minus its target (log F(x) - log p for
     * p &lt;= 1/2, log(1 - p) - log(1 - F(x)) above): the log-CDF of a Gaussian is concave and nearly
     * linear in the tail, so steps neither stall nor overshoot far, and tail quantiles keep relative
     * precision. Convergence is cubic, so once |h| &lt;= {@link #FINAL_STEP_RESIDUAL} the last step is
     * taken without re-evaluating. A step leaving the bracket falls back to Newton, then to
     * bisection: convergence is guaranteed.
     */
    private double solve(double p, double zTarget, double lo, double hi, Eval at) {
        boolean lowerSide = p <= 0.5;
        double logTarget = Math.log((lowerSide ? p : 1.0 - p) * massInside);
        double scale = Math.max(Math.abs(at.x), hi - lo);
        for (int iter = 0; iter < MAX_ROOT_ITERATIONS; iter++) {
            double x = at.x;
            double tail = lowerSide ? at.insideBelow : at.insideAbove;
            double next;
            if (!(tail > 0 && tail < massInside)) {
                // Rounding left no mass on this side (or all of it): bisect inwards.
                if (lowerSide == !(tail > 0)) {
                    lo = Math.max(lo, x);
                } else {
                    hi = Math.min(hi, x);
                }
                next = 0.5 * (lo + hi);
            } else {
                // h increases with x and vanishes at the root; ratio = h', h2 = h''.
                double ratio = at.density / tail;
                double h = lowerSide ? Math.log(tail) - logTarget : logTarget - Math.log(tail);
                if (Math.abs(h) <= QUANTILE_LEVEL_TOLERANCE && x >= lo && x <= hi) {
                    return x;
                }
                if (h < 0) {
                    lo = Math.max(lo, x);
                } else {
                    hi = Math.min(hi, x);
                }
                if (iter == 0 && Math.abs(h) > FINAL_STEP_RESIDUAL) {
                    next = normalScoreStep(x, tail, lowerSide, at.density, at.slope, zTarget);
                } else {
                    double h2 = lowerSide ? at.slope / tail - ratio * ratio : at.slope / tail + ratio * ratio;
                    double denominator = 2.0 * ratio * ratio - h * h2;
                    next = denominator > 0 ? x - 2.0 * h * ratio / denominator : Double.NaN;
                }
                if (!(next > lo && next < hi)) {
                    next = ratio > 0 ? x - h / ratio : Double.NaN;
                }
                if (!(next > lo && next < hi)) {
                    next = 0.5 * (lo + hi);
                } else if (Math.abs(h) <= FINAL_STEP_RESIDUAL) {
                    return next;
                }
            }
            if (Math.abs(next - x) <= 1e-15 * scale) {
                return next;
            }
            evaluate(next, at);
        }
        return at.x;
    }

    /**
     * Halley step on the normal score g(x) = Phi^-1(F(x)) towards z_p: g' = f_T / phi(g) and
     * g'' = f_T' / phi(g) + g g'^2, where f_T is the truncated density. g is linear for a Gaussian,
     * and its curvature captures skew and flattening, so one step from a neighbouring percentile
     * usually lands close.
     */
    private double normalScoreStep(double x, double tail, boolean lowerSide, double density, double slope, double zTarget) {
        double level = tail / massInside;
        double g = lowerSide ? StandardNormal.quantileForStart(level) : -StandardNormal.quantileForStart(level);
        double phi = Math.abs(g) < 8.0 ? StandardNormal.tableDensity(Math.abs(g)) : StandardNormal.pdf(g);
        double g1 = density / massInside / phi;
        double g2 = slope / massInside / phi + g * g1 * g1;
        double r = g - zTarget;
        double denominator = 2.0 * g1 * g1 - r * g2;
        if (denominator > 0) {
            return x - 2.0 * r * g1 / denominator;
        }
        return g1 > 0 ? x - r / g1 : Double.NaN;
    }

    /**
     * Mode of the truncated density. Candidates: the bounds (a local maximum where the density
     * rises outwards), an ascent from the median, and ascents from the
     * {@link #MODE_PEAK_STARTS} component means (clipped into the interval) where the whole mixture
     * density is highest, skipping those on a hill already climbed. Ranking the candidates needs
     * the density at every significant component mean ({@link #RANK_FRACTION}), O(s^2) terms, so it
     * uses {@link #roughExp} (ranking only); the ascents are exact: Newton steps where the density is concave, fixed-point
     * (mean-shift) steps otherwise, which never decrease a Gaussian mixture's density
     * (Carreira-Perpinan 2000, IEEE TPAMI 22, 1318). The highest maximum wins.
     */
    private double mode(Eval fromMedian) {
        double a = lowerBound;
        double b = upperBound;
        modeCount = 0;
        evaluateDensity(clampInside(fromMedian.x, a, b), work);
        double bestX = ascend(work);
        double bestF = work.density;
        modesFound[modeCount++] = bestX;
        // A bound where the density rises towards the outside is a local maximum of the truncated
        // density; its value and slope come from the cached phi(alpha), phi(beta) (no exp).
        double fa = 0;
        double fa1 = 0;
        double fb = 0;
        double fb1 = 0;
        for (int i = 0; i < n; i++) {
            double wi = w[i] * inv[i];
            fa += wi * phiAlpha[i];
            fa1 -= wi * inv[i] * alpha[i] * phiAlpha[i];
            fb += wi * phiBeta[i];
            fb1 -= wi * inv[i] * beta[i] * phiBeta[i];
        }
        if (fa1 <= 0 && fa > bestF) {
            bestF = fa;
            bestX = a;
        }
        if (fb1 >= 0 && fb > bestF) {
            bestF = fb;
            bestX = b;
        }

        // Ranking uses only the components whose largest density inside the interval is at least
        // RANK_FRACTION / n of the largest such density: the others together add at most RANK_FRACTION
        // of the highest density anywhere inside, so they can neither form the highest mode nor change the
        // ranking beyond the rough exp's own 1e-3. This makes the ranking s^2 instead of n^2 terms, s the
        // number of significant components (a trained network leaves most of its K with negligible weight).
        double ref = 0;
        for (int i = 0; i < n; i++) {
            ref = Math.max(ref, densityInside(i));
        }
        double cut = RANK_FRACTION * ref / n;
        int sig = 0;
        for (int i = 0; i < n; i++) {
            if (densityInside(i) >= cut) {
                significant[sig++] = i;
            }
        }
        int starts = Math.min(MODE_PEAK_STARTS, sig);
        for (int s = 0; s < starts; s++) {
            peakStarts[s] = -1;
        }
        for (int si = 0; si < sig; si++) {
            int i = significant[si];
            double xi = Math.min(b, Math.max(a, m[i]));
            double h = 0;
            for (int sj = 0; sj < sig; sj++) {
                int j = significant[sj];
                double z = (xi - m[j]) * inv[j];
                h += peak[j] * roughExp(-0.5 * z * z);
            }
            for (int s = 0; s < starts; s++) {
                if (peakStarts[s] < 0 || h > peakHeights[s]) {
                    for (int t = starts - 1; t > s; t--) {
                        peakStarts[t] = peakStarts[t - 1];
                        peakHeights[t] = peakHeights[t - 1];
                    }
                    peakStarts[s] = i;
                    peakHeights[s] = h;
                    break;
                }
            }
        }
        for (int s = 0; s < starts; s++) {
            int comp = peakStarts[s];
            double x = Math.min(b, Math.max(a, m[comp]));
            evaluateDensity(x, work);
            if (onClimbedHill(x, work.slope, 1.0 / inv[comp])) {
                continue;
            }
            double xs = ascend(work);
            if (Double.isNaN(xs)) {
                continue; // joined a mode already found
            }
            modesFound[modeCount++] = xs;
            if (work.density > bestF) {
                bestF = work.density;
                bestX = xs;
            }
        }
        return bestX;
    }

    /** Largest density of component i inside the interval: its peak, or its density at the nearer bound when its mean lies outside. */
    private double densityInside(int i) {
        return alpha[i] > 0 ? w[i] * inv[i] * phiAlpha[i] : beta[i] < 0 ? w[i] * inv[i] * phiBeta[i] : peak[i];
    }

    /** 1.5 x 2^52: adding it rounds a double of magnitude below 2^51 to an integer held in the low mantissa bits. */
    private static final double ROUNDING_SHIFT = 0x1.8p52;

    /**
     * exp(x) for x &lt;= 0 to about 1e-3 relative, branch-free (2^x with the integer part from the
     * rounding shift and a cubic Taylor polynomial of 2^f on [-1/2, 1/2]): only for ranking mode
     * candidates, never for a reported number.
     */
    static double roughExp(double x) {
        double t = Math.max(x, -700.0) * 1.4426950408889634; // log2(e)
        double shifted = t + ROUNDING_SHIFT;
        long k = Double.doubleToRawLongBits(shifted);        // low bits: round(t), two's complement
        double f = t - (shifted - ROUNDING_SHIFT);
        double p = 1.0 + f * (0.6931471805599453 + f * (0.2402265069591007 + f * 0.0555041086648216));
        return p * Double.longBitsToDouble((k + 1023L) << 52);
    }

    /**
     * Whether an ascent from x would climb a hill already climbed: a mode found lies within
     * {@link #MODE_SAME_HILL_SDS} component sds of x, in the direction the density rises.
     */
    private boolean onClimbedHill(double x, double slope, double sd) {
        for (int t = 0; t < modeCount; t++) {
            double toMode = modesFound[t] - x;
            if (Math.abs(toMode) <= MODE_MERGE_DISTANCE * minSd) {
                return true;
            }
            if (Math.abs(toMode) <= MODE_SAME_HILL_SDS * sd && toMode * slope > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Climbs from the evaluated point {@code e} (left holding the final point's density); returns
     * the maximum, or NaN when the climb joins a mode already in {@link #modesFound}.
     */
    private double ascend(Eval e) {
        double a = lowerBound;
        double b = upperBound;
        double tol = MODE_TOLERANCE * minSd;
        for (int iter = 0; iter < MAX_MODE_ITERATIONS; iter++) {
            double x = e.x;
            double fx = e.density;
            double meanShift = e.shiftWeight > 0 ? Math.min(b, Math.max(a, e.shiftSum / e.shiftWeight)) : x;
            boolean newton = e.curvature < 0;
            double next = newton ? Math.min(b, Math.max(a, x - e.slope / e.curvature)) : meanShift;
            double step = Math.abs(next - x);
            if (step <= tol) {
                return x;
            }
            if (newton && step <= MODE_FINAL_STEP * minSd && next > a && next < b) {
                // Inside a concave basin Newton converges quadratically: this step is final.
                e.density += 0.5 * e.slope * (next - x);
                e.x = next;
                return next;
            }
            evaluateDensity(next, e);
            if (e.density < fx && newton) {
                // Newton overshot: take the mean-shift step from x instead.
                evaluateDensity(meanShift, e);
            }
            if (e.density < fx) {
                evaluateDensity(x, e); // no ascent left: x is the maximum at this precision
                return x;
            }
            if (e.curvature < 0) {
                for (int t = 0; t < modeCount; t++) {
                    if (Math.abs(e.x - modesFound[t]) <= MODE_MERGE_DISTANCE * minSd) {
                        return Double.NaN;
                    }
                }
            }
        }
        return e.x;
    }
}
