package io.sedstream.trainer.train;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.bundle.Provenance;
import io.sedstream.inference.onnx.MlpWeights;
import io.sedstream.trainer.export.BundleExporter;
import io.sedstream.trainer.export.ParityCheck;
import io.sedstream.trainer.library.LibraryManifest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One training job from library to bundle: load the library, fit the encoder's softening and
 * standardisation on it, train the ensemble on features from the inference FeatureEncoder with
 * random band dropout, export every member through the shared ONNX writer, check ONNX Runtime
 * against the DJL network, and write {@code training.json} (settings, per-epoch history, timings).
 */
public final class TrainingRun {

    /** Rows used for the post-export parity check. */
    private static final int PARITY_ROWS = 256;

    /**
     * Everything the job needs.
     *
     * @param parallelMembers 1: members train one after another in this JVM; P &gt; 1: up to P at a
     *                        time, each in its own child JVM ({@link ParallelMembers})
     * @param redshiftInput   train a spectroscopic-redshift model: the true redshift is an input
     *                        feature and not a parameter to infer (manifest {@code features.redshiftInput})
     */
    public record Settings(List<Path> libraries, long maxRows, Path out, BundleExporter.BundleIdentity identity, int members,
                           int components, int[] hidden, io.sedstream.inference.onnx.Activation activation,
                           TrainingConfig training, BandDropout dropout, int threads, String logitParameters,
                           int parallelMembers, boolean redshiftInput) {
        public Settings {
            libraries = List.copyOf(libraries);
            if (libraries.isEmpty()) {
                throw new IllegalArgumentException("at least one training library (--library) is needed");
            }
            if (parallelMembers < 1) {
                throw new IllegalArgumentException("--parallel-members must be >= 1, got " + parallelMembers);
            }
            if (members < 1) {
                throw new IllegalArgumentException("--members must be >= 1, got " + members);
            }
        }

        /** One library, a photometric-redshift model: redshift is inferred with the other parameters. */
        public Settings(Path library, long maxRows, Path out, BundleExporter.BundleIdentity identity, int members,
                        int components, int[] hidden, io.sedstream.inference.onnx.Activation activation,
                        TrainingConfig training, BandDropout dropout, int threads, String logitParameters, int parallelMembers) {
            this(List.of(library), maxRows, out, identity, members, components, hidden, activation, training, dropout, threads,
                    logitParameters, parallelMembers, false);
        }

        /** The libraries as one text, for logs and the provenance. */
        String librariesText() {
            return libraries.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" + "));
        }

        /** These settings for one child JVM: its intra-op threads, no further parallelism. */
        Settings forChild(int childThreads) {
            return new Settings(libraries, maxRows, out, identity, members, components, hidden, activation, training, dropout,
                    childThreads, logitParameters, 1, redshiftInput);
        }
    }

    /** The library and everything fitted on it that the training and the export both need. */
    record Inputs(TrainingLibraries libraries, TrainingTable table, ModelPreparation prep, BandDropout dropout,
                  LibraryBatchSource source, MdnArchitecture arch) {
    }

    /** Reads the library and fits the encoding and parameter standardisation: the same in the parent and every child JVM. */
    static Inputs load(Settings s) {
        TrainingLibraries libraries = TrainingLibraries.open(s.libraries());
        LibraryManifest library = libraries.parameterView();
        TrainingTable table = libraries.read(s.maxRows());
        // A redshift-input model reads the true redshift as a feature and infers the rest.
        double[] redshiftInput = null;
        if (s.redshiftInput()) {
            redshiftInput = table.column(io.sedstream.inference.Estimator.REDSHIFT_PARAMETER);
            table = table.withoutParameter(io.sedstream.inference.Estimator.REDSHIFT_PARAMETER);
        }
        java.util.Set<String> priorBounded = library.parameters().stream().filter(p -> p.priorLower() != null && p.priorUpper() != null)
                .map(LibraryManifest.Parameter::name).collect(java.util.stream.Collectors.toSet());
        ModelPreparation prep = ModelPreparation.fit(table, library,
                logitParameters(s.logitParameters(), table.parameterNames(), priorBounded), redshiftInput);
        BandDropout dropout = s.dropout() != null ? s.dropout() : BandDropout.defaultFor(table.bandNames());
        LibraryBatchSource source = new LibraryBatchSource(table, prep.encoder(), prep.parameters(), dropout, redshiftInput);
        MdnArchitecture arch = new MdnArchitecture(source.featureCount(), source.parameterCount(), s.components(), s.hidden(),
                s.activation());
        return new Inputs(libraries, table, prep, dropout, source, arch);
    }

    /**
     * The parameters {@code --logit-parameters default} transforms, where the library has them: the
     * ones whose prior fills a box with hard walls and whose posteriors often reach a wall. A
     * controlled comparison at equal budget (trainer/README.md) moved their 68% coverage from
     * 0.52-0.55 to 0.69-0.73 and TARP's |ECP(0.5) - 0.5| from 0.077 to 0.010.
     */
    public static final List<String> DEFAULT_LOGIT = io.sedstream.sed.model.OutputParameter.logitByDefaultNames();
    /** {@link #DEFAULT_LOGIT} as text, a compile-time constant for option help (a test keeps the two equal). */
    public static final String DEFAULT_LOGIT_TEXT = "log10_metallicity, log10_av, t25, t50, t75";

    /**
     * The set a --logit-parameters value names, checked against the library's parameters;
     * {@code default} takes those of {@link #DEFAULT_LOGIT} that the library's prior bounds
     * ({@code priorBounded}: in the delayed-tau model, t25-t75 are derived and stay untransformed).
     */
    public static java.util.Set<String> logitParameters(String option, List<String> libraryParameters,
                                                        java.util.Set<String> priorBounded) {
        String text = option == null ? "default" : option.trim();
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        if (text.equals("none") || text.isEmpty()) {
            return out;
        }
        if (text.equals("default")) {
            for (String name : DEFAULT_LOGIT) {
                if (libraryParameters.contains(name) && priorBounded.contains(name)) {
                    out.add(name);
                }
            }
            return out;
        }
        for (String part : text.split(",")) {
            String name = part.trim();
            if (!libraryParameters.contains(name)) {
                throw new IllegalArgumentException("--logit-parameters names '" + name + "', which the library does not have (it has "
                        + libraryParameters + ")");
            }
            out.add(name);
        }
        return out;
    }

    /** What the job produced. */
    public record Outcome(Manifest manifest, List<TrainedMember> members, double parityMaxAbsDifference,
                          double meanRowsPerSecond, double aggregateRowsPerSecond, double wallSeconds, int trainingRows) {
    }

    private TrainingRun() {
    }

    public static Outcome run(Settings s, Consumer<String> progress) throws IOException, OrtException, InterruptedException {
        long start = System.nanoTime();
        Engine engine = TorchRuntime.engine(s.threads());
        progress.accept((s.libraries().size() > 1 ? "reading libraries " : "reading library ") + s.librariesText() + (s.maxRows() > 0 ? " (first " + s.maxRows() + " rows)" : ""));
        Inputs in = load(s);
        TrainingTable table = in.table();
        ModelPreparation prep = in.prep();
        LibraryBatchSource source = in.source();
        MdnArchitecture arch = in.arch();
        progress.accept(String.format(Locale.ROOT, "%,d galaxies, %d bands, %d parameters%s; %s (%,d weights); %d member(s)%s; dropout: %s; logit: %s",
                table.rows(), table.bandCount(), table.parameterCount(), s.redshiftInput() ? " (redshift an input)" : "", arch, arch.weightCount(), s.members(),
                ParallelMembers.concurrency(s) > 1 ? ", up to " + ParallelMembers.concurrency(s) + " at a time in child JVMs" : "",
                in.dropout(),
                prep.parameters().stream().filter(p -> p.transform() == io.sedstream.inference.bundle.ParameterTransform.LOGIT)
                        .map(io.sedstream.inference.bundle.ParameterSpec::name).toList()));
        // One member (or P = 1) has nothing to run beside it: train in this JVM, without a child's start-up.
        List<TrainedMember> members = ParallelMembers.concurrency(s) > 1
                ? ParallelMembers.train(s, progress)
                : new MdnTrainer(engine, progress).trainEnsemble(source, arch, s.training(), s.members());

        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Double> summary = new java.util.TreeMap<>();
        for (TrainedMember m : members) {
            summary.put("val_neg_log_prob.member" + m.member(), m.bestValidationLoss());
        }
        Provenance provenance = new Provenance(librariesDescription(s, in.libraries(), table.rows())
                + (s.redshiftInput() ? "; redshift is an input (spectroscopic), not inferred" : ""), created, summary,
                in.libraries().ids());
        List<MlpWeights> weights = members.stream().map(TrainedMember::weights).toList();
        Manifest manifest = BundleExporter.export(s.out(), s.identity(), prep.bands(), prep.features(), prep.parameters(),
                s.components(), members, provenance);

        float[] parityFeatures = new float[PARITY_ROWS * arch.featureCount()];
        float[] parityTheta = new float[PARITY_ROWS * arch.parameterCount()];
        int rows = Math.min(PARITY_ROWS, table.rows());
        int[] ids = java.util.stream.IntStream.range(0, rows).toArray();
        source.fill(ids, 0, rows, parityFeatures, parityTheta, new SplittableRandom(s.training().seed()), true);
        ParityCheck.Parity parity;
        try (ModelBundle bundle = ModelBundle.load(s.out())) {
            parity = ParityCheck.compare(engine, arch, weights, bundle, java.util.Arrays.copyOf(parityFeatures,
                    rows * arch.featureCount()), rows);
        }
        progress.accept(String.format(Locale.ROOT, "exported %d member(s) to %s; ONNX Runtime vs DJL max |difference| = %.2e on %d rows",
                members.size(), s.out(), parity.maxAbs(), rows) + String.format(Locale.ROOT,
                " (at an output of magnitude %.1f); scaled |difference| / max(1, |output|) = %.2e", parity.magnitudeAtWorstAbs(),
                parity.maxScaled()));
        double wall = (System.nanoTime() - start) / 1e9;
        double rowsPerSecond = meanRowsPerSecond(members);
        double aggregate = aggregateRowsPerSecond(members, ParallelMembers.concurrency(s));
        writeTrainingLog(s, arch, table, members, parity, rowsPerSecond, aggregate, wall, created);
        return new Outcome(manifest, members, parity.maxAbs(), rowsPerSecond, aggregate, wall, table.rows());
    }

    private static void writeTrainingLog(Settings s, MdnArchitecture arch, TrainingTable table, List<TrainedMember> members,
                                         ParityCheck.Parity parity, double rowsPerSecond, double aggregate, double wall, String created)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("created", created);
        root.put("library", s.librariesText());
        ArrayNode libs = root.putArray("libraries");
        s.libraries().forEach(p -> libs.add(p.toString()));
        root.put("rows", table.rows());
        root.put("architecture", arch.toString());
        root.put("weights_per_member", arch.weightCount());
        ObjectNode config = root.putObject("config");
        putConfig(config, s.training(), s.members(), s.threads(),
                s.dropout() != null ? s.dropout() : BandDropout.defaultFor(table.bandNames()));
        config.put("parallel_members", s.parallelMembers());
        config.put("member_intra_op_threads", ParallelMembers.memberThreads(s));
        config.put("redshift_input", s.redshiftInput());
        root.put("mean_rows_per_second", rowsPerSecond);
        root.put("aggregate_rows_per_second", aggregate);
        root.put("wall_seconds", wall);
        root.put("parity_max_abs_difference", parity.maxAbs());
        root.put("parity_output_magnitude_at_max_abs_difference", parity.magnitudeAtWorstAbs());
        root.put("parity_max_scaled_difference", parity.maxScaled());
        putMembers(root.putArray("members"), members);
        mapper.writeValue(s.out().resolve("training.json").toFile(), root);
    }

    /** The run's settings in {@code training.json} (shared by every trainer command). */
    public static void putConfig(ObjectNode cfg, TrainingConfig c, int members, int threads, BandDropout dropout) {
        cfg.put("members", members);
        cfg.put("max_epochs", c.maxEpochs());
        cfg.put("batch", c.batchSize());
        cfg.put("lr", c.learningRate());
        cfg.put("gradient_clip_norm", c.gradientClipNorm());
        cfg.put("val_fraction", c.validationFraction());
        cfg.put("patience", c.patience());
        cfg.put("seed", c.seed());
        cfg.put("max_wall_seconds", c.maxWall().toSeconds());
        cfg.put("intra_op_threads", threads);
        cfg.put("dropout", dropout.toString());
    }

    /** Per member: seed, best epoch and loss, stop reason and the per-epoch history, in {@code training.json}. */
    public static void putMembers(ArrayNode ms, List<TrainedMember> members) {
        for (TrainedMember m : members) {
            ObjectNode mn = ms.addObject();
            mn.put("member", m.member());
            mn.put("seed", m.seed());
            mn.put("best_epoch", m.bestEpoch());
            mn.put("best_val_neg_log_prob", m.bestValidationLoss());
            mn.put("stop_reason", m.stopReason());
            ArrayNode h = mn.putArray("history");
            for (EpochReport e : m.history()) {
                h.addObject().put("epoch", e.epoch()).put("train", e.trainLoss()).put("val", e.validationLoss())
                        .put("lr", e.learningRate()).put("rows_per_second", e.rowsPerSecond()).put("elapsed_s", e.elapsedSeconds());
            }
        }
    }

    /**
     * Training throughput of the ensemble as a whole: members run {@code concurrent} at a time, in
     * order (members 0..P-1, then P..2P-1, ...); per such wave the sum of its members' mean rows/s,
     * averaged over the waves. Equal to the mean of the members' means when one runs at a time.
     */
    public static double aggregateRowsPerSecond(List<TrainedMember> members, int concurrent) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("concurrent members must be >= 1, got " + concurrent);
        }
        double sum = 0;
        int waves = 0;
        for (int from = 0; from < members.size(); from += concurrent) {
            double wave = 0;
            for (TrainedMember m : members.subList(from, Math.min(members.size(), from + concurrent))) {
                wave += meanRowsPerSecond(List.of(m));
            }
            sum += wave;
            waves++;
        }
        return waves == 0 ? Double.NaN : sum / waves;
    }

    /** Mean training throughput over every epoch of every member. */
    public static double meanRowsPerSecond(List<TrainedMember> members) {
        double sum = 0;
        int n = 0;
        for (TrainedMember m : members) {
            for (EpochReport e : m.history()) {
                sum += e.rowsPerSecond();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Each library with its model, seed, noise, prior and selection; for several, the rows used in all
     * (interleaved in proportion to their sizes).
     */
    static String librariesDescription(Settings s, TrainingLibraries libraries, int rows) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < libraries.directories().size(); i++) {
            LibraryManifest m = libraries.manifests().get(i);
            parts.add(libraries.directories().get(i) + " (" + (libraries.directories().size() > 1 ? "model " + m.model() + ", " : "")
                    + "seed " + m.seed() + ", " + (libraries.directories().size() > 1 ? m.n() : rows) + " galaxies, noise "
                    + m.noiseModel() + ", prior " + priorRecipe(m) + (m.selection() != null ? ", selection " + m.selection() : "") + ")");
        }
        return parts.size() == 1 ? parts.get(0)
                : String.join(" + ", parts) + "; " + rows + " galaxies used, interleaved in proportion to the libraries' sizes";
    }

    /** "uniform" or the population named in the library's prior descriptions (recorded in the bundle's provenance). */
    static String priorRecipe(io.sedstream.trainer.library.LibraryManifest library) {
        return library.prior().stream().map(io.sedstream.trainer.library.LibraryManifest.PriorParameter::distribution)
                .filter(d -> d.startsWith("population ")).map(d -> d.substring(0, d.indexOf(':'))).findFirst()
                .orElse("from the model file's prior lines");
    }
}
