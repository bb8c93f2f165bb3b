package io.sedstream.trainer.train;

import java.time.Duration;

/**
 * Optimiser and stopping settings of one training run. Defaults follow the published method's
 * choices where they transfer to an MDN (Harvey et al. 2026: Adam, validation fraction 0.1,
 * gradient-norm clipping), with a larger batch for CPU throughput.
 *
 * @param maxWall wall-clock cap for the whole run (all ensemble members together); training stops
 *                cleanly after the epoch in which it is reached and keeps the best weights so far
 */
public record TrainingConfig(int maxEpochs, int batchSize, double learningRate, double gradientClipNorm,
                             double validationFraction, int patience, long seed, Duration maxWall,
                             int lrPlateauEpochs, double lrDecay) {

    public static TrainingConfig defaults() {
        return new TrainingConfig(200, 512, 1e-3, 5.0, 0.1, 12, 42L, Duration.ofHours(24), 5, 0.5);
    }

    public TrainingConfig {
        require(maxEpochs >= 1, "epochs must be >= 1, got " + maxEpochs);
        require(batchSize >= 2, "batch must be >= 2, got " + batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate), "lr must be a positive number, got " + learningRate);
        require(gradientClipNorm > 0, "gradient clip norm must be > 0, got " + gradientClipNorm);
        require(validationFraction > 0 && validationFraction < 0.5, "val-fraction must be in (0, 0.5), got " + validationFraction);
        require(patience >= 1, "patience must be >= 1, got " + patience);
        require(maxWall != null && !maxWall.isNegative() && !maxWall.isZero(), "max wall time must be positive");
        require(lrPlateauEpochs >= 1, "lr plateau epochs must be >= 1, got " + lrPlateauEpochs);
        require(lrDecay > 0 && lrDecay <= 1, "lr decay must be in (0, 1], got " + lrDecay);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(maxEpochs, batchSize, learningRate, gradientClipNorm, validationFraction, patience,
                newSeed, maxWall, lrPlateauEpochs, lrDecay);
    }

    public TrainingConfig withMaxWall(Duration wall) {
        return new TrainingConfig(maxEpochs, batchSize, learningRate, gradientClipNorm, validationFraction, patience,
                seed, wall, lrPlateauEpochs, lrDecay);
    }
}
