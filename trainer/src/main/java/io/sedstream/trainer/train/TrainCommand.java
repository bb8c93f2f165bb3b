package io.sedstream.trainer.train;

import io.sedstream.trainer.export.BundleExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code train}: library -> MDN ensemble (DJL/PyTorch) -> ONNX model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a neural posterior estimator (full-covariance MDN ensemble) on a simulated library "
                + "and write a model bundle (manifest.json + one ONNX file per member + training.json).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--library", required = true, description = "Training library directory (written by simulate); repeat it "
            + "to train on the union of several forward-model families (same bands and parameters; rows interleaved in "
            + "proportion to the libraries' sizes)")
    List<Path> libraries;

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

    @Option(names = "--components", defaultValue = "20", description = "Mixture components K. Default: ${DEFAULT-VALUE}")
    int components;

    @Option(names = "--logit-parameters", defaultValue = "default", description = "Parameters the network models as the logit "
            + "of their place in the prior box: a comma list, 'none', or 'default' (those of " + TrainingRun.DEFAULT_LOGIT_TEXT
            + " the library has: the box-bounded, prior-dominated ones). Default: ${DEFAULT-VALUE}")
    String logitParameters;

    @Option(names = "--parallel-members", defaultValue = "1", description = "Train up to P ensemble members at a time, each in "
            + "its own child JVM with max(1, threads/P) intra-op threads (1 = one after another in this JVM). Default: ${DEFAULT-VALUE}")
    int parallelMembers;

    @Option(names = "--redshift-input", description = "Train a spectroscopic-redshift model: each galaxy's true redshift is an "
            + "input feature and the network infers the other parameters only (serving then needs a specZ on every record)")
    boolean redshiftInput;

    @Mixin
    TrainingOptions training;

    @Override
    public Integer call() throws Exception {
        Path abs = out.toAbsolutePath().normalize();
        String modelName = name != null ? name : abs.getParent() != null ? abs.getParent().getFileName().toString() : "model";
        String modelVersion = version != null ? version : abs.getFileName().toString();
        String text = description.isBlank()
                ? String.format(Locale.ROOT, "MDN ensemble (%d members, K=%d, hidden %s, %s%s) trained on %s", training.members(),
                components, training.hiddenText(), training.activationText(), redshiftInput ? ", redshift an input" : "",
                libraries.stream().map(p -> String.valueOf(p.getFileName())).collect(java.util.stream.Collectors.joining(" + ")))
                : description;
        TrainingRun.Settings settings = new TrainingRun.Settings(libraries, maxRows, out,
                new BundleExporter.BundleIdentity(modelName, modelVersion, text), training.members(), components,
                training.hiddenWidths(), training.activation(), training.config(), training.dropoutOverride(),
                training.threads(), logitParameters, parallelMembers, redshiftInput);
        TrainingRun.Outcome o = TrainingRun.run(settings, line -> System.err.println(line));
        System.out.printf(Locale.ROOT, "trained %s/%s: %,d galaxies, %d member(s), %.0f rows/s mean per member, %.0f rows/s "
                        + "aggregate, %.1f min wall, parity %.1e -> %s%n",
                modelName, modelVersion, o.trainingRows(), o.members().size(), o.meanRowsPerSecond(), o.aggregateRowsPerSecond(),
                o.wallSeconds() / 60,
                o.parityMaxAbsDifference(), out);
        return 0;
    }
}
