package io.sedstream.trainer.export;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OrtException;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.onnx.MlpWeights;
import io.sedstream.inference.evidence.EvidenceNetwork;
import io.sedstream.trainer.train.ClassifierNetwork;
import io.sedstream.trainer.train.MdnArchitecture;
import io.sedstream.trainer.train.MdnNetwork;

import java.util.List;

/**
 * Runs the same feature rows through the trained DJL network and through ONNX Runtime on the
 * exported bundle, and reports the largest absolute difference of the outputs (the mixture
 * vectors of an NPE bundle; the ensemble's ln K of an evidence network).
 */
public final class ParityCheck {

    private ParityCheck() {
    }

    /**
     * The agreement of the two engines on the mixture outputs.
     *
     * @param maxAbs          largest |DJL - ONNX| over all members, rows and outputs
     * @param maxScaled       largest |DJL - ONNX| / max(1, |ONNX|): the absolute difference where
     *                        outputs are of order 1, the relative one where they are large (the
     *                        precision Cholesky entries of a tight posterior reach the hundreds,
     *                        where float32 itself resolves only ~1e-5)
     * @param magnitudeAtWorstAbs |ONNX| of the output with the largest absolute difference
     */
    public record Parity(double maxAbs, double maxScaled, double magnitudeAtWorstAbs) {
    }

    /** Largest |DJL - ONNX| over all members, rows and outputs. */
    public static double maxAbsDifference(Engine engine, MdnArchitecture arch, List<MlpWeights> members, ModelBundle bundle,
                                          float[] features, int rows) throws OrtException {
        return compare(engine, arch, members, bundle, features, rows).maxAbs();
    }

    /** The absolute and scaled differences of DJL and ONNX Runtime on the same rows ({@link Parity}). */
    public static Parity compare(Engine engine, MdnArchitecture arch, List<MlpWeights> members, ModelBundle bundle,
                                 float[] features, int rows) throws OrtException {
        if (members.size() != bundle.memberCount()) {
            throw new IllegalArgumentException(members.size() + " trained members but the bundle has " + bundle.memberCount());
        }
        float[][] onnx = bundle.inferBatch(features, rows);
        double worst = 0;
        double worstScaled = 0;
        double magnitude = 0;
        try (NDManager manager = engine.newBaseManager()) {
            for (int m = 0; m < members.size(); m++) {
                try (MdnNetwork net = MdnNetwork.fromWeights(manager, arch, members.get(m));
                     NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(java.util.Arrays.copyOf(features, rows * arch.featureCount()), new Shape(rows, arch.featureCount()));
                    float[] djl = net.forward(x).toFloatArray();
                    for (int i = 0; i < djl.length; i++) {
                        double diff = Math.abs(djl[i] - onnx[m][i]);
                        if (diff > worst) {
                            worst = diff;
                            magnitude = Math.abs(onnx[m][i]);
                        }
                        worstScaled = Math.max(worstScaled, diff / Math.max(1.0, Math.abs(onnx[m][i])));
                    }
                }
            }
        }
        return new Parity(worst, worstScaled, magnitude);
    }

    /**
     * Largest |DJL - ONNX| over rows of the ensemble's ln K: the member-weighted mean of the DJL
     * classifiers' logits against {@link EvidenceNetwork#lnBayesFactors}.
     */
    public static double evidenceMaxAbsDifference(Engine engine, List<MlpWeights> members, EvidenceNetwork network,
                                                  float[] features, int rows) {
        if (members.size() != network.manifest().members().size()) {
            throw new IllegalArgumentException(members.size() + " trained members but the bundle has "
                    + network.manifest().members().size());
        }
        int f = network.manifest().featureCount();
        double[] onnx = network.lnBayesFactors(features, rows);
        double[] djl = new double[rows];
        try (NDManager manager = engine.newBaseManager()) {
            for (int m = 0; m < members.size(); m++) {
                double weight = network.manifest().members().get(m).weight();
                try (ClassifierNetwork net = ClassifierNetwork.fromWeights(manager, members.get(m));
                     NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(java.util.Arrays.copyOf(features, rows * f), new Shape(rows, f));
                    float[] logits = net.forward(x).toFloatArray();
                    for (int r = 0; r < rows; r++) {
                        djl[r] += weight * logits[r];
                    }
                }
            }
        }
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            worst = Math.max(worst, Math.abs(djl[r] - onnx[r]));
        }
        return worst;
    }
}
