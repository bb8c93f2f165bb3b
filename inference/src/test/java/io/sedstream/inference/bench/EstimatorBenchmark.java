package io.sedstream.inference.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.sedstream.inference.onnx.OnnxMlpWriter;
import io.sedstream.inference.onnx.OnnxSessions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.EstimateOptions;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.posterior.MixturePosterior;
import io.sedstream.inference.posterior.ParameterSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Per-record cost of encode + infer + summarise with the default-size fixture (3 x 256 SiLU MLP,
 * K = 20, D = 12, 14 bands, one member) on one thread, and its split: {@code estimate} (all of it),
 * {@code onnxRun} (ONNX Runtime only) and {@code summarise} (mixture + 12 exact marginal
 * summaries from a fixed network output). Sample-time mode, so JMH prints the median (p0.50).
 *
 * <p>Run (from the repository root; see inference/README.md):
 * <pre>
 * mvn -B -o -q -pl inference -am install -DskipTests
 * mvn -B -o -q -pl inference test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * nice -n 10 java -cp inference/target/test-classes:inference/target/classes:$(cat inference/target/test-classpath.txt) \
 *     io.sedstream.inference.bench.EstimatorBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Threads(1)
public class EstimatorBenchmark {
    private static final int RECORDS = 256;

    private Path bundleDir;
    private Estimator estimator;
    private List<List<BandFlux>> records;
    private int next;
    private MixturePosterior posterior;
    private float[][] outputs;
    private OrtSession session;
    private FloatBuffer inputBuffer;
    private FloatBuffer outputBuffer;
    private OnnxTensor inputTensor;
    private OnnxTensor outputTensor;
    private List<Estimator.BatchItem> batch;
    private OnnxTensor batchInputTensor;
    private OnnxTensor batchOutputTensor;
    private FloatBuffer batchOutputBuffer;
    /** Records per batched call, as the stream's default inference.batch.size. */
    static final int BATCH = 64;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        bundleDir = Files.createTempDirectory("sedstream-bench-fixture");
        FixtureBundleWriter.write(bundleDir);
        estimator = Estimator.load(bundleDir);
        records = BenchPhotometry.toyRecords(RECORDS, 1);
        // Network outputs of every record, to time the summary alone on realistic mixtures.
        outputs = new float[RECORDS][];
        for (int r = 0; r < RECORDS; r++) {
            estimator.estimate(records.get(r));
            outputs[r] = new float[estimator.bundle().layout().width()];
            estimator.lastNetworkOutput(0, outputs[r]);
        }
        posterior = MixturePosterior.forManifest(estimator.manifest());
        session = estimator.bundle().session(0);
        // The same zero-copy tensors the Estimator uses: direct buffers, pinned output.
        int f = estimator.bundle().encoder().featureCount();
        int width = estimator.bundle().layout().width();
        try {
            inputBuffer = ByteBuffer.allocateDirect(f * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            outputBuffer = ByteBuffer.allocateDirect(width * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            inputTensor = OnnxTensor.createTensor(OnnxSessions.environment(), inputBuffer, new long[] {1, f});
            outputTensor = OnnxTensor.createTensor(OnnxSessions.environment(), outputBuffer, new long[] {1, width});
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        float[] x = new float[f];
        estimator.bundle().encoder().encode(records.get(0), null, x, 0);
        inputBuffer.put(x);
        batch = new ArrayList<>();
        FloatBuffer batchInput = ByteBuffer.allocateDirect(BATCH * f * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int r = 0; r < BATCH; r++) {
            batch.add(new Estimator.BatchItem(records.get(r), null, EstimateOptions.summariesOnly()));
            estimator.bundle().encoder().encode(records.get(r), null, x, 0);
            batchInput.put(x);
        }
        batchInput.clear();
        batchOutputBuffer = ByteBuffer.allocateDirect(BATCH * width * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        try {
            batchInputTensor = OnnxTensor.createTensor(OnnxSessions.environment(), batchInput, new long[] {BATCH, f});
            batchOutputTensor = OnnxTensor.createTensor(OnnxSessions.environment(), batchOutputBuffer, new long[] {BATCH, width});
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        inputTensor.close();
        outputTensor.close();
        batchInputTensor.close();
        batchOutputTensor.close();
        estimator.close();
        try (Stream<Path> files = Files.walk(bundleDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public PosteriorResult estimate() {
        List<BandFlux> record = records.get(next);
        next = (next + 1) % RECORDS;
        return estimator.estimate(record, null, EstimateOptions.summariesOnly());
    }

    /** Per record (JMH divides by the batch): encode + ONE batched ONNX call + summaries, as the stream runs it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<Estimator.BatchOutcome> estimateBatch() {
        return estimator.estimateBatch(batch);
    }

    /** Per record: ONNX Runtime alone on a [64, F] batch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float onnxBatch() throws OrtException {
        session.run(Map.of(OnnxMlpWriter.INPUT_NAME, batchInputTensor), Map.of(OnnxMlpWriter.OUTPUT_NAME, batchOutputTensor)).close();
        return batchOutputBuffer.get(0);
    }

    @Benchmark
    public float onnxRun() throws OrtException {
        session.run(Map.of(OnnxMlpWriter.INPUT_NAME, inputTensor), Map.of(OnnxMlpWriter.OUTPUT_NAME, outputTensor)).close();
        return outputBuffer.get(0);
    }

    @Benchmark
    public void summarise(Blackhole bh) {
        float[] row = outputs[next];
        next = (next + 1) % RECORDS;
        posterior.set(row, 0);
        for (int d = 0; d < posterior.dimensions(); d++) {
            ParameterSummary s = posterior.summarise(d);
            bh.consume(s);
        }
    }

    /** Runs the benchmarks (1 fork, annotations' warm-up); JMH options such as {@code -i 3 -r 2} override. */
    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(EstimatorBenchmark.class.getName() + "\\.")
                .build();
        new Runner(options).run();
    }
}
