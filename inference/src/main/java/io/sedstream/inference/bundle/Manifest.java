package io.sedstream.inference.bundle;

import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.posterior.EstimatorKind;
import io.sedstream.inference.posterior.EstimatorKinds;
import io.sedstream.inference.posterior.GaussianMixtureKind;
import io.sedstream.inference.posterior.MixtureLayout;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The manifest of a model bundle of either kind ({@link BundleKind}): everything needed to serve the
 * bundle identically to how it was trained. The blocks every kind has (identity, bands, feature
 * encoding, members, provenance) are checked here once for all kinds; a posterior estimator adds its
 * parameters and estimator kind (and optionally a misfit model), an evidence classifier the two
 * models it compares. Constructing one validates it; an invalid manifest throws
 * {@link InvalidModelBundleException} naming the problem. Serialised as {@code manifest.json} by
 * {@link ManifestJson}.
 *
 * @param formatVersion manifest format version ({@link #FORMAT_VERSION})
 * @param kind          what the members compute
 * @param fixture       true for seeded, UNTRAINED bundles (tests, demo); such bundles are labelled
 *                      as fixtures wherever they appear ({@link #label()})
 * @param bands         bands in feature order, each with its asinh softening in nJy
 * @param parameters    the inferred parameters (posterior estimators; empty for evidence classifiers)
 * @param estimator     the estimator kind and its settings ({@code estimator}, or the older
 *                      {@code mixture} block of a full-covariance Gaussian mixture); null for evidence classifiers
 * @param model1        the model the evidence classifier's ln K favours when positive; null for posterior estimators
 * @param model2        the other model compared; null for posterior estimators
 * @param misfitFile    the misfit model's file name inside the bundle ({@code misfit.file}), or null
 *                      for a bundle without one (bundles written before it existed, evidence classifiers)
 */
public record Manifest(
        int formatVersion,
        BundleKind kind,
        String name,
        String version,
        String description,
        boolean fixture,
        List<BandSpec> bands,
        FeatureSpec features,
        List<ParameterSpec> parameters,
        EstimatorSpec estimator,
        ModelIdentity model1,
        ModelIdentity model2,
        List<MemberSpec> members,
        Provenance provenance,
        String misfitFile) {

    /** The only manifest format this code reads and writes. */
    public static final int FORMAT_VERSION = 1;
    /** Tolerance on the sum of member weights. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-6;
    /** Width of an evidence classifier's output: ln K per row. */
    public static final int EVIDENCE_OUTPUT_WIDTH = 1;
    /** What an evidence classifier's output means, written into its manifest for readers without this code. */
    public static final String EVIDENCE_OUTPUT_DEFINITION =
            "natural-log Bayes factor ln K = ln p(x|M1) - ln p(x|M2) under equal prior odds; ensemble = weighted mean of members";

    public Manifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new InvalidModelBundleException("unsupported manifest formatVersion " + formatVersion + " (this code reads " + FORMAT_VERSION + ")");
        }
        if (kind == null) {
            throw new InvalidModelBundleException("kind must be given");
        }
        requireText(name, "name");
        requireText(version, "version");
        if (description == null) {
            throw new InvalidModelBundleException("description must be given");
        }
        bands = checkBandsAndFeatures(bands, features);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        if (kind == BundleKind.POSTERIOR_ESTIMATOR) {
            checkParameters(parameters);
            if (estimator == null) {
                throw new InvalidModelBundleException("estimator must be given");
            }
            EstimatorKinds.byName(estimator.kind());
            if (model1 != null || model2 != null) {
                throw new InvalidModelBundleException("model1/model2 belong to evidence-network bundles, not to a posterior estimator");
            }
        } else {
            if (model1 == null || model2 == null) {
                throw new InvalidModelBundleException("model1 and model2 must both be given");
            }
            if (model1.equals(model2)) {
                throw new InvalidModelBundleException("model1 and model2 are the same model: " + model1.label());
            }
            if (features.redshiftInput()) {
                throw new InvalidModelBundleException("features.redshiftInput must be false: an evidence network reads photometry only");
            }
            if (!parameters.isEmpty() || estimator != null || misfitFile != null) {
                throw new InvalidModelBundleException("an evidence-network bundle has no parameters, estimator or misfit model");
            }
        }
        members = checkMembers(members);
        if (provenance == null) {
            throw new InvalidModelBundleException("provenance must be given");
        }
        if (misfitFile != null && (misfitFile.isBlank() || misfitFile.contains("/") || misfitFile.contains("\\")
                || misfitFile.startsWith("."))) {
            throw new InvalidModelBundleException("misfit.file must be a plain file name inside the bundle, got '" + misfitFile + "'");
        }
    }

    /** A posterior-estimator manifest. */
    public Manifest(int formatVersion, String name, String version, String description, boolean fixture, List<BandSpec> bands,
                    FeatureSpec features, List<ParameterSpec> parameters, EstimatorSpec estimator, List<MemberSpec> members,
                    Provenance provenance, String misfitFile) {
        this(formatVersion, BundleKind.POSTERIOR_ESTIMATOR, name, version, description, fixture, bands, features, parameters, estimator,
                null, null, members, provenance, misfitFile);
    }

    /** A full-covariance Gaussian mixture manifest (K = {@code mixtureComponents}) with a misfit model file (or null). */
    public Manifest(int formatVersion, String name, String version, String description, boolean fixture, List<BandSpec> bands,
                    FeatureSpec features, List<ParameterSpec> parameters, int mixtureComponents, List<MemberSpec> members,
                    Provenance provenance, String misfitFile) {
        this(formatVersion, name, version, description, fixture, bands, features, parameters, mixtureSpec(mixtureComponents),
                members, provenance, misfitFile);
    }

    /** A full-covariance Gaussian mixture manifest (K = {@code mixtureComponents}) without a misfit model. */
    public Manifest(int formatVersion, String name, String version, String description, boolean fixture, List<BandSpec> bands,
                    FeatureSpec features, List<ParameterSpec> parameters, int mixtureComponents, List<MemberSpec> members,
                    Provenance provenance) {
        this(formatVersion, name, version, description, fixture, bands, features, parameters, mixtureComponents, members,
                provenance, null);
    }

    /**
     * An evidence-network manifest: members map {@value BundleKind#INPUT_NAME} float[batch, F] to
     * {@code log_bayes_factor} float[batch, 1], ln K = ln p(x|M1) - ln p(x|M2) (a classifier logit
     * trained with balanced classes, i.e. equal prior odds); the ensemble's ln K is the weighted
     * mean of the members'.
     */
    public static Manifest evidence(int formatVersion, String name, String version, String description, boolean fixture,
                                    ModelIdentity model1, ModelIdentity model2, List<BandSpec> bands, FeatureSpec features,
                                    List<MemberSpec> members, Provenance provenance) {
        return new Manifest(formatVersion, BundleKind.EVIDENCE_CLASSIFIER, name, version, description, fixture, bands, features,
                List.of(), null, model1, model2, members, provenance, null);
    }

    private static EstimatorSpec mixtureSpec(int components) {
        if (components < 1) {
            throw new InvalidModelBundleException("mixture.components must be at least 1, got " + components);
        }
        return EstimatorSpec.gaussianMixture(components);
    }

    /** This manifest with its misfit model file set to {@code file} (null: none). */
    public Manifest withMisfitFile(String file) {
        return new Manifest(formatVersion, kind, name, version, description, fixture, bands, features, parameters, estimator,
                model1, model2, members, provenance, file);
    }

    /** This manifest with other provenance (validation records its metrics). */
    public Manifest withProvenance(Provenance other) {
        return new Manifest(formatVersion, kind, name, version, description, fixture, bands, features, parameters, estimator,
                model1, model2, members, other, misfitFile);
    }

    /**
     * The checks every bundle kind shares on its band list and feature block: at least one band, no
     * band twice, a standardisation of the encoding's width. Returns an immutable copy of the bands.
     */
    public static List<BandSpec> checkBandsAndFeatures(List<BandSpec> bands, FeatureSpec features) {
        if (bands == null || bands.isEmpty()) {
            throw new InvalidModelBundleException("bands must list at least one band");
        }
        bands = List.copyOf(bands);
        Set<String> seen = new HashSet<>();
        for (BandSpec b : bands) {
            if (!seen.add(b.name())) {
                throw new InvalidModelBundleException("band " + b.name() + " is listed twice");
            }
        }
        if (features == null) {
            throw new InvalidModelBundleException("features must be given");
        }
        FeatureEncoder.checkStandardisation(features, bands.size());
        return bands;
    }

    private static void checkParameters(List<ParameterSpec> parameters) {
        if (parameters.isEmpty()) {
            throw new InvalidModelBundleException("parameters must list at least one parameter");
        }
        Set<String> seen = new HashSet<>();
        for (ParameterSpec p : parameters) {
            if (!seen.add(p.name())) {
                throw new InvalidModelBundleException("parameter " + p.name() + " is listed twice");
            }
        }
    }

    /**
     * The checks every bundle kind shares on its ensemble members: at least one, no file twice,
     * weights summing to 1 (within {@link #WEIGHT_SUM_TOLERANCE}). Returns an immutable copy.
     */
    public static List<MemberSpec> checkMembers(List<MemberSpec> members) {
        if (members == null || members.isEmpty()) {
            throw new InvalidModelBundleException("members must list at least one ONNX member");
        }
        members = List.copyOf(members);
        Set<String> seen = new HashSet<>();
        double weightSum = 0;
        for (MemberSpec m : members) {
            if (!seen.add(m.file())) {
                throw new InvalidModelBundleException("member file " + m.file() + " is listed twice");
            }
            weightSum += m.weight();
        }
        if (Math.abs(weightSum - 1.0) > WEIGHT_SUM_TOLERANCE) {
            throw new InvalidModelBundleException("member weights sum to " + weightSum + ", not 1");
        }
        return members;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidModelBundleException(field + " must be non-blank");
        }
    }

    /** Number of network inputs F. */
    public int featureCount() {
        return features.means().size();
    }

    /** Number of inferred parameters D (0 for an evidence classifier). */
    public int parameterCount() {
        return parameters.size();
    }

    /**
     * The estimator kind a posterior-estimator manifest names (registered in {@link EstimatorKinds}).
     *
     * @throws IllegalStateException for an evidence classifier
     */
    public EstimatorKind estimatorKind() {
        requireKind(BundleKind.POSTERIOR_ESTIMATOR);
        return EstimatorKinds.byName(estimator.kind());
    }

    /** The ONNX output every member has ({@link BundleKind#outputName()}). */
    public String outputName() {
        return kind.outputName();
    }

    /** Floats per row of every member's network output: the estimator kind's width, or 1 (ln K). */
    public int outputWidth() {
        return kind == BundleKind.EVIDENCE_CLASSIFIER ? EVIDENCE_OUTPUT_WIDTH : estimatorKind().outputWidth(this);
    }

    /** What each member's output row holds, for refusal messages. */
    public String outputDescription() {
        return kind == BundleKind.EVIDENCE_CLASSIFIER ? "one ln K per row" : estimatorKind().outputDescription(this);
    }

    /** K of a full-covariance Gaussian mixture bundle. */
    public int mixtureComponents() {
        return mixtureLayout().components();
    }

    /**
     * The output layout of a full-covariance Gaussian mixture bundle.
     *
     * @throws IllegalStateException for a bundle of another kind
     */
    public MixtureLayout mixtureLayout() {
        requireKind(BundleKind.POSTERIOR_ESTIMATOR);
        if (!GaussianMixtureKind.NAME.equals(estimator.kind())) {
            throw new IllegalStateException(label() + " is a '" + estimator.kind() + "' estimator, not a "
                    + GaussianMixtureKind.NAME + " one: it has no mixture layout");
        }
        return GaussianMixtureKind.layout(this);
    }

    private void requireKind(BundleKind expected) {
        if (kind != expected) {
            throw new IllegalStateException(label() + " is a " + kind.jsonName() + " bundle, not a " + expected.jsonName() + " one");
        }
    }

    public String model1Name() {
        requireKind(BundleKind.EVIDENCE_CLASSIFIER);
        return model1.name();
    }

    public String model1Version() {
        requireKind(BundleKind.EVIDENCE_CLASSIFIER);
        return model1.version();
    }

    public String model2Name() {
        requireKind(BundleKind.EVIDENCE_CLASSIFIER);
        return model2.name();
    }

    public String model2Version() {
        requireKind(BundleKind.EVIDENCE_CLASSIFIER);
        return model2.version();
    }

    public List<String> bandNames() {
        return bands.stream().map(BandSpec::name).toList();
    }

    public List<String> parameterNames() {
        return parameters.stream().map(ParameterSpec::name).toList();
    }

    /**
     * "name version" ("name version (M1 vs M2)" for an evidence classifier), with an explicit
     * UNTRAINED FIXTURE label for fixture bundles.
     */
    public String label() {
        String compared = kind == BundleKind.EVIDENCE_CLASSIFIER ? " (" + model1.name() + " vs " + model2.name() + ")" : "";
        return name + " " + version + compared + (fixture ? " [FIXTURE: untrained, seeded random weights]" : "");
    }
}
