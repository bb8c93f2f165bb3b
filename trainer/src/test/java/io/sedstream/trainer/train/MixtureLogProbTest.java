package io.sedstream.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.posterior.MixtureLayout;
import io.sedstream.inference.posterior.MixturePosterior;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The training loss and the serving posterior are written independently (DJL ops here, plain Java
 * in the inference module): they must agree on the log-density of the same mixture output, which
 * pins the MixtureLayout order (logits | means | log diag U | upper triangle row-major).
 */
class MixtureLogProbTest {

    @Test
    void trainingLogProbEqualsInferencePosteriorLogDensity() {
        Engine engine = TorchRuntime.engine(1);
        int k = 3;
        int d = 4;
        MixtureLayout layout = new MixtureLayout(k, d);
        MdnArchitecture arch = new MdnArchitecture(5, d, k, new int[]{8}, Activation.TANH);
        List<ParameterSpec> unitSpecs = new ArrayList<>();
        for (int p = 0; p < d; p++) {
            // mean 0, std 1: physical = standardised, no Jacobian term.
            unitSpecs.add(new ParameterSpec("p" + p, "", -50, 50, 0.0, 1.0));
        }
        MixturePosterior posterior = new MixturePosterior(layout, 1, unitSpecs);
        SplittableRandom rng = new SplittableRandom(3);
        int rows = 16;
        float[] mdn = new float[rows * layout.width()];
        float[] theta = new float[rows * d];
        for (int i = 0; i < mdn.length; i++) {
            mdn[i] = (float) (rng.nextDouble() - 0.5);
        }
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) (2 * rng.nextDouble() - 1);
        }
        try (NDManager manager = engine.newBaseManager(); MixtureLogProb loss = new MixtureLogProb(manager, k, d)) {
            int[] starts = MdnNetwork.headStarts(arch);
            NDArray all = manager.create(mdn, new Shape(rows, layout.width()));
            MdnNetwork.MixtureHeads heads = new MdnNetwork.MixtureHeads(all.get(":, 0:" + starts[1]),
                    all.get(":, " + starts[1] + ":" + starts[2]), all.get(":, " + starts[2] + ":" + starts[3]),
                    all.get(":, " + starts[3] + ":"));
            float[] logp = loss.logProb(heads, manager.create(theta, new Shape(rows, d))).toFloatArray();
            for (int r = 0; r < rows; r++) {
                posterior.set(mdn, r * layout.width());
                double[] t = new double[d];
                for (int p = 0; p < d; p++) {
                    t[p] = theta[r * d + p];
                }
                assertEquals(posterior.logDensity(t), logp[r], 1e-4, "row " + r);
            }
        }
    }
}
