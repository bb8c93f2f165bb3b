package io.sedstream.trainer.evidence;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.MemberSpec;
import io.sedstream.inference.bundle.ModelBundleWriter;
import io.sedstream.inference.bundle.ModelIdentity;
import io.sedstream.inference.bundle.Provenance;
import io.sedstream.inference.evidence.EvidenceNetwork;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.onnx.MlpWeights;
import io.sedstream.trainer.export.ParityCheck;
import io.sedstream.trainer.train.BandDropout;
import io.sedstream.trainer.train.ClassifierNetwork;
import io.sedstream.trainer.train.EnsembleTrainer;
import io.sedstream.trainer.train.LibraryBatchSource;
import io.sedstream.trainer.train.ModelPreparation;
import io.sedstream.trainer.train.TorchRuntime;
import io.sedstream.trainer.train.TrainedMember;
import io.sedstream.trainer.train.TrainingConfig;
import io.sedstream.trainer.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One evidence-network training job: two libraries -> balanced labelled table -> encoder fitted on
 * both -> classifier ensemble trained by binary cross-entropy on the logit (the shared
 * {@link EnsembleTrainer} loop, the NPE's {@link BandDropout} augmentation through the same
 * {@link LibraryBatchSource} and inference {@code FeatureEncoder}) -> evidence bundle through
 * {@code ModelBundleWriter.writeNetworks} -> ONNX Runtime vs DJL parity -> {@code training.json}.
 *
 * <p>The idea is Jeffrey &amp; Wandelt 2024 ("Evidence Networks: simple losses for fast, amortized,
 * neural Bayesian model comparison", MLST 5, 015008): a classifier trained on simulations of both
 * models estimates the Bayes factor. They propose the l-POP exponential loss, whose optimum is the
 * Bayes factor itself; we use binary cross-entropy instead, the log-loss proper scoring rule, whose
 * optimal logit with balanced classes is ln K: standard, numerically tame with PyTorch's softplus,
 * and directly a calibrated probability.
 */
public final class EvidenceTrainingRun {

    /** Rows used for the post-export parity check. */
    private static final int PARITY_ROWS = 256;

    /**
     * @param model1 identity of model 1 (null: its library's model name, version "seed-&lt;library seed&gt;")
     * @param dropout augmentation (null: {@link BandDropout#defaultFor}, as the NPE)
     */
    public record Settings(Path library1, Path library2, long maxRowsPerModel, Path out, String name, String version,
                           String description, ModelIdentity model1, ModelIdentity model2, int members, int[] hidden,
                           Activation activation, TrainingConfig training, BandDropout dropout, int threads) {
    }

    /** What the job produced. */
    public record Outcome(Manifest manifest, List<TrainedMember> members, double parityMaxAbsDifference,
                          double wallSeconds, int rowsPerModel) {
    }

    private EvidenceTrainingRun() {
    }

    /** The identity a library stands for when none is given: its model name, versioned by its seed. */
    static ModelIdentity defaultIdentity(io.sedstream.trainer.library.LibraryManifest library) {
        return new ModelIdentity(library.model(), "seed-" + library.seed(), library.model());
    }

    public static Outcome run(Settings s, Consumer<String> progress) throws IOException {
        long start = System.nanoTime();
        Engine engine = TorchRuntime.engine(s.threads());
        progress.accept("reading libraries " + s.library1() + " (model 1) and " + s.library2() + " (model 2)"
                + (s.maxRowsPerModel() > 0 ? ", at most " + s.maxRowsPerModel() + " rows each" : ""));
        EvidenceLibraries data = EvidenceLibraries.read(s.library1(), s.library2(), s.maxRowsPerModel());
        ModelIdentity id1 = s.model1() != null ? s.model1() : defaultIdentity(data.model1());
        ModelIdentity id2 = s.model2() != null ? s.model2() : defaultIdentity(data.model2());
        ModelPreparation.Encoding encoding = ModelPreparation.fitEncoding(data.table());
        BandDropout dropout = s.dropout() != null ? s.dropout() : BandDropout.defaultFor(data.table().bandNames());
        LibraryBatchSource source = new LibraryBatchSource(data.table(), encoding.encoder(), List.of(EvidenceLibraries.LABEL_SPEC), dropout);
        int f = source.featureCount();
        progress.accept(String.format(Locale.ROOT, "balanced classes: %,d galaxies per model (%,d rows); %d features; hidden %s %s; "
                        + "%d member(s); loss: binary cross-entropy on the logit (= ln K at the optimum); dropout: %s",
                data.rowsPerModel(), data.table().rows(), f, Arrays.toString(s.hidden()), s.activation(), s.members(), dropout));
        List<TrainedMember> members = new EnsembleTrainer(engine, progress).trainEnsemble(source,
                (root, seed) -> ClassifierNetwork.initialise(root, f, s.hidden(), s.activation(), seed), s.training(), s.members());

        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Double> summary = new TreeMap<>();
        for (TrainedMember m : members) {
            summary.put("val_bce.member" + m.member(), m.bestValidationLoss());
        }
        // The training seeds, so validate-evidence can refuse a "held-out" library that is a training library.
        summary.put("training.seed.model1", (double) data.model1().seed());
        summary.put("training.seed.model2", (double) data.model2().seed());
        List<MemberSpec> specs = new ArrayList<>();
        Map<String, MlpWeights> nets = new LinkedHashMap<>();
        for (TrainedMember m : members) {
            String file = String.format(Locale.ROOT, "member-%02d.onnx", m.member());
            specs.add(new MemberSpec(file, 1.0 / members.size(), m.seed()));
            nets.put(file, m.weights());
        }
        String text = s.description() != null && !s.description().isBlank() ? s.description()
                : String.format(Locale.ROOT, "Evidence network %s vs %s: classifier ensemble (%d members, hidden %s, %s) on %,d galaxies "
                        + "per model; output ln K = ln p(x|M1) - ln p(x|M2)", id1.name(), id2.name(), members.size(),
                Arrays.toString(s.hidden()), s.activation(), data.rowsPerModel());
        Manifest manifest = Manifest.evidence(Manifest.FORMAT_VERSION, s.name(), s.version(), text, false, id1, id2,
                encoding.bands(), encoding.features(), specs, new Provenance(data.describe(), created, summary,
                        List.of(new Provenance.TrainingLibraryId(data.model1().model(), data.model1().seed()),
                                new Provenance.TrainingLibraryId(data.model2().model(), data.model2().seed()))));
        ModelBundleWriter.writeNetworks(s.out(), manifest, nets);

        int rows = Math.min(PARITY_ROWS, data.table().rows());
        float[] parityFeatures = new float[rows * f];
        float[] labels = new float[rows];
        // Rows from both models (the table holds model 1 then model 2), with augmentation, as served.
        int[] ids = new int[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = (int) ((long) i * data.table().rows() / rows);
        }
        source.fill(ids, 0, rows, parityFeatures, labels, new SplittableRandom(s.training().seed()), true);
        double parity;
        try (EvidenceNetwork network = EvidenceNetwork.load(s.out())) {
            parity = ParityCheck.evidenceMaxAbsDifference(engine, members.stream().map(TrainedMember::weights).toList(), network,
                    parityFeatures, rows);
        }
        progress.accept(String.format(Locale.ROOT, "exported %d member(s) to %s; ONNX Runtime vs DJL max |difference| of ln K = %.2e on %d rows",
                members.size(), s.out(), parity, rows));
        double wall = (System.nanoTime() - start) / 1e9;
        writeTrainingLog(s, data, f, members, dropout, parity, wall, created);
        return new Outcome(manifest, members, parity, wall, data.rowsPerModel());
    }

    private static void writeTrainingLog(Settings s, EvidenceLibraries data, int features, List<TrainedMember> members,
                                         BandDropout dropout, double parity, double wall, String created) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("created", created);
        root.put("kind", "evidence-network");
        root.put("library_model1", s.library1().toString());
        root.put("library_model2", s.library2().toString());
        root.put("seed_model1", data.model1().seed());
        root.put("seed_model2", data.model2().seed());
        root.put("rows_per_model", data.rowsPerModel());
        root.put("classes", "balanced: equal rows per model (equal prior odds)");
        root.put("loss", "binary cross-entropy on the logit (Bayes-optimal logit = ln K); Jeffrey & Wandelt 2024 idea, "
                + "BCE instead of their l-POP exponential loss");
        root.put("architecture", features + " -> " + Arrays.toString(s.hidden()) + " -> 1, " + s.activation());
        TrainingRun.putConfig(root.putObject("config"), s.training(), s.members(), s.threads(), dropout);
        root.put("mean_rows_per_second", TrainingRun.meanRowsPerSecond(members));
        root.put("wall_seconds", wall);
        root.put("parity_max_abs_difference", parity);
        TrainingRun.putMembers(root.putArray("members"), members);
        mapper.writeValue(s.out().resolve("training.json").toFile(), root);
    }
}
