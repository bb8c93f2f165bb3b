package io.sedstream.trainer.train;

import io.sedstream.inference.onnx.Activation;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The network and optimiser options every training command takes (`train`, `train-evidence`), as one
 * picocli mixin, so the two commands cannot drift apart in names, defaults or meaning.
 */
public final class TrainingOptions {

    @Option(names = "--members", defaultValue = "2", description = "Ensemble members (different seeds). Default: ${DEFAULT-VALUE}")
    int members;

    @Option(names = "--hidden", defaultValue = "256,256,256", description = "Hidden layer widths. Default: ${DEFAULT-VALUE}")
    String hidden;

    @Option(names = "--activation", defaultValue = "silu", description = "relu, tanh or silu. Default: ${DEFAULT-VALUE}")
    String activation;

    @Option(names = "--epochs", defaultValue = "200", description = "Maximum epochs per member. Default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch", defaultValue = "512", description = "Batch size. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate. Default: ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--clip", defaultValue = "5.0", description = "Gradient-norm clip. Default: ${DEFAULT-VALUE}")
    double clip;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of split, initialisation, shuffling and dropout. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--val-fraction", defaultValue = "0.1", description = "Validation fraction. Default: ${DEFAULT-VALUE}")
    double valFraction;

    @Option(names = "--patience", defaultValue = "12", description = "Early-stopping patience in epochs. Default: ${DEFAULT-VALUE}")
    int patience;

    @Option(names = "--lr-plateau", defaultValue = "5", description = "Halve the lr after this many epochs without improvement. Default: ${DEFAULT-VALUE}")
    int lrPlateau;

    @Option(names = "--max-minutes", defaultValue = "0", description = "Wall-clock cap for all members together, minutes (0 = none). Default: ${DEFAULT-VALUE}")
    double maxMinutes;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads. Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--no-augment", description = "Train without random missing-band dropout")
    boolean noAugment;

    public int members() {
        return members;
    }

    public String hiddenText() {
        return hidden;
    }

    public int[] hiddenWidths() {
        return MdnArchitecture.parseHidden(hidden);
    }

    public String activationText() {
        return activation;
    }

    public Activation activation() {
        return MdnArchitecture.parseActivation(activation);
    }

    public int threads() {
        return threads;
    }

    /** Null for the default augmentation (the caller's), {@link BandDropout#none()} with --no-augment. */
    public BandDropout dropoutOverride() {
        return noAugment ? BandDropout.none() : null;
    }

    /** The optimiser and stopping settings; no --max-minutes means a 30-day cap, i.e. none. */
    public TrainingConfig config() {
        Duration cap = maxMinutes > 0 ? Duration.ofSeconds(Math.round(maxMinutes * 60)) : Duration.ofDays(30);
        return new TrainingConfig(epochs, batch, lr, clip, valFraction, patience, seed, cap, lrPlateau, 0.5);
    }
}
