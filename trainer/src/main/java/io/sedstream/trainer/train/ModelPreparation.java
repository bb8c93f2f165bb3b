package io.sedstream.trainer.train;

import io.sedstream.inference.bundle.BandSpec;
import io.sedstream.inference.bundle.FeatureSpec;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.bundle.ParameterTransform;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.features.FeatureStatistics;
import io.sedstream.trainer.library.LibraryManifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fits what a bundle pins besides its networks, from the training set only: per-band asinh softening
 * and feature standardisation (through the inference module's FeatureStatistics), and per-parameter
 * standardisation, transform and bounds. Bounds are the prior's where the prior samples the parameter; derived
 * parameters (surviving mass, SFRs, ages, beta) get the training range widened by
 * {@link #DERIVED_RANGE_MARGIN} of its span on each side, so held-out truths rarely fall outside.
 */
public record ModelPreparation(List<BandSpec> bands, FeatureSpec features, List<ParameterSpec> parameters) {

    public static final double DERIVED_RANGE_MARGIN = 0.05;

    public ModelPreparation {
        bands = List.copyOf(bands);
        parameters = List.copyOf(parameters);
    }

    public FeatureEncoder encoder() {
        return new FeatureEncoder(bands, features);
    }

    /** What the encoder pins: bands with their asinh softening, and the feature standardisation. */
    public record Encoding(List<BandSpec> bands, FeatureSpec features) {
        public Encoding {
            bands = List.copyOf(bands);
        }

        public FeatureEncoder encoder() {
            return new FeatureEncoder(bands, features);
        }
    }

    /**
     * Softening per band and feature standardisation from a training table (through the inference
     * module's FeatureStatistics): shared by the NPE and the evidence network.
     */
    public static Encoding fitEncoding(TrainingTable table) {
        return fitEncoding(table, null);
    }

    /**
     * As {@link #fitEncoding(TrainingTable)}; with {@code redshiftInput} (one true redshift per row)
     * the encoding takes redshift as its last feature and standardises it on these values.
     */
    public static Encoding fitEncoding(TrainingTable table, double[] redshiftInput) {
        int n = table.rows();
        if (redshiftInput != null && redshiftInput.length != n) {
            throw new IllegalArgumentException(redshiftInput.length + " input redshifts for " + n + " training rows");
        }
        int b = table.bandCount();
        double[] softening = FeatureStatistics.softeningFromMedianErrors(n, b, table.fluxNJy(), table.fluxErrNJy());
        List<BandSpec> bands = FeatureStatistics.bands(table.bandNames(), softening);
        FeatureSpec features = FeatureStatistics.fitStandardisation(bands, redshiftInput != null, n, table.fluxNJy(),
                table.fluxErrNJy(), redshiftInput);
        return new Encoding(bands, features);
    }

    /** No parameter transformed: every parameter modelled in its physical units. */
    public static ModelPreparation fit(TrainingTable table, LibraryManifest library) {
        return fit(table, library, Set.of());
    }

    /**
     * As {@link #fit(TrainingTable, LibraryManifest)}, with the parameters named in
     * {@code logitParameters} modelled as the logit of their place in the prior box
     * ({@link ParameterTransform#LOGIT}); their standardisation is fitted to the transformed values.
     * Each must be a library parameter with prior bounds (a derived parameter has no walls).
     */
    public static ModelPreparation fit(TrainingTable table, LibraryManifest library, Set<String> logitParameters) {
        return fit(table, library, logitParameters, null);
    }

    /**
     * As {@link #fit(TrainingTable, LibraryManifest, Set)}; with {@code redshiftInput} non-null the
     * network reads each row's true redshift as a feature (a spectroscopic-redshift model), so
     * {@code table} must not also hold redshift as a parameter to infer.
     */
    public static ModelPreparation fit(TrainingTable table, LibraryManifest library, Set<String> logitParameters,
                                       double[] redshiftInput) {
        if (redshiftInput != null && table.parameterNames().contains(io.sedstream.inference.Estimator.REDSHIFT_PARAMETER)) {
            throw new IllegalArgumentException("a redshift-input model cannot also infer redshift: drop it from the parameters");
        }
        for (String name : logitParameters) {
            LibraryManifest.Parameter meta = library.parameters().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("logit transform asked for parameter '" + name
                            + "', which the library does not have (it has " + table.parameterNames() + ")"));
            if (meta.priorLower() == null || meta.priorUpper() == null || !table.parameterNames().contains(name)) {
                throw new IllegalArgumentException("logit transform asked for parameter '" + name
                        + "', which the prior does not sample inside fixed bounds (a derived parameter): only prior-bounded parameters can take it");
            }
        }
        int n = table.rows();
        Encoding encoding = fitEncoding(table, redshiftInput);
        List<BandSpec> bands = encoding.bands();
        FeatureSpec features = encoding.features();
        List<ParameterSpec> params = new ArrayList<>();
        for (int p = 0; p < table.parameterCount(); p++) {
            String name = table.parameterNames().get(p);
            LibraryManifest.Parameter meta = library.parameters().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("library.json has no entry for parameter " + name));
            boolean logit = logitParameters.contains(name);
            ParameterTransform transform = logit ? ParameterTransform.LOGIT : ParameterTransform.IDENTITY;
            double priorLower = logit ? meta.priorLower() : Double.NaN;
            double priorUpper = logit ? meta.priorUpper() : Double.NaN;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < n; r++) {
                double v = table.theta(r, p);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("library row " + r + ": parameter " + name + " is not finite (" + v + ")");
                }
                sum += transform.toNetwork(v, priorLower, priorUpper);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double mean = sum / n;
            double ss = 0;
            for (int r = 0; r < n; r++) {
                double dv = transform.toNetwork(table.theta(r, p), priorLower, priorUpper) - mean;
                ss += dv * dv;
            }
            double std = Math.sqrt(ss / Math.max(1, n - 1));
            if (!(std > 0)) {
                throw new IllegalArgumentException("parameter " + name + " does not vary in the training library");
            }
            double lower;
            double upper;
            if (meta.priorLower() != null && meta.priorUpper() != null) {
                lower = meta.priorLower();
                upper = meta.priorUpper();
            } else {
                double margin = DERIVED_RANGE_MARGIN * (max - min);
                lower = min - margin;
                upper = max + margin;
            }
            params.add(new ParameterSpec(name, meta.unit(), lower, upper, mean, std, transform));
        }
        return new ModelPreparation(bands, features, params);
    }
}
