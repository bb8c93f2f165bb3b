package io.sedstream.inference.posterior;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.bundle.ParameterTransform;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The posterior of one object: a full-covariance Gaussian mixture in the network's variables y
 * (y = x, the physical value, for identity parameters; y = logit of x's place in its prior box for
 * {@link ParameterTransform#LOGIT} parameters), built from the mixture-density outputs
 * ({@link MixtureLayout}) of one or more ensemble members; every method takes and returns physical x.
 * An ensemble is a mixture of mixtures: component k of member m has weight
 * w_m * softmax(logits_m)_k.
 *
 * <p>Marginal summaries are exact: the marginal of a Gaussian mixture is the 1-D mixture of the
 * components' marginals, component k's marginal variance being (U_k^-1 U_k^-T)_dd in standardised
 * units, scaled by the parameter's std. Each marginal is TRUNCATED to its own prior interval
 * [lower_d, upper_d] and summarised exactly by {@link TruncatedMarginal} (analytic moments,
 * percentiles by safeguarded Halley root finding on the CDF, mode by ascent). Note that truncating each marginal to its own
 * interval is not the same as marginalising the joint truncated to the whole box (that needs
 * box probabilities of a 12-D Gaussian); samples, in contrast, come from the box-truncated joint by
 * rejection, and their acceptance rate estimates the joint mass inside the box. A logit parameter's
 * y runs over the whole real line, so nothing of its mass is cut off: {@link LogitMarginal}
 * summarises it in x (percentiles mapped back exactly, moments by quadrature, the mode of the
 * density in x), and its samples are mapped back.
 *
 * <p>A mutable, reusable workspace (no allocation per object in the summary path): NOT
 * thread-safe; use one per thread.
 */
public final class MixturePosterior implements Posterior {
    private static final double LOG_2PI = Math.log(2.0 * Math.PI);
    /**
     * The interval a logit parameter's y-marginal is summarised on: effectively the real line
     * (training targets stop at |y| = 16.1, {@link ParameterTransform#LOGIT_EDGE_FRACTION}).
     */
    static final double LOGIT_NETWORK_BOUND = 40.0;
    /** Component sds are kept in [1e-150, 1e150] (network units): finite, with finite inverses and squares. */
    private static final double MIN_COMPONENT_SD = 1e-150;
    private static final double MAX_COMPONENT_SD = 1e150;
    /** A component with a non-representable covariance may be dropped only when its weight is below this. */
    private static final double DEGENERATE_WEIGHT_TOLERANCE = 1e-12;
    /**
     * A component at most this heavy is loaded without its covariance inverse (the d^3/6 part of
     * {@link #setMember}): each marginal then first asks {@link TruncatedMarginal#skipIfNegligible}
     * whether it would be pruned anyway, from the bound 1/sd_d &lt;= U_dd / std_d (sd_d^2 =
     * sum_j (U^-1)_dj^2 &gt;= (U^-1)_dd^2 = U_dd^-2), and inverts it only when not. A trained network
     * leaves several of its K components this light (6 of the shipped model's 20, at 1e-15 to 1e-24).
     * Below {@link #DEGENERATE_WEIGHT_TOLERANCE}, so a deferred component can never refuse the
     * posterior; and small enough that the mass it may leave out of a marginal's mass outside is
     * negligible (at most c x 1e-14).
     */
    static final double DEFERRED_WEIGHT = 1e-14;

    private static final int FLOAT_EXPONENT_MASK = 0x7f800000;

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
    private final ParameterTransform[] transform;
    // The interval each y is truncated to: the physical box for identity parameters, (-40, 40) for logit ones.
    private final double[] networkLower;
    private final double[] networkUpper;
    private final double logStdSum;

    // Per component (index member*K + k).
    private final double[] weight;
    private final double[] muStd;      // [C][D] standardised means
    private final double[] u;          // [C][D][D] upper-triangular precision Cholesky factor
    private final double[] uInv;       // [C][D][D] its inverse (upper triangular): theta = mu + uInv z
    private final double[] logDetU;    // sum of log diag(U)
    private final boolean[] memberSet;
    // Components loaded without their inverse (weight <= DEFERRED_WEIGHT), until invertDeferred.
    private final boolean[] deferred;
    private int deferredCount;

    // Per dimension, per component: physical marginal means and 1/sd (index dim*C + comp).
    private final double[] margMean;
    private final double[] margInvSd;

    private final double[] scratchDiff;
    private final double[] scratchR;
    private final double[] scratchStandardised; // logDensity's standardised network variables
    private final double[] logTerms;
    private final double[] diagInverse;
    // The shared 1-D workspace and its output {mean, std, p2.5, p16, median, p84, p97.5, mode}.
    private final TruncatedMarginal marginal;
    private final LogitMarginal logitMarginal;
    private final double[] summary = new double[8];

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
        this.transform = new ParameterTransform[d];
        this.networkLower = new double[d];
        this.networkUpper = new double[d];
        double logStd = 0;
        for (int i = 0; i < d; i++) {
            ParameterSpec p = parameters.get(i);
            names[i] = p.name();
            units[i] = p.unit();
            paramMean[i] = p.mean();
            paramStd[i] = p.std();
            lower[i] = p.lower();
            upper[i] = p.upper();
            transform[i] = p.transform();
            boolean logit = p.transform() == ParameterTransform.LOGIT;
            networkLower[i] = logit ? -LOGIT_NETWORK_BOUND : p.lower();
            networkUpper[i] = logit ? LOGIT_NETWORK_BOUND : p.upper();
            logStd += Math.log(p.std());
        }
        this.logStdSum = logStd;
        weight = new double[c];
        muStd = new double[c * d];
        u = new double[c * d * d];
        uInv = new double[c * d * d];
        logDetU = new double[c];
        memberSet = new boolean[members];
        deferred = new boolean[c];
        margMean = new double[d * c];
        margInvSd = new double[d * c];
        scratchDiff = new double[d];
        scratchR = new double[d];
        scratchStandardised = new double[d];
        logTerms = new double[c];
        diagInverse = new double[d];
        marginal = new TruncatedMarginal(c);
        logitMarginal = new LogitMarginal(c);
    }

    /** A workspace shaped for a bundle's manifest. */
    public static MixturePosterior forManifest(Manifest manifest) {
        return new MixturePosterior(manifest.mixtureLayout(), manifest.members().size(), manifest.parameters());
    }

    public MixtureLayout layout() {
        return layout;
    }

    @Override
    public int dimensions() {
        return d;
    }

    /** Total number of components over all members. */
    public int componentCount() {
        return c;
    }

    /** Weight of component {@code comp} (member * K + k); the weights sum to 1 once every member is set. */
    public double componentWeight(int comp) {
        invertDeferred(comp);
        return weight[comp];
    }

    /** Mean of component {@code comp}'s marginal in dimension {@code dim}, in the network's variable y (physical for identity parameters). */
    public double componentMarginalMean(int comp, int dim) {
        invertDeferred(comp);
        return margMean[dim * c + comp];
    }

    /** Standard deviation of component {@code comp}'s marginal in dimension {@code dim}, in y (physical for identity parameters). */
    public double componentMarginalStd(int comp, int dim) {
        invertDeferred(comp);
        return 1.0 / margInvSd[dim * c + comp];
    }

    /**
     * Loads member {@code member}'s network output row {@code mdn[offset .. offset + width)} with
     * ensemble weight {@code memberWeight}.
     *
     * @throws IllegalStateException when the row holds a non-finite value (a broken model)
     */
    @Override
    public void setMember(int member, double memberWeight, float[] mdn, int offset) {
        if (member < 0 || member >= members) {
            throw new IndexOutOfBoundsException("member " + member + " outside [0, " + members + ")");
        }
        memberSet[member] = false;
        for (int comp = member * k; comp < (member + 1) * k; comp++) {
            if (deferred[comp]) {
                deferred[comp] = false;
                deferredCount--;
            }
        }
        int width = layout.width();
        if (mdn.length < offset + width) {
            throw new IllegalArgumentException("mixture output row needs " + width + " floats from offset " + offset + ", array has " + mdn.length);
        }
        // The largest exponent field over the row (an int max reduction, which the JIT vectorises):
        // all ones only where some value is infinite or NaN; then the slow loop names it.
        int maxExponentBits = 0;
        for (int i = 0; i < width; i++) {
            maxExponentBits = Math.max(maxExponentBits, Float.floatToRawIntBits(mdn[offset + i]) & FLOAT_EXPONENT_MASK);
        }
        for (int i = 0; maxExponentBits == FLOAT_EXPONENT_MASK && i < width; i++) {
            if (!Float.isFinite(mdn[offset + i])) {
                throw new IllegalStateException("member " + member + " produced a non-finite mixture output at index " + i + ": " + mdn[offset + i]);
            }
        }
        double maxLogit = Double.NEGATIVE_INFINITY;
        for (int kk = 0; kk < k; kk++) {
            maxLogit = Math.max(maxLogit, mdn[offset + kk]);
        }
        double norm = 0;
        for (int kk = 0; kk < k; kk++) {
            double e = Math.exp(mdn[offset + kk] - maxLogit);
            weight[member * k + kk] = e;
            norm += e;
        }
        double scale = memberWeight / norm;
        int dd = d * d;
        for (int kk = 0; kk < k; kk++) {
            int comp = member * k + kk;
            weight[comp] *= scale;
            int ub = comp * dd;
            int meanBase = offset + layout.meanOffset(kk, 0);
            int diagBase = offset + layout.logDiagonalOffset(kk, 0);
            int triBase = offset + layout.upperBlockOffset(kk);
            double logDet = 0;
            int t = 0;
            for (int i = 0; i < d; i++) {
                muStd[comp * d + i] = mdn[meanBase + i];
                double logDiag = mdn[diagBase + i];
                logDet += logDiag;
                int row = ub + i * d;
                // The lower triangle of u is never written: it stays 0 from construction.
                double diag = Math.exp(logDiag);
                u[row + i] = diag;
                for (int j = i + 1; j < d; j++) {
                    u[row + j] = mdn[triBase + t++];
                }
            }
            logDetU[comp] = logDet;
            if (weight[comp] <= DEFERRED_WEIGHT) {
                deferred[comp] = true;
                deferredCount++;
                for (int i = 0; i < d; i++) {
                    margMean[i * c + comp] = paramMean[i] + paramStd[i] * muStd[comp * d + i];
                }
                continue;
            }
            invertComponent(member, kk, comp, mdn, offset);
        }
        memberSet[member] = true;
    }

    /** The inverse of component comp's factor U (whose rows are loaded) and its marginal sds. */
    private void invertComponent(int member, int kk, int comp, float[] mdn, int offset) {
        int ub = comp * d * d;
        for (int i = 0; i < d; i++) {
            diagInverse[i] = 1.0 / u[ub + i * d + i];
        }
        invertUpper(ub);
        boolean degenerate = false;
        for (int i = 0; i < d; i++) {
            int row = ub + i * d;
            double var = 0;
            for (int j = i; j < d; j++) {
                double x = uInv[row + j];
                var += x * x;
            }
            if (!(var > 0 && var < Double.POSITIVE_INFINITY)) {
                degenerate = true;
            }
            margMean[i * c + comp] = paramMean[i] + paramStd[i] * muStd[comp * d + i];
            // A network far outside its training domain can emit a diagonal whose inverse
            // under- or overflows: keep every sd finite and positive so no 0 * inf reaches the summaries.
            double sd = paramStd[i] * Math.sqrt(var);
            margInvSd[i * c + comp] = 1.0 / Math.min(MAX_COMPONENT_SD, Math.max(MIN_COMPONENT_SD, sd));
        }
        if (degenerate) {
            dropDegenerateComponent(member, kk, comp, mdn, offset);
        }
    }

    /** Inverts deferred component comp now (a caller needs more than its marginal bounds). */
    private void invertDeferred(int comp) {
        if (deferred[comp]) {
            deferred[comp] = false;
            deferredCount--;
            // Never degenerate-refused (weight <= DEFERRED_WEIGHT < DEGENERATE_WEIGHT_TOLERANCE), so no row is needed.
            invertComponent(comp / k, comp % k, comp, null, 0);
        }
    }

    private void invertAllDeferred() {
        for (int comp = 0; deferredCount > 0 && comp < c; comp++) {
            invertDeferred(comp);
        }
    }

    /**
     * A component whose covariance is not representable in double precision (log-diagonals of
     * hundreds: the network extrapolating far outside its training inputs) has no usable marginal.
     * With a negligible weight it is left out (weight 0: it cannot move any summary beyond the
     * pruning bounds of {@link TruncatedMarginal}); with a real weight the whole posterior is
     * refused, since any summary of it would be an artefact.
     */
    private void dropDegenerateComponent(int member, int kk, int comp, float[] mdn, int offset) {
        if (weight[comp] > DEGENERATE_WEIGHT_TOLERANCE) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < d; i++) {
                double v = mdn[offset + layout.logDiagonalOffset(kk, i)];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            throw new DegeneratePosteriorException(String.format(java.util.Locale.ROOT,
                    "member %d component %d (weight %.3g) has a covariance outside double range (log-diagonal %.1f to %.1f): "
                            + "the network is extrapolating far outside its training inputs", member, kk, weight[comp], lo, hi));
        }
        weight[comp] = 0.0;
        for (int i = 0; i < d; i++) {
            margMean[i * c + comp] = paramMean[i];
            margInvSd[i * c + comp] = 1.0 / paramStd[i];
        }
    }

    /** Loads a single-member posterior (weight 1). */
    public void set(float[] mdn, int offset) {
        if (members != 1) {
            throw new IllegalStateException("this posterior has " + members + " members: use setMember");
        }
        setMember(0, 1.0, mdn, offset);
    }

    // X = U^-1, row by row from X U = I: row i of X solves x U = e_i, eliminating with whole rows
    // of U (contiguous axpy loops). Rows of X are what the marginal variances need
    // (Sigma_dd = sum_j X_dj^2).
    private void invertUpper(int base) {
        double[] r = scratchR;
        for (int i = 0; i < d; i++) {
            int row = base + i * d;
            // Only the upper triangles of r's use and of uInv are ever written; their lower parts stay 0.
            for (int j = i; j < d; j++) {
                r[j] = 0.0;
            }
            r[i] = 1.0;
            for (int m = i; m < d; m++) {
                double x = r[m] * diagInverse[m];
                uInv[row + m] = x;
                int um = base + m * d;
                for (int j = m + 1; j < d; j++) {
                    r[j] -= x * u[um + j];
                }
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
     * Log density in x of the (untruncated) mixture at a parameter vector in physical units,
     * including the Jacobians of the standardisation and of each transform (-infinity outside a
     * logit parameter's box). Inside the prior box the box-truncated density differs from it only by
     * the constant -log(mass inside the box).
     */
    @Override
    public double logDensity(double[] thetaPhysical) {
        checkReady();
        invertAllDeferred();
        if (thetaPhysical.length != d) {
            throw new IllegalArgumentException("parameter vector has " + thetaPhysical.length + " values, posterior has " + d);
        }
        double logJacobian = 0;
        for (int i = 0; i < d; i++) {
            logJacobian += transform[i].logJacobian(thetaPhysical[i], lower[i], upper[i]);
            scratchStandardised[i] = (transform[i].toNetwork(thetaPhysical[i], lower[i], upper[i]) - paramMean[i]) / paramStd[i];
        }
        if (logJacobian == Double.NEGATIVE_INFINITY) {
            return logJacobian;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int comp = 0; comp < c; comp++) {
            for (int i = 0; i < d; i++) {
                scratchDiff[i] = scratchStandardised[i] - muStd[comp * d + i];
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
        return max + Math.log(s) - logStdSum + logJacobian;
    }

    /** CDF of parameter {@code dim}'s marginal, truncated to its prior interval, at {@code x} (physical units). */
    @Override
    public double marginalCdf(int dim, double x) {
        if (transform[dim] == ParameterTransform.IDENTITY) {
            return marginal(dim).cdf(x);
        }
        if (x <= lower[dim]) {
            return 0.0;
        }
        if (x >= upper[dim]) {
            return 1.0;
        }
        return marginal(dim).cdf(transform[dim].toNetwork(x, lower[dim], upper[dim]));
    }

    /** Marginal mass of parameter {@code dim} outside its prior interval (before truncation). */
    @Override
    public double marginalMassOutside(int dim) {
        return marginal(dim).massOutside();
    }

    /** Quantile of parameter {@code dim}'s truncated marginal at level p in (0, 1). */
    @Override
    public double marginalQuantile(int dim, double p) {
        return transform[dim].toPhysical(marginal(dim).quantile(p), lower[dim], upper[dim]);
    }

    /** Exact summary of parameter {@code dim}'s marginal, truncated to its prior interval. */
    @Override
    public ParameterSummary summarise(int dim) {
        TruncatedMarginal t = marginal(dim);
        if (transform[dim] == ParameterTransform.LOGIT) {
            logitMarginal.summarise(t, lower[dim], upper[dim], summary);
        } else {
            t.summarise(summary);
        }
        return new ParameterSummary(names[dim], units[dim], summary[0], summary[1], summary[4], summary[2], summary[3],
                summary[5], summary[6], summary[7], t.massOutside());
    }

    /** Parameter {@code dim}'s marginal in y, loaded into the shared workspace (valid until the next call). */
    private TruncatedMarginal marginal(int dim) {
        checkReady();
        if (dim < 0 || dim >= d) {
            throw new IndexOutOfBoundsException("parameter " + dim + " outside [0, " + d + ")");
        }
        marginal.reset(networkLower[dim], networkUpper[dim]);
        int base = dim * c;
        for (int comp = 0; comp < c; comp++) {
            if (!deferred[comp]) {
                marginal.add(weight[comp], margMean[base + comp], margInvSd[base + comp]);
            }
        }
        if (deferredCount > 0) {
            for (int comp = 0; comp < c; comp++) {
                if (!deferred[comp]) {
                    continue;
                }
                // 1/sd_d <= U_dd / std_d (see DEFERRED_WEIGHT), clamped as invertComponent clamps the sd.
                double sdLowerBound = paramStd[dim] / u[comp * d * d + dim * d + dim];
                double maxInverseSd = 1.0 / Math.min(MAX_COMPONENT_SD, Math.max(MIN_COMPONENT_SD, sdLowerBound));
                if (!marginal.skipIfNegligible(weight[comp], maxInverseSd, c)) {
                    invertDeferred(comp);
                    marginal.add(weight[comp], margMean[base + comp], margInvSd[base + comp]);
                }
            }
        }
        // Leaves out the components that cannot move any summary beyond its tolerance (bounds in TruncatedMarginal).
        marginal.finish();
        return marginal;
    }

    /**
     * Draws up to {@code count} samples from the mixture truncated to the prior box, by rejection,
     * into {@code out} (row-major [count][D], physical units). Stops after
     * {@code maxAttempts} draws.
     *
     * @return the number of accepted samples written; the acceptance rate is
     *         accepted / attempts, see {@link #lastAttempts()}
     */
    @Override
    public int sample(int count, RandomGenerator random, double[] out, long maxAttempts) {
        checkReady();
        invertAllDeferred();
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
                double y = paramMean[i] + paramStd[i] * s;
                if (y < networkLower[i] || y > networkUpper[i]) {
                    inBox = false;
                } else {
                    out[base + i] = transform[i].toPhysical(y, lower[i], upper[i]);
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
    @Override
    public long lastAttempts() {
        return lastAttempts;
    }

    /** Parameter names in order. */
    @Override
    public List<String> parameterNames() {
        return List.of(names);
    }
}
