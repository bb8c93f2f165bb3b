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
 * The manifest of a model bundle: everything needed to serve the bundle identically to how it was
 * trained. Constructing one validates it; an invalid manifest throws
 * {@link InvalidModelBundleException} naming the problem. Serialised as {@code manifest.json} by
 * {@link ManifestJson}.
 *
 * @param formatVersion manifest format version ({@link #FORMAT_VERSION})
 * @param fixture       true for seeded, UNTRAINED bundles (tests, demo); such bundles are labelled
 *                      as fixtures wherever they appear ({@link #label()})
 * @param bands         bands in feature order, each with its asinh softening in nJy
 * @param estimator     the estimator kind and its settings ({@code estimator}, or the older
 *                      {@code mixture} block of a full-covariance Gaussian mixture)
 * @param misfitFile    the misfit model's file name inside the bundle ({@code misfit.file}), or null
 *                      for a bundle without one (bundles written before it existed)
 */
public record Manifest(
        int formatVersion,
        String name,
        String version,
        String description,
        boolean fixture,
        List<BandSpec> bands,
        FeatureSpec features,
        List<ParameterSpec> parameters,
        EstimatorSpec estimator,
        List<MemberSpec> members,
        Provenance provenance,
        String misfitFile) {

    /** The only manifest format this code reads and writes. */
    public static final int FORMAT_VERSION = 1;
    /** Tolerance on the sum of member weights. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-6;

    public Manifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new InvalidModelBundleException("unsupported manifest formatVersion " + formatVersion + " (this code reads " + FORMAT_VERSION + ")");
        }
        requireText(name, "name");
        requireText(version, "version");
        if (description == null) {
            throw new InvalidModelBundleException("description must be given");
        }
        bands = checkBandsAndFeatures(bands, features);
        Set<String> seen = new HashSet<>();
        if (parameters == null || parameters.isEmpty()) {
            throw new InvalidModelBundleException("parameters must list at least one parameter");
        }
        parameters = List.copyOf(parameters);
        for (ParameterSpec p : parameters) {
            if (!seen.add(p.name())) {
                throw new InvalidModelBundleException("parameter " + p.name() + " is listed twice");
            }
        }
        if (estimator == null) {
            throw new InvalidModelBundleException("estimator must be given");
        }
        EstimatorKinds.byName(estimator.kind());
        members = checkMembers(members);
        if (provenance == null) {
            throw new InvalidModelBundleException("provenance must be given");
        }
        if (misfitFile != null && (misfitFile.isBlank() || misfitFile.contains("/") || misfitFile.contains("\\")
                || misfitFile.startsWith("."))) {
            throw new InvalidModelBundleException("misfit.file must be a plain file name inside the bundle, got '" + misfitFile + "'");
        }
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

    private static EstimatorSpec mixtureSpec(int components) {
        if (components < 1) {
            throw new InvalidModelBundleException("mixture.components must be at least 1, got " + components);
        }
        return EstimatorSpec.gaussianMixture(components);
    }

    /** This manifest with its misfit model file set to {@code file} (null: none). */
    public Manifest withMisfitFile(String file) {
        return new Manifest(formatVersion, name, version, description, fixture, bands, features, parameters, estimator,
                members, provenance, file);
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

    /** Number of inferred parameters D. */
    public int parameterCount() {
        return parameters.size();
    }

    /** The estimator kind the manifest names (registered in {@link EstimatorKinds}). */
    public EstimatorKind estimatorKind() {
        return EstimatorKinds.byName(estimator.kind());
    }

    /** Floats per row of every member's network output, as the estimator kind defines it. */
    public int outputWidth() {
        return estimatorKind().outputWidth(this);
    }

    /** K of a full-covariance Gaussian mixture bundle. */
    public int mixtureComponents() {
        return mixtureLayout().components();
    }

    /**
     * The output layout of a full-covariance Gaussian mixture bundle.
     *
     * @throws IllegalStateException for a bundle of another estimator kind
     */
    public MixtureLayout mixtureLayout() {
        if (!GaussianMixtureKind.NAME.equals(estimator.kind())) {
            throw new IllegalStateException(label() + " is a '" + estimator.kind() + "' estimator, not a "
                    + GaussianMixtureKind.NAME + " one: it has no mixture layout");
        }
        return GaussianMixtureKind.layout(this);
    }

    public List<String> bandNames() {
        return bands.stream().map(BandSpec::name).toList();
    }

    public List<String> parameterNames() {
        return parameters.stream().map(ParameterSpec::name).toList();
    }

    /** "name version", with an explicit UNTRAINED FIXTURE label for fixture bundles. */
    public String label() {
        return name + " " + version + (fixture ? " [FIXTURE: untrained, seeded random weights]" : "");
    }
}
