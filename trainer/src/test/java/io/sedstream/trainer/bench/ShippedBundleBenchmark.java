package io.sedstream.trainer.bench;

import io.sedstream.inference.EstimateOptions;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.posterior.MixturePosterior;
import io.sedstream.inference.posterior.ParameterSummary;
import io.sedstream.trainer.train.LibraryTables;
import io.sedstream.trainer.train.TrainingTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Per-record cost (encode + every ONNX member + exact marginal summaries) of a TRAINED bundle on
 * real held-out galaxies, one thread, JMH sample-time mode (prints the median p0.50).
 * {@code estimate} is one record per call; {@code estimateBatch} is per record in batches of
 * {@value #BATCH}, the path the stream runs. System properties: {@code bundle} (default
 * models/default/1.2.0) and {@code library} (a held-out library, default
 * /tmp/sedstream-libs/default-heldout-20000) and {@code benchmarks} (a regex of method names, default
 * all). {@code summarise} is the summaries alone, from the network outputs of the same records.
 * Command in trainer/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Threads(1)
public class ShippedBundleBenchmark {

    private static final int RECORDS = 512;
    static final int BATCH = 64;

    private Estimator estimator;
    private final List<List<BandFlux>> records = new ArrayList<>();
    private final List<List<Estimator.BatchItem>> batches = new ArrayList<>();
    private int next;
    private int nextBatch;
    // summarise: the shipped network's outputs for the same records, and a posterior workspace.
    private final List<float[]> networkOutputs = new ArrayList<>();
    private MixturePosterior posterior;
    private int nextOutput;

    @Setup(Level.Trial)
    public void setUp() {
        Path bundle = Path.of(System.getProperty("bundle", "models/default/1.2.0"));
        Path library = Path.of(System.getProperty("library", "/tmp/sedstream-libs/default-heldout-20000"));
        estimator = Estimator.load(bundle);
        TrainingTable t = LibraryTables.read(library, RECORDS);
        for (int r = 0; r < t.rows(); r++) {
            List<BandFlux> phot = new ArrayList<>();
            for (int b = 0; b < t.bandCount(); b++) {
                phot.add(BandFlux.observed(t.bandNames().get(b), t.flux(r, b), t.fluxErr(r, b)));
            }
            records.add(phot);
        }
        for (int from = 0; from + BATCH <= records.size(); from += BATCH) {
            List<Estimator.BatchItem> batch = new ArrayList<>();
            for (List<BandFlux> r : records.subList(from, from + BATCH)) {
                batch.add(new Estimator.BatchItem(r, null, EstimateOptions.summariesOnly()));
            }
            batches.add(batch);
        }
        posterior = MixturePosterior.forManifest(estimator.manifest());
        int width = estimator.manifest().mixtureLayout().width();
        for (List<BandFlux> r : records) {
            estimator.estimate(r);
            float[] row = new float[width];
            estimator.lastNetworkOutput(0, row);
            networkOutputs.add(row);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        estimator.close();
    }

    @Benchmark
    public PosteriorResult estimate() {
        List<BandFlux> r = records.get(next);
        next = (next + 1) % records.size();
        return estimator.estimate(r);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<Estimator.BatchOutcome> estimateBatch() {
        List<Estimator.BatchItem> b = batches.get(nextBatch);
        nextBatch = (nextBatch + 1) % batches.size();
        return estimator.estimateBatch(b);
    }

    /**
     * The exact marginal summaries alone, per record in runs of {@value #BATCH}: the shipped
     * network's (single-member) output for each record is loaded and every parameter summarised,
     * which is what {@code estimateBatch} does after its ONNX call.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double summarise() {
        double sink = 0;
        int d = posterior.dimensions();
        for (int b = 0; b < BATCH; b++) {
            posterior.set(networkOutputs.get(nextOutput), 0);
            nextOutput = (nextOutput + 1) % networkOutputs.size();
            for (int i = 0; i < d; i++) {
                ParameterSummary s = posterior.summarise(i);
                sink += s.median() + s.mode() + s.std();
            }
        }
        return sink;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(ShippedBundleBenchmark.class.getSimpleName() + "\\.(" + System.getProperty("benchmarks", ".*") + ")$")
                .jvmArgsAppend("-Dbundle=" + System.getProperty("bundle", "models/default/1.2.0"),
                        "-Dlibrary=" + System.getProperty("library", "/tmp/sedstream-libs/default-heldout-20000"))
                .build()).run();
    }
}
