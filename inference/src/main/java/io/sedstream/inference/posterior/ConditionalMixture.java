package io.sedstream.inference.posterior;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.bundle.ParameterTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * The posterior of the other parameters when one parameter's value is known (a spectroscopic
 * redshift): the network's joint Gaussian mixture conditioned exactly on it, handed back as a
 * {@link MixturePosterior} of the remaining D - 1 parameters, so its summaries, CDFs and samples
 * are the same exact code as the unconditioned posterior's.
 *
 * <p>In the network's standardised variables s (s = (y - mean) / std, y = x or logit of x's place in
 * its box, as the manifest's transform says), component k with mean mu and precision U^T U gives,
 * for the known coordinate j at value s_j:
 * <ul>
 *   <li>conditional mean mu_r + Sigma_rj / Sigma_jj (s_j - mu_j), with Sigma e_j = U^-1 U^-T e_j
 *       (two triangular solves);</li>
 *   <li>conditional precision (U^T U)_rr, the rows and columns of the other parameters (a
 *       Gaussian's conditional precision is the precision's sub-block); its upper Cholesky factor is
 *       what {@link MixtureLayout} stores;</li>
 *   <li>weight proportional to w_k N(s_j; mu_j, Sigma_jj): the component's marginal density at the
 *       known value (Bayes' rule on the component label). The Jacobian of y and of the
 *       standardisation is the same for every component and cancels.</li>
 * </ul>
 * Every member's components become components of one mixture (member weight x softmax weight).
 * The conditioned mixture is passed to {@link MixturePosterior} through its float32 network-output
 * layout, so its parameters carry float32 rounding (relative 6e-8), the precision the network's own
 * outputs have.
 *
 * <p>A reusable workspace, NOT thread-safe (one per thread, like {@link MixturePosterior}).
 */
public final class ConditionalMixture implements ConditionalPosterior {
    /** Log-weights below the best component's by more than this are stored as this (their weight is 0 in double). */
    private static final double LOG_WEIGHT_FLOOR = -1e4;

    private final MixtureLayout layout;
    private final int members;
    private final int k;
    private final int d;
    private final int known;
    private final ParameterSpec knownSpec;
    private final List<ParameterSpec> remaining;
    private final MixtureLayout conditionedLayout;
    private final MixturePosterior conditioned;
    private final float[][] memberRows;
    private final double[] memberWeight;
    private final boolean[] memberSet;
    private final float[] out;
    private final double[] logWeight;
    // Per-component scratch.
    private final double[] u;
    private final double[] v;
    private final double[] w;
    private final double[] precision;

    /**
     * @param layout     the network output layout (K components, D parameters)
     * @param members    ensemble members
     * @param parameters the D parameter specs (bounds, standardisation, transform)
     * @param knownDim   the parameter whose value will be given
     */
    public ConditionalMixture(MixtureLayout layout, int members, List<ParameterSpec> parameters, int knownDim) {
        if (parameters.size() != layout.dimensions()) {
            throw new IllegalArgumentException("layout has " + layout.dimensions() + " dimensions but " + parameters.size() + " parameters are given");
        }
        if (layout.dimensions() < 2) {
            throw new IllegalArgumentException("conditioning needs at least two parameters, the layout has " + layout.dimensions());
        }
        if (knownDim < 0 || knownDim >= layout.dimensions()) {
            throw new IndexOutOfBoundsException("parameter " + knownDim + " outside [0, " + layout.dimensions() + ")");
        }
        if (members < 1) {
            throw new IllegalArgumentException("need at least one member, got " + members);
        }
        this.layout = layout;
        this.members = members;
        this.k = layout.components();
        this.d = layout.dimensions();
        this.known = knownDim;
        this.knownSpec = parameters.get(knownDim);
        List<ParameterSpec> rest = new ArrayList<>(d - 1);
        for (int i = 0; i < d; i++) {
            if (i != knownDim) {
                rest.add(parameters.get(i));
            }
        }
        this.remaining = List.copyOf(rest);
        this.conditionedLayout = new MixtureLayout(members * k, d - 1);
        this.conditioned = new MixturePosterior(conditionedLayout, 1, remaining);
        this.memberRows = new float[members][layout.width()];
        this.memberWeight = new double[members];
        this.memberSet = new boolean[members];
        this.out = new float[conditionedLayout.width()];
        this.logWeight = new double[members * k];
        this.u = new double[d * d];
        this.v = new double[d];
        this.w = new double[d];
        this.precision = new double[(d - 1) * (d - 1)];
    }

    /** A workspace for a bundle's manifest, conditioning on the parameter called {@code name}. */
    public static ConditionalMixture forManifest(Manifest manifest, String name) {
        int dim = manifest.parameterNames().indexOf(name);
        if (dim < 0) {
            throw new IllegalArgumentException("model " + manifest.label() + " has no parameter named " + name);
        }
        return new ConditionalMixture(manifest.mixtureLayout(), manifest.members().size(), manifest.parameters(), dim);
    }

    /** Index of the known parameter among the D. */
    @Override
    public int knownDimension() {
        return known;
    }

    /** The D - 1 remaining parameters, in the bundle's order without the known one. */
    public List<ParameterSpec> remainingParameters() {
        return remaining;
    }

    /** Copies member {@code member}'s network output row {@code mdn[offset .. offset + width)} with its ensemble weight. */
    @Override
    public void setMember(int member, double weight, float[] mdn, int offset) {
        if (member < 0 || member >= members) {
            throw new IndexOutOfBoundsException("member " + member + " outside [0, " + members + ")");
        }
        if (mdn.length < offset + layout.width()) {
            throw new IllegalArgumentException("mixture output row needs " + layout.width() + " floats from offset " + offset
                    + ", array has " + mdn.length);
        }
        System.arraycopy(mdn, offset, memberRows[member], 0, layout.width());
        memberWeight[member] = weight;
        memberSet[member] = true;
    }

    /**
     * The posterior of the other parameters given the known one at {@code valuePhysical} (a live
     * view of this workspace, valid until the next call).
     *
     * @throws IllegalArgumentException when the value is not finite or lies outside the known parameter's prior interval
     * @throws IllegalStateException    when a member was not set or its output is not finite
     */
    @Override
    public MixturePosterior condition(double valuePhysical) {
        if (!Double.isFinite(valuePhysical) || valuePhysical < knownSpec.lower() || valuePhysical > knownSpec.upper()) {
            throw new IllegalArgumentException(knownSpec.name() + " = " + valuePhysical + " is outside the model's prior interval ["
                    + knownSpec.lower() + ", " + knownSpec.upper() + "]: the posterior cannot be conditioned on it");
        }
        for (int m = 0; m < members; m++) {
            if (!memberSet[m]) {
                throw new IllegalStateException("member " + m + " has not been set");
            }
        }
        ParameterTransform t = knownSpec.transform();
        double sKnown = (t.toNetwork(valuePhysical, knownSpec.lower(), knownSpec.upper()) - knownSpec.mean()) / knownSpec.std();
        double best = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < members; m++) {
            float[] row = memberRows[m];
            double maxLogit = Double.NEGATIVE_INFINITY;
            for (int kk = 0; kk < k; kk++) {
                maxLogit = Math.max(maxLogit, row[layout.logitOffset(kk)]);
            }
            double norm = 0;
            for (int kk = 0; kk < k; kk++) {
                norm += Math.exp(row[layout.logitOffset(kk)] - maxLogit);
            }
            double logMemberWeight = memberWeight[m] > 0 ? Math.log(memberWeight[m]) : Double.NEGATIVE_INFINITY;
            for (int kk = 0; kk < k; kk++) {
                int comp = m * k + kk;
                double lw = logMemberWeight + row[layout.logitOffset(kk)] - maxLogit - Math.log(norm)
                        + conditionComponent(row, kk, sKnown, comp);
                logWeight[comp] = lw;
                best = Math.max(best, lw);
            }
        }
        if (!Double.isFinite(best)) {
            throw new IllegalStateException("no component of the mixture has a finite density at " + knownSpec.name() + " = " + valuePhysical);
        }
        for (int comp = 0; comp < members * k; comp++) {
            out[conditionedLayout.logitOffset(comp)] = (float) Math.max(LOG_WEIGHT_FLOOR, logWeight[comp] - best);
        }
        conditioned.set(out, 0);
        return conditioned;
    }

    /**
     * Writes component {@code kk}'s conditional mean and precision factor into {@link #out} as
     * component {@code comp}, and returns the log of its marginal density at the known value.
     */
    private double conditionComponent(float[] row, int kk, double sKnown, int comp) {
        // U: upper-triangular precision Cholesky factor, diagonal exp(log diag).
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                u[i * d + j] = j < i ? 0.0 : j == i ? Math.exp(row[layout.logDiagonalOffset(kk, i)]) : row[layout.upperOffset(kk, i, j)];
            }
        }
        // v = U^-T e_j (forward substitution, U^T lower triangular), then w = U^-1 v = Sigma e_j (back substitution).
        for (int i = 0; i < d; i++) {
            double s = i == known ? 1.0 : 0.0;
            for (int m = 0; m < i; m++) {
                s -= u[m * d + i] * v[m];
            }
            v[i] = s / u[i * d + i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double s = v[i];
            for (int m = i + 1; m < d; m++) {
                s -= u[i * d + m] * w[m];
            }
            w[i] = s / u[i * d + i];
        }
        double varKnown = w[known];
        double muKnown = row[layout.meanOffset(kk, known)];
        double dz = sKnown - muKnown;
        double shift = dz / varKnown;
        // Conditional mean, and the precision's sub-block (U^T U)_rr over the other parameters.
        int dr = d - 1;
        for (int a = 0, ia = 0; a < d; a++) {
            if (a == known) {
                continue;
            }
            out[conditionedLayout.meanOffset(comp, ia)] = (float) (row[layout.meanOffset(kk, a)] + w[a] * shift);
            for (int b = a, ib = ia; b < d; b++) {
                if (b == known) {
                    continue;
                }
                double s = 0;
                for (int i = 0; i <= a; i++) {
                    s += u[i * d + a] * u[i * d + b];
                }
                precision[ia * dr + ib] = s;
                precision[ib * dr + ia] = s;
                ib++;
            }
            ia++;
        }
        // Upper Cholesky R (R^T R = precision), row by row.
        for (int i = 0; i < dr; i++) {
            double diag = precision[i * dr + i];
            for (int m = 0; m < i; m++) {
                double r = precision[m * dr + i];
                diag -= r * r;
            }
            if (!(diag > 0)) {
                throw new IllegalStateException("conditional precision of component " + comp + " is not positive definite");
            }
            double rii = Math.sqrt(diag);
            precision[i * dr + i] = rii;
            out[conditionedLayout.logDiagonalOffset(comp, i)] = (float) Math.log(rii);
            for (int j = i + 1; j < dr; j++) {
                double s = precision[i * dr + j];
                for (int m = 0; m < i; m++) {
                    s -= precision[m * dr + i] * precision[m * dr + j];
                }
                double rij = s / rii;
                precision[i * dr + j] = rij;
                out[conditionedLayout.upperOffset(comp, i, j)] = (float) rij;
            }
        }
        return -0.5 * Math.log(2.0 * Math.PI * varKnown) - 0.5 * dz * dz / varKnown;
    }
}
