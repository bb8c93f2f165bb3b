package io.sedstream.inference.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OnnxMlpWriterTest {

    private static MlpWeights randomMlp(SplittableRandom r, Activation activation, int... sizes) {
        List<DenseLayer> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            float[] w = new float[sizes[l] * sizes[l + 1]];
            float[] b = new float[sizes[l + 1]];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (r.nextGaussian() / Math.sqrt(sizes[l]));
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (0.3 * r.nextGaussian());
            }
            layers.add(new DenseLayer(sizes[l], sizes[l + 1], w, b));
        }
        return new MlpWeights(layers, activation);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void onnxRuntimeMatchesPlainJavaForwardPass(Activation activation) throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        MlpWeights mlp = randomMlp(r, activation, 42, 64, 64, 64, 91);
        byte[] model = OnnxMlpWriter.toBytes(mlp, "test", Map.of("k", "v"));
        int batch = 5;
        float[] x = new float[batch * 42];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * r.nextGaussian());
        }
        try (OrtSession session = OnnxSessions.open(model, SessionConfig.defaults());
                OnnxTensor in = OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(x), new long[] {batch, 42});
                OrtSession.Result result = session.run(Map.of(OnnxMlpWriter.INPUT_NAME, in))) {
            TensorInfo info = (TensorInfo) session.getInputInfo().get("features").getInfo();
            assertEquals(-1, info.getShape()[0], "batch dimension is dynamic");
            float[][] y = (float[][]) result.get(0).getValue();
            assertEquals(batch, y.length);
            double maxErr = 0;
            for (int row = 0; row < batch; row++) {
                float[] xr = new float[42];
                System.arraycopy(x, row * 42, xr, 0, 42);
                double[] expected = mlp.forward(xr);
                assertEquals(91, y[row].length);
                for (int i = 0; i < expected.length; i++) {
                    maxErr = Math.max(maxErr, Math.abs(expected[i] - y[row][i]) / Math.max(1.0, Math.abs(expected[i])));
                }
            }
            assertTrue(maxErr < 1e-5, "ONNX Runtime vs Java forward pass, max error " + maxErr);
        }
    }
}
