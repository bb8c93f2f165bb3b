package io.sedstream.trainer.validate;

import ai.onnxruntime.OrtException;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.posterior.ConditionalMixture;
import io.sedstream.inference.posterior.MixturePosterior;
import io.sedstream.trainer.train.TrainingTable;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a model bundle over a held-out library through the serving path (inference FeatureEncoder,
 * ONNX Runtime members, MixturePosterior) under each masking scenario, and collects per-object
 * medians, credibility levels of the truth, SBC ranks, TARP fractions and log-densities.
 * A redshift-input bundle (manifest {@code features.redshiftInput}) gets each galaxy's true redshift
 * as its input, and the results cover the bundle's parameters only (redshift is not inferred).
 */
public final class Validator {

    /** Objects are encoded and sent through ONNX Runtime in batches of this many. */
    private static final int BATCH = 512;
    /** The parameter a spectroscopic redshift fixes. */
    static final String REDSHIFT = io.sedstream.inference.Estimator.REDSHIFT_PARAMETER;

    private final Consumer<String> progress;
    private final boolean conditionOnTrueRedshift;

    public Validator(Consumer<String> progress) {
        this(progress, false);
    }

    /**
     * @param conditionOnTrueRedshift give each galaxy's true redshift as a spectroscopic one: the
     *                                other parameters' posterior is the joint conditioned on it
     *                                ({@link ConditionalMixture}, what the stream does with a specZ);
     *                                redshift itself is then reported at its truth (median = truth)
     */
    public Validator(Consumer<String> progress, boolean conditionOnTrueRedshift) {
        this.progress = progress;
        this.conditionOnTrueRedshift = conditionOnTrueRedshift;
    }

    /**
     * Per-scenario object results, with the S/N of {@code snrBand} for the selection: only the
     * scenarios {@link MaskScenario#applicable} to the held-out bands are run (and keyed).
     */
    public Map<MaskScenario, ObjectResults> run(ModelBundle bundle, TrainingTable heldout, MaskBands bands, long seed, String snrBand)
            throws OrtException {
        Manifest manifest = bundle.manifest();
        checkCompatible(manifest, heldout);
        if (conditionOnTrueRedshift) {
            requireInferredRedshift(manifest);
        }
        Map<MaskScenario, ObjectResults> results = new EnumMap<>(MaskScenario.class);
        for (MaskScenario scenario : MaskScenario.values()) {
            Optional<String> skipped = scenario.notApplicable(heldout.bandNames());
            if (skipped.isPresent()) {
                progress.accept("skipped " + scenario.label() + ": " + skipped.get());
                continue;
            }
            long start = System.nanoTime();
            results.put(scenario, runScenario(bundle, heldout, bands, scenario, seed, snrBand));
            progress.accept(String.format(java.util.Locale.ROOT, "validated %s: %,d objects in %.1f s",
                    scenario.label(bands), heldout.rows(), (System.nanoTime() - start) / 1e9));
        }
        return results;
    }

    private static void checkCompatible(Manifest manifest, TrainingTable heldout) {
        List<String> bands = manifest.bands().stream().map(b -> b.name()).toList();
        if (!bands.equals(heldout.bandNames())) {
            throw new IllegalArgumentException("held-out library bands " + heldout.bandNames() + " differ from the model's " + bands);
        }
        List<String> params = manifest.parameters().stream().map(ParameterSpec::name).toList();
        List<String> expected = manifest.features().redshiftInput()
                ? heldout.parameterNames().stream().filter(p -> !p.equals(REDSHIFT)).toList() : heldout.parameterNames();
        if (manifest.features().redshiftInput() && !heldout.parameterNames().contains(REDSHIFT)) {
            throw new IllegalArgumentException("the model takes redshift as an input but the held-out library has no true redshift");
        }
        if (!params.equals(expected)) {
            throw new IllegalArgumentException("held-out library parameters " + heldout.parameterNames() + " differ from the model's "
                    + params + (manifest.features().redshiftInput() ? " (+ redshift, an input)" : ""));
        }
    }

    /**
     * Refuses to condition a redshift-input bundle on the true redshift: its posterior is already at the
     * given redshift, there is no inferred redshift to condition on.
     */
    static void requireInferredRedshift(Manifest manifest) {
        if (manifest.features().redshiftInput()) {
            throw new IllegalArgumentException("--condition-on-true-redshift: " + manifest.label() + " takes redshift as an "
                    + "input, so every metric is already at the true redshift; validate it without the flag");
        }
    }

    /** For each of the bundle's parameters, its column in the held-out table (the same order, without an input redshift). */
    private static int[] tableColumns(Manifest manifest, TrainingTable t) {
        return manifest.parameters().stream().mapToInt(p -> t.parameterIndex(p.name())).toArray();
    }

    private ObjectResults runScenario(ModelBundle bundle, TrainingTable t, MaskBands bands, MaskScenario scenario, long seed, String snrBandName)
            throws OrtException {
        Manifest manifest = bundle.manifest();
        FeatureEncoder encoder = bundle.encoder();
        int n = t.rows();
        int b = t.bandCount();
        int[] column = tableColumns(manifest, t);
        int d = column.length;
        double[] inputRedshift = encoder.redshiftInput() ? t.column(REDSHIFT) : null;
        double[] batchRedshift = inputRedshift != null ? new double[BATCH] : null;
        int f = encoder.featureCount();
        int width = bundle.layout().width();
        int members = bundle.memberCount();
        double[] memberWeight = manifest.members().stream().mapToDouble(m -> m.weight()).toArray();
        int snrBand = t.bandNames().indexOf(snrBandName);
        if (snrBand < 0) {
            throw new IllegalArgumentException("S/N band '" + snrBandName + "' is not a band of the held-out library " + t.bandNames());
        }
        List<ParameterSpec> specs = manifest.parameters();
        MixturePosterior full = MixturePosterior.forManifest(manifest);
        ConditionalMixture given = conditionOnTrueRedshift ? ConditionalMixture.forManifest(manifest, REDSHIFT) : null;
        int known = given != null ? given.knownDimension() : -1;
        double[] conditionedDraws = new double[SubsetMetrics.SBC_DRAWS * d];
        double[] conditionedTruth = new double[d - 1];
        ObjectResults out = ObjectResults.allocate(d, n);
        double[] flux = new double[BATCH * b];
        double[] err = new double[BATCH * b];
        float[] features = new float[BATCH * f];
        double[] draws = new double[SubsetMetrics.SBC_DRAWS * d];
        double[] unitDraws = new double[SubsetMetrics.SBC_DRAWS * d];
        double[] unitTruth = new double[d];
        double[] reference = new double[d];
        double[] truth = new double[d];
        for (int from = 0; from < n; from += BATCH) {
            int count = Math.min(BATCH, n - from);
            scenario.applyToRows(bands, t, from, count, seed, flux, err);
            if (inputRedshift != null) {
                System.arraycopy(inputRedshift, from, batchRedshift, 0, count);
            }
            encoder.encodeBatch(count, flux, err, batchRedshift, features, 0);
            float[][] mdn = bundle.inferBatch(count == BATCH ? features : java.util.Arrays.copyOf(features, count * f), count);
            for (int i = 0; i < count; i++) {
                int row = from + i;
                for (int p = 0; p < d; p++) {
                    truth[p] = t.theta(row, column[p]);
                    out.truth()[p][row] = truth[p];
                }
                MixturePosterior posterior = full;
                for (int m = 0; m < members; m++) {
                    if (given != null) {
                        given.setMember(m, memberWeight[m], mdn[m], i * width);
                    } else {
                        full.setMember(m, memberWeight[m], mdn[m], i * width);
                    }
                }
                if (given != null) {
                    posterior = given.condition(truth[known]);
                }
                for (int p = 0, j = 0; p < d; p++) {
                    if (p == known) {
                        // Given, not inferred: reported at the truth (central level 0).
                        out.median()[p][row] = truth[p];
                        out.centralLevel()[p][row] = 0.0;
                        continue;
                    }
                    if (given != null) {
                        conditionedTruth[j] = truth[p];
                    }
                    out.median()[p][row] = posterior.marginalQuantile(j, 0.5);
                    out.centralLevel()[p][row] = Coverage.centralLevel(posterior.marginalCdf(j, truth[p]));
                    j++;
                }
                out.logProbTruth()[row] = posterior.logDensity(given != null ? conditionedTruth : truth);
                out.snr()[row] = snrBand >= 0 ? t.flux(row, snrBand) / t.fluxErr(row, snrBand) : Double.NaN;
                SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + row);
                int accepted = posterior.sample(SubsetMetrics.SBC_DRAWS, rng, given != null ? conditionedDraws : draws, 100L * SubsetMetrics.SBC_DRAWS);
                if (given != null) {
                    // Back to D columns, the known value in its place.
                    for (int s = 0; s < accepted; s++) {
                        for (int p = 0, j = 0; p < d; p++) {
                            draws[s * d + p] = p == known ? truth[p] : conditionedDraws[s * (d - 1) + j++];
                        }
                    }
                }
                for (int p = 0; p < d; p++) {
                    out.rank()[p][row] = accepted == SubsetMetrics.SBC_DRAWS && p != known
                            ? Sbc.rank(draws, accepted, d, p, truth[p]) : -1;
                }
                // TARP in the unit prior box, so every parameter weighs the same in the distance.
                for (int p = 0; p < d; p++) {
                    double lo = specs.get(p).lower();
                    double span = specs.get(p).upper() - lo;
                    unitTruth[p] = (truth[p] - lo) / span;
                    reference[p] = rng.nextDouble();
                    for (int s = 0; s < accepted; s++) {
                        unitDraws[s * d + p] = (draws[s * d + p] - lo) / span;
                    }
                }
                out.tarpFraction()[row] = Tarp.coverageFraction(unitDraws, accepted, d, unitTruth, reference);
            }
        }
        return out;
    }
}
