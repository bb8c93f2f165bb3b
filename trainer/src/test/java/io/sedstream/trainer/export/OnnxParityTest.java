package io.sedstream.trainer.export;

import ai.djl.engine.Engine;
import io.sedstream.inference.bundle.BandSpec;
import io.sedstream.inference.bundle.FeatureSpec;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.bundle.Provenance;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.onnx.MlpWeights;
import io.sedstream.trainer.train.MdnArchitecture;
import io.sedstream.trainer.train.MdnTrainer;
import io.sedstream.trainer.train.SyntheticBatchSource;
import io.sedstream.trainer.train.TorchRuntime;
import io.sedstream.trainer.train.TrainedMember;
import io.sedstream.trainer.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network trained with DJL, exported through the shared ONNX writer and loaded by the inference
 * module's ModelBundle gives the same mixture outputs under ONNX Runtime as under PyTorch (1e-4).
 */
class OnnxParityTest {

    @Test
    void onnxRuntimeMatchesTheTrainedNetwork(@TempDir Path dir) throws Exception {
        Engine engine = TorchRuntime.engine(1);
        int bands = 4;
        int f = FeatureEncoder.featureCount(bands, false);
        int d = 3;
        MdnArchitecture arch = new MdnArchitecture(f, d, 5, new int[]{48, 48, 48}, Activation.SILU);
        SyntheticBatchSource data = new SyntheticBatchSource(2000, f, d, 4L);
        TrainingConfig config = new TrainingConfig(2, 100, 2e-3, 5.0, 0.1, 5, 8L, Duration.ofMinutes(5), 3, 0.5);
        List<TrainedMember> members = new MdnTrainer(engine, l -> { }).trainEnsemble(data, arch, config, 2);

        List<BandSpec> bandSpecs = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            bandSpecs.add(new BandSpec("band" + b, 10.0));
        }
        List<Double> means = new ArrayList<>(Collections.nCopies(f, 0.0));
        List<Double> stds = new ArrayList<>(Collections.nCopies(f, 1.0));
        FeatureSpec features = new FeatureSpec(FeatureEncoder.ENCODING_ASINH_V1, false, means, stds);
        List<ParameterSpec> params = List.of(new ParameterSpec("a", "", -5, 5, 0, 1), new ParameterSpec("b", "", -5, 5, 0, 1),
                new ParameterSpec("c", "", -5, 5, 0, 1));
        BundleExporter.export(dir, new BundleExporter.BundleIdentity("parity", "t1", "parity test"), bandSpecs, features, params,
                5, members, new Provenance("synthetic", "2026-01-01T00:00:00Z", null));

        int rows = 200;
        float[] x = new float[rows * f];
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 * (rng.nextDouble() - 0.5));
        }
        List<MlpWeights> weights = members.stream().map(TrainedMember::weights).toList();
        try (ModelBundle bundle = ModelBundle.load(dir)) {
            assertEquals(2, bundle.memberCount());
            double diff = ParityCheck.maxAbsDifference(engine, arch, weights, bundle, x, rows);
            assertTrue(diff < 1e-4, "ONNX Runtime vs DJL max |difference| " + diff);
            // And the DJL network equals the plain double-precision reference of the exported weights.
            float[][] onnx = bundle.inferBatch(x, rows);
            double[] ref = weights.get(1).forward(java.util.Arrays.copyOfRange(x, 7 * f, 8 * f));
            for (int o = 0; o < ref.length; o++) {
                assertEquals(ref[o], onnx[1][7 * ref.length + o], 1e-4);
            }
        }
    }
}
