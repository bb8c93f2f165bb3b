package io.sedstream.inference.bundle;

import java.util.Arrays;

/**
 * What a bundle's ONNX members compute, as the manifest's {@code kind} says: every kind shares the
 * manifest model ({@link Manifest}), its reader and writer ({@link ManifestJson},
 * {@link ModelBundleWriter}), the loader ({@link ModelBundle}) and its refusal reasons; each kind
 * names the output its members must have.
 */
public enum BundleKind {
    /**
     * A neural posterior estimator (no {@code kind} in the manifest, as in every bundle written
     * before kinds existed): members output the estimator kind's row ({@code estimator}), served by
     * {@code io.sedstream.inference.Estimator}.
     */
    POSTERIOR_ESTIMATOR("npe-posterior", "mdn", "io.sedstream.inference.Estimator"),
    /**
     * An evidence network: a classifier whose one output is the natural-log Bayes factor between the
     * manifest's {@code model1} and {@code model2}, served by
     * {@code io.sedstream.inference.evidence.EvidenceNetwork}.
     */
    EVIDENCE_CLASSIFIER("evidence-network", "log_bayes_factor", "io.sedstream.inference.evidence.EvidenceNetwork");

    /** ONNX input of every member of every kind. */
    public static final String INPUT_NAME = "features";

    private final String jsonName;
    private final String outputName;
    private final String loader;

    BundleKind(String jsonName, String outputName, String loader) {
        this.jsonName = jsonName;
        this.outputName = outputName;
        this.loader = loader;
    }

    /** The manifest's {@code kind} value. */
    public String jsonName() {
        return jsonName;
    }

    /** The ONNX output every member of this kind has. */
    public String outputName() {
        return outputName;
    }

    /** The class that serves bundles of this kind (named in refusals). */
    public String loader() {
        return loader;
    }

    /**
     * The kind a manifest names.
     *
     * @throws InvalidModelBundleException naming the unknown kind and the known ones
     */
    public static BundleKind byJsonName(String name) {
        for (BundleKind k : values()) {
            if (k.jsonName.equals(name)) {
                return k;
            }
        }
        throw new InvalidModelBundleException("unknown bundle kind '" + name + "' (known: "
                + Arrays.stream(values()).map(BundleKind::jsonName).toList() + "; no kind means " + POSTERIOR_ESTIMATOR.jsonName + ")");
    }
}
