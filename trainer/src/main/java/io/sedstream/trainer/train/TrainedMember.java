package io.sedstream.trainer.train;

import io.sedstream.inference.onnx.MlpWeights;

import java.util.List;

/** Best weights of one ensemble member (by validation log-probability) and its history. */
public record TrainedMember(int member, long seed, MlpWeights weights, double bestValidationLoss, int bestEpoch,
                            List<EpochReport> history, String stopReason) {

    public TrainedMember {
        history = List.copyOf(history);
    }
}
