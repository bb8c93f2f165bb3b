package io.sedstream.trainer.train;

import ai.djl.engine.Engine;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Benchmark: optimisation steps per second of an MDN of a given architecture on synthetic rows
 * (forward, mixture log-probability, backward, clipping, Adam), reported as training rows/s.
 * The first epoch is a warm-up and is excluded from the figure.
 */
public final class TrainingThroughput {

    private TrainingThroughput() {
    }

    public record Result(MdnArchitecture architecture, int batchSize, int threads, int rows, double rowsPerSecond) {
        public String line() {
            return String.format(Locale.ROOT, "train throughput: %,.0f rows/s  (%s, batch %d, intra-op threads %d, %,d rows/epoch)",
                    rowsPerSecond, architecture, batchSize, threads, rows);
        }
    }

    public static Result measure(Engine engine, MdnArchitecture arch, int batchSize, int rows, int epochs, int threads,
                                 Consumer<String> progress) {
        SyntheticBatchSource data = new SyntheticBatchSource(rows, arch.featureCount(), arch.parameterCount(), 7L);
        TrainingConfig config = new TrainingConfig(epochs + 1, batchSize, 1e-3, 5.0, 0.02, 1000, 1L,
                Duration.ofHours(1), 1000, 1.0);
        List<TrainedMember> members = new MdnTrainer(engine, progress).trainEnsemble(data, arch, config, 1);
        List<EpochReport> history = members.get(0).history();
        double sum = 0;
        for (int i = 1; i < history.size(); i++) {
            sum += history.get(i).rowsPerSecond();
        }
        double rowsPerSecond = history.size() > 1 ? sum / (history.size() - 1) : history.get(0).rowsPerSecond();
        return new Result(arch, batchSize, threads, rows, rowsPerSecond);
    }
}
