package io.sedstream.inference.evidence;

import ai.onnxruntime.OrtException;
import io.sedstream.inference.bundle.BundleKind;
import io.sedstream.inference.bundle.InvalidModelBundleException;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.features.BandUsage;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.features.InvalidPhotometryException;
import io.sedstream.inference.onnx.SessionConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded evidence-network bundle: photometry by band name in, the log Bayes factor between the
 * bundle's two models out (Jeffrey &amp; Wandelt 2024, "Evidence Networks"). Photometry is encoded
 * by the same {@link FeatureEncoder} as for the NPE (missing bands: value and error 0, flag 1).
 *
 * <p>Thread-safe: each call allocates its own buffers; ONNX Runtime sessions may be run
 * concurrently. Close it to release the native sessions.
 */
public final class EvidenceNetwork implements AutoCloseable {
    private final ModelBundle bundle;
    private final Manifest manifest;
    private final FeatureEncoder encoder;
    private final double[] memberWeights;
    private volatile boolean closed;

    private EvidenceNetwork(ModelBundle bundle) {
        this.bundle = bundle;
        this.manifest = bundle.manifest();
        this.encoder = bundle.encoder();
        this.memberWeights = manifest.members().stream().mapToDouble(m -> m.weight()).toArray();
    }

    /**
     * Loads and validates an evidence bundle (one intra-op thread per session) through the one
     * bundle loader ({@link ModelBundle#load(Path, SessionConfig, BundleKind)}).
     *
     * @throws InvalidModelBundleException naming the reason: missing directory, manifest or member
     *         file, wrong kind (an NPE bundle), invalid manifest (bad weights, bands, encoding...),
     *         or an ONNX member whose input/output disagrees with the manifest
     */
    public static EvidenceNetwork load(Path bundleDirectory) {
        return load(bundleDirectory, SessionConfig.defaults());
    }

    /** As {@link #load(Path)} with the given session settings. */
    public static EvidenceNetwork load(Path bundleDirectory, SessionConfig config) {
        return new EvidenceNetwork(ModelBundle.load(bundleDirectory, config, BundleKind.EVIDENCE_CLASSIFIER));
    }

    /** The manifest, of kind {@link BundleKind#EVIDENCE_CLASSIFIER}. */
    public Manifest manifest() {
        return manifest;
    }

    public Path directory() {
        return bundle.directory();
    }

    /** The feature encoder of this bundle (the trainer builds its tensors with it). */
    public FeatureEncoder encoder() {
        return encoder;
    }

    /**
     * ln K for one object.
     *
     * @param measurements photometry by band name (any order; unknown bands are ignored)
     * @throws InvalidPhotometryException for unusable photometry (as the NPE refuses it)
     * @throws IllegalStateException when ONNX Runtime fails or returns a non-finite value
     */
    public EvidenceResult evaluate(List<BandFlux> measurements) {
        float[] features = new float[encoder.featureCount()];
        BandUsage usage = encoder.encode(measurements, null, features, 0);
        double[] lnK = lnBayesFactors(features, 1);
        return EvidenceResult.ofLn(lnK[0], usage.used(), usage.masked());
    }

    /**
     * ln K for several objects with ONE ONNX Runtime call per ensemble member for the whole batch.
     * A refused object is reported in place; the others go on.
     *
     * @throws IllegalStateException when ONNX Runtime fails or returns a non-finite value (the whole batch fails)
     */
    public List<EvidenceOutcome> evaluateBatch(List<List<BandFlux>> batch) {
        int n = batch.size();
        int f = encoder.featureCount();
        float[] features = new float[n * f];
        BandUsage[] usages = new BandUsage[n];
        InvalidPhotometryException[] refusals = new InvalidPhotometryException[n];
        int rows = 0;
        for (int i = 0; i < n; i++) {
            try {
                usages[i] = encoder.encode(batch.get(i), null, features, rows * f);
                rows++;
            } catch (InvalidPhotometryException e) {
                refusals[i] = e;
            }
        }
        double[] lnK = rows == 0 ? new double[0] : lnBayesFactors(features, rows);
        List<EvidenceOutcome> out = new ArrayList<>(n);
        int row = 0;
        for (int i = 0; i < n; i++) {
            if (refusals[i] != null) {
                out.add(new EvidenceOutcome(null, refusals[i]));
            } else {
                out.add(new EvidenceOutcome(EvidenceResult.ofLn(lnK[row++], usages[i].used(), usages[i].masked()), null));
            }
        }
        return out;
    }

    /**
     * The ensemble's ln K for {@code rows} encoded feature rows (row-major [rows][F]): the
     * member-weighted mean of the members' outputs. Public for validation, which encodes whole
     * libraries itself with {@link #encoder()}.
     */
    public double[] lnBayesFactors(float[] features, int rows) {
        if (closed) {
            throw new IllegalStateException("evidence network " + manifest.label() + " is closed");
        }
        int f = encoder.featureCount();
        if (rows < 1 || features.length < (long) rows * f) {
            throw new IllegalArgumentException("need " + rows + " rows of " + f + " features, got " + features.length + " floats");
        }
        double[] lnK = new double[rows];
        float[][] outputs;
        try {
            outputs = bundle.inferBatch(features, rows);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + rows + " rows of " + manifest.label() + ": " + e.getMessage(), e);
        }
        for (int m = 0; m < outputs.length; m++) {
            for (int r = 0; r < rows; r++) {
                lnK[r] += memberWeights[m] * outputs[m][r];
            }
        }
        for (int r = 0; r < rows; r++) {
            if (!Double.isFinite(lnK[r])) {
                throw new IllegalStateException(manifest.label() + " returned a non-finite ln K for row " + r);
            }
        }
        return lnK;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        bundle.close();
    }

    @Override
    public String toString() {
        return "EvidenceNetwork[" + manifest.label() + " at " + bundle.directory() + "]";
    }
}
