package io.sedstream.trainer.train;

/** One line of training progress; losses are mean negative log-probability (nats) of standardised theta. */
public record EpochReport(int member, int epoch, double trainLoss, double validationLoss, double learningRate,
                          double rowsPerSecond, double elapsedSeconds, boolean improved) {

    public String line() {
        return String.format(java.util.Locale.ROOT,
                "member %d epoch %3d  train %.4f  val %.4f%s  lr %.2e  %,.0f rows/s  %.0f s",
                member, epoch, trainLoss, validationLoss, improved ? " *" : "  ", learningRate, rowsPerSecond, elapsedSeconds);
    }
}
