package io.sedstream.inference.evidence;

import io.sedstream.inference.bundle.BandSpec;
import io.sedstream.inference.bundle.FeatureSpec;
import io.sedstream.inference.bundle.InvalidModelBundleException;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.MemberSpec;
import io.sedstream.inference.bundle.Provenance;
import java.util.List;

/**
 * The manifest of an evidence-network bundle ({@code "kind": "evidence-network"}): the two models
 * it compares, the bands and feature encoding it reads (the same blocks, and the same
 * {@link io.sedstream.inference.features.FeatureEncoder}, as an NPE bundle), and its ONNX members.
 * Every member maps input {@value #INPUT_NAME} float[batch, F] to output {@value #OUTPUT_NAME}
 * float[batch, 1], the natural-log Bayes factor ln K = ln p(x|M1) - ln p(x|M2) (a classifier
 * logit trained with balanced classes, i.e. equal prior odds); the ensemble's ln K is the
 * weighted mean of the members'. Constructing one validates it.
 */
public record EvidenceManifest(
        int formatVersion,
        String name,
        String version,
        String description,
        boolean fixture,
        ModelIdentity model1,
        ModelIdentity model2,
        List<BandSpec> bands,
        FeatureSpec features,
        List<MemberSpec> members,
        Provenance provenance) {

    /** The only evidence manifest format this code reads and writes. */
    public static final int FORMAT_VERSION = 1;
    /** ONNX input of every member (the same name as NPE members). */
    public static final String INPUT_NAME = "features";
    /** ONNX output of every member: ln K per row, width {@value #OUTPUT_WIDTH}. */
    public static final String OUTPUT_NAME = "log_bayes_factor";
    public static final int OUTPUT_WIDTH = 1;
    /** What the output means, written into the manifest for readers without this code. */
    public static final String OUTPUT_DEFINITION =
            "natural-log Bayes factor ln K = ln p(x|M1) - ln p(x|M2) under equal prior odds; ensemble = weighted mean of members";

    public EvidenceManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new InvalidModelBundleException("unsupported evidence manifest formatVersion " + formatVersion
                    + " (this code reads " + FORMAT_VERSION + ")");
        }
        requireText(name, "name");
        requireText(version, "version");
        if (description == null) {
            throw new InvalidModelBundleException("description must be given");
        }
        if (model1 == null || model2 == null) {
            throw new InvalidModelBundleException("model1 and model2 must both be given");
        }
        if (model1.equals(model2)) {
            throw new InvalidModelBundleException("model1 and model2 are the same model: " + model1.label());
        }
        bands = Manifest.checkBandsAndFeatures(bands, features);
        if (features.redshiftInput()) {
            throw new InvalidModelBundleException("features.redshiftInput must be false: an evidence network reads photometry only");
        }
        members = Manifest.checkMembers(members);
        if (provenance == null) {
            throw new InvalidModelBundleException("provenance must be given");
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidModelBundleException(field + " must be non-blank");
        }
    }

    public String model1Name() {
        return model1.name();
    }

    public String model1Version() {
        return model1.version();
    }

    public String model2Name() {
        return model2.name();
    }

    public String model2Version() {
        return model2.version();
    }

    /** Number of network inputs F. */
    public int featureCount() {
        return features.means().size();
    }

    public List<String> bandNames() {
        return bands.stream().map(BandSpec::name).toList();
    }

    /** "name version: M1 vs M2", with an explicit UNTRAINED FIXTURE label for fixtures. */
    public String label() {
        return name + " " + version + " (" + model1.name() + " vs " + model2.name() + ")"
                + (fixture ? " [FIXTURE: untrained, seeded random weights]" : "");
    }
}
