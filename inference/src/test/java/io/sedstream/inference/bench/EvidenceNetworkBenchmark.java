package io.sedstream.inference.bench;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.evidence.EvidenceNetwork;
import io.sedstream.inference.evidence.EvidenceOutcome;
import io.sedstream.inference.evidence.EvidenceResult;
import io.sedstream.inference.features.BandFlux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Per-record cost of the evidence network (encode + ONNX Runtime + ln K) with the fixture
 * evidence bundle (2 x 64 SiLU, one member, 14 bands) on one thread: {@code evaluate} (one record
 * per call) and {@code evaluateBatch} (per record, batches of 64 as the stream runs). Run as
 * {@link EstimatorBenchmark}, with class {@code io.sedstream.inference.bench.EvidenceNetworkBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Threads(1)
public class EvidenceNetworkBenchmark {
    private static final int RECORDS = 256;

    private Path bundleDir;
    private EvidenceNetwork network;
    private List<List<BandFlux>> records;
    private List<List<BandFlux>> batch;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        bundleDir = Files.createTempDirectory("sedstream-bench-evidence");
        FixtureBundleWriter.writeEvidence(bundleDir);
        network = EvidenceNetwork.load(bundleDir);
        records = BenchPhotometry.toyRecords(RECORDS, 1);
        batch = records.subList(0, EstimatorBenchmark.BATCH);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        network.close();
        try (var files = Files.list(bundleDir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(bundleDir);
    }

    @Benchmark
    public EvidenceResult evaluate() {
        List<BandFlux> record = records.get(next);
        next = (next + 1) % RECORDS;
        return network.evaluate(record);
    }

    /** Per record (JMH divides by the batch): encode + ONE batched ONNX call, as the stream runs it. */
    @Benchmark
    @OperationsPerInvocation(EstimatorBenchmark.BATCH)
    public List<EvidenceOutcome> evaluateBatch() {
        return network.evaluateBatch(batch);
    }

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(EvidenceNetworkBenchmark.class.getName() + "\\.")
                .build();
        new Runner(options).run();
    }
}
