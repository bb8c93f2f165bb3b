package io.sedstream.trainer.train;

import ai.djl.engine.Engine;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.onnx.MlpWeights;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MdnTrainerTest {

    private static final MdnArchitecture ARCH = new MdnArchitecture(10, 3, 4, new int[]{32, 32}, Activation.SILU);

    private static List<TrainedMember> train(long seed, int members, int epochs, List<String> log) {
        Engine engine = TorchRuntime.engine(1);
        SyntheticBatchSource data = new SyntheticBatchSource(4000, 10, 3, 99L);
        TrainingConfig config = new TrainingConfig(epochs, 128, 3e-3, 5.0, 0.1, 10, seed, Duration.ofMinutes(5), 3, 0.5);
        return new MdnTrainer(engine, log::add).trainEnsemble(data, ARCH, config, members);
    }

    @Test
    void learnsTheSyntheticPosteriorAndReportsEpochs() {
        List<String> log = new ArrayList<>();
        TrainedMember m = train(1L, 1, 6, log).get(0);
        List<EpochReport> h = m.history();
        assertEquals(6, h.size());
        // The synthetic posterior is a narrow Gaussian: the loss must fall well below the prior's
        // (standard normal in 3-D: 4.26 nats).
        assertTrue(h.get(0).validationLoss() > h.get(h.size() - 1).validationLoss());
        assertTrue(m.bestValidationLoss() < 2.0, "best validation loss " + m.bestValidationLoss());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("member 0 epoch   6")), log.toString());
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndMembersDiffer() {
        List<TrainedMember> a = train(5L, 2, 2, new ArrayList<>());
        List<TrainedMember> b = train(5L, 2, 2, new ArrayList<>());
        for (int m = 0; m < 2; m++) {
            MlpWeights wa = a.get(m).weights();
            MlpWeights wb = b.get(m).weights();
            for (int l = 0; l < wa.layers().size(); l++) {
                assertArrayEquals(wa.layers().get(l).weightOutIn(), wb.layers().get(l).weightOutIn());
                assertArrayEquals(wa.layers().get(l).bias(), wb.layers().get(l).bias());
            }
        }
        assertNotEquals(a.get(0).seed(), a.get(1).seed());
        assertNotEquals(a.get(0).weights().layers().get(0).weightOutIn()[0], a.get(1).weights().layers().get(0).weightOutIn()[0]);
    }

    @Test
    void wallClockCapStopsEarlyAndKeepsBestWeights() {
        Engine engine = TorchRuntime.engine(1);
        SyntheticBatchSource data = new SyntheticBatchSource(4000, 10, 3, 99L);
        TrainingConfig config = new TrainingConfig(1000, 128, 3e-3, 5.0, 0.1, 1000, 3L, Duration.ofMillis(1), 3, 0.5);
        TrainedMember m = new MdnTrainer(engine, l -> { }).trainEnsemble(data, ARCH, config, 1).get(0);
        assertEquals(1, m.history().size());
        assertTrue(m.stopReason().startsWith("wall-clock cap"), m.stopReason());
    }
}
