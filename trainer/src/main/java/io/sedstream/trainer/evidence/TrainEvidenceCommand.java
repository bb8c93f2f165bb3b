package io.sedstream.trainer.evidence;

import io.sedstream.inference.bundle.ModelIdentity;
import io.sedstream.trainer.train.TrainingOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train-evidence}: two libraries -> classifier ensemble (DJL/PyTorch) -> evidence-network bundle. */
@Command(name = "train-evidence", mixinStandardHelpOptions = true,
        description = "Train an evidence network (Jeffrey & Wandelt 2024) on simulations of two models: a classifier whose logit "
                + "estimates ln K = ln p(x|M1) - ln p(x|M2), with the NPE's band dropout; writes an evidence bundle "
                + "(manifest.json + one ONNX file per member + training.json).")
public final class TrainEvidenceCommand implements Callable<Integer> {

    @Option(names = "--library-m1", required = true, description = "Library of model 1 (written by simulate)")
    Path library1;

    @Option(names = "--library-m2", required = true, description = "Library of model 2 (same bands, filters and noise)")
    Path library2;

    @Option(names = "--out", required = true, description = "Bundle directory, conventionally models/evidence-<m1>-vs-<m2>/<version>")
    Path out;

    @Option(names = "--name", description = "Bundle name (default: the parent directory name of --out)")
    String name;

    @Option(names = "--version", description = "Bundle version (default: the directory name of --out)")
    String version;

    @Option(names = "--description", defaultValue = "", description = "Free-text description for the manifest")
    String description;

    @Option(names = "--model1", description = "Identity of model 1 as NAME:VERSION (default: the library's model, version seed-<library seed>)")
    String model1;

    @Option(names = "--model2", description = "Identity of model 2 as NAME:VERSION (default: the library's model, version seed-<library seed>)")
    String model2;

    @Option(names = "--max-rows", defaultValue = "0", description = "Use at most N galaxies PER MODEL (0 = all of the smaller library). Default: ${DEFAULT-VALUE}")
    long maxRows;


    @Mixin
    TrainingOptions training;

    @Override
    public Integer call() throws Exception {
        Path abs = out.toAbsolutePath().normalize();
        String bundleName = name != null ? name : abs.getParent() != null ? abs.getParent().getFileName().toString() : "evidence";
        String bundleVersion = version != null ? version : abs.getFileName().toString();
        EvidenceTrainingRun.Settings settings = new EvidenceTrainingRun.Settings(library1, library2, maxRows, out, bundleName,
                bundleVersion, description, identity(model1, "--model1", library1), identity(model2, "--model2", library2), training.members(),
                training.hiddenWidths(), training.activation(), training.config(), training.dropoutOverride(),
                training.threads());
        EvidenceTrainingRun.Outcome o = EvidenceTrainingRun.run(settings, System.err::println);
        System.out.printf(Locale.ROOT, "trained evidence network %s/%s (%s vs %s): %,d galaxies per model, %d member(s), "
                        + "best val BCE %.4f (ln 2 = 0.6931 is chance), %.1f min wall, parity %.1e -> %s%n",
                bundleName, bundleVersion, o.manifest().model1().label(), o.manifest().model2().label(), o.rowsPerModel(),
                o.members().size(), o.members().stream().mapToDouble(m -> m.bestValidationLoss()).min().orElse(Double.NaN),
                o.wallSeconds() / 60, o.parityMaxAbsDifference(), out);
        return 0;
    }

    /** NAME:VERSION -> identity; the forward-model name is the library's. Null when not given. */
    private static ModelIdentity identity(String text, String option, Path library) {
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(option + " must be NAME:VERSION, got '" + text + "'");
        }
        String forwardModel = io.sedstream.trainer.library.LibraryReader.open(library).manifest().model();
        return new ModelIdentity(text.substring(0, colon), text.substring(colon + 1), forwardModel);
    }
}
