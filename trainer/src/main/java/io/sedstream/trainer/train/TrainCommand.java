package io.sedstream.trainer.train;

import io.sedstream.trainer.export.BundleExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code train}: library -> MDN ensemble (DJL/PyTorch) -> ONNX model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a neural posterior estimator (full-covariance MDN ensemble) on a simulated library "
                + "and write a model bundle (manifest.json + one ONNX file per member + training.json).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--library", required = true, description = "Training library directory (written by simulate)")
    Path library;

    @Option(names = "--out", required = true, description = "Bundle directory, conventionally models/<name>/<version>")
    Path out;

    @Option(names = "--name", description = "Model name (default: the parent directory name of --out)")
    String name;

    @Option(names = "--version", description = "Model version (default: the directory name of --out)")
    String version;

    @Option(names = "--description", defaultValue = "", description = "Free-text description for the manifest")
    String description;

    @Option(names = "--max-rows", defaultValue = "0", description = "Use only the first N galaxies (0 = all). Default: ${DEFAULT-VALUE}")
    long maxRows;

    @Option(names = "--members", defaultValue = "2", description = "Ensemble members (different seeds). Default: ${DEFAULT-VALUE}")
    int members;

    @Option(names = "--components", defaultValue = "20", description = "Mixture components K. Default: ${DEFAULT-VALUE}")
    int components;

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

    @Override
    public Integer call() throws Exception {
        Path abs = out.toAbsolutePath().normalize();
        String modelName = name != null ? name : abs.getParent() != null ? abs.getParent().getFileName().toString() : "model";
        String modelVersion = version != null ? version : abs.getFileName().toString();
        Duration cap = maxMinutes > 0 ? Duration.ofSeconds(Math.round(maxMinutes * 60)) : Duration.ofDays(30);
        TrainingConfig config = new TrainingConfig(epochs, batch, lr, clip, valFraction, patience, seed, cap, lrPlateau, 0.5);
        String text = description.isBlank()
                ? String.format(Locale.ROOT, "MDN ensemble (%d members, K=%d, hidden %s, %s) trained on %s", members, components,
                hidden, activation, library.getFileName()) : description;
        TrainingRun.Settings settings = new TrainingRun.Settings(library, maxRows, out,
                new BundleExporter.BundleIdentity(modelName, modelVersion, text), members, components,
                MdnArchitecture.parseHidden(hidden), MdnArchitecture.parseActivation(activation), config,
                noAugment ? BandDropout.none() : null, threads);
        TrainingRun.Outcome o = TrainingRun.run(settings, line -> System.err.println(line));
        System.out.printf(Locale.ROOT, "trained %s/%s: %,d galaxies, %d member(s), %.0f rows/s mean, %.1f min wall, parity %.1e -> %s%n",
                modelName, modelVersion, o.trainingRows(), o.members().size(), o.meanRowsPerSecond(), o.wallSeconds() / 60,
                o.parityMaxAbsDifference(), out);
        return 0;
    }
}
