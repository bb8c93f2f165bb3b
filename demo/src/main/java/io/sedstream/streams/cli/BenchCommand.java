package io.sedstream.streams.cli;

import io.sedstream.streams.app.EmbeddedPipeline;
import io.sedstream.streams.catalogue.SimulatedGalaxies;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** End-to-end throughput on the embedded broker, exactly-once; prints figures (not a test). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "End-to-end throughput and latency on the embedded broker (exactly_once_v2, read_committed). "
                + "Prints a JSON line: throughput_per_s, latency percentiles, heap. Run with SEDSTREAM_JAVA_OPTS=-Xmx512m to hold the heap target. "
                + "Model comparison is off unless --comparison (then M2's NPE and the evidence network run on every batch too).")
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = {"-n", "--galaxies"}, defaultValue = "50000", description = "Records (default ${DEFAULT-VALUE}).")
    int galaxies;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions per topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--preload", description = "Produce every record first, then time the stream alone (default: produce while streaming).")
    boolean preload;

    @Option(names = "--timeout-s", defaultValue = "600", description = "Give up after this many seconds (default ${DEFAULT-VALUE}).")
    long timeoutS;

    @Option(names = "--rate", defaultValue = "0",
            description = "Producer rate limit, records/s; 0 = as fast as possible (throughput). Below capacity, latency is the service's own.")
    double rate;

    @Option(names = "--warmup", defaultValue = "-1",
            description = "Outputs before the measured window starts (JIT compilation, first rebalance); default: a fifth of -n, at most 20000.")
    int warmup;

    @Option(names = "--warmup-jit-ms-per-s", defaultValue = "0",
            description = "After --warmup outputs, also wait until the JIT compiled for at most this many ms in the last second "
                    + "(the steady state of a long-running stream; 0 = do not wait, the default). If it never settles, the window starts "
                    + "at 3/4 of -n and the JSON line says jit_settled false.")
    double warmupJitMsPerS;

    @Option(names = "--source", defaultValue = "sample",
            description = "Galaxies: 'sample' (cheap toy photometry, the default) or 'simulated' (the forward model, as the demo; "
                    + "its ~70 us per galaxy is spent in the bench's producer, which the CPU figures show apart).")
    String source;

    @Override
    public Integer call() throws Exception {
        if (!(warmupJitMsPerS >= 0 && warmupJitMsPerS < 1000)) {
            throw new IllegalArgumentException("--warmup-jit-ms-per-s must be in [0, 1000) ms of compilation per second, got " + warmupJitMsPerS);
        }
        int w = warmup >= 0 ? warmup : Math.min(galaxies / 5, 20_000);
        EmbeddedPipeline.Workload workload = switch (source) {
            case "sample" -> DemoCommand.sampleGalaxies(7);
            case "simulated" -> {
                SimulatedGalaxies simulated = SimulatedGalaxies.defaultModel(7);
                yield model -> simulated;
            }
            default -> throw new IllegalArgumentException("--source must be 'sample' or 'simulated', got '" + source + "'");
        };
        // Comparison stays off unless asked for (--comparison), so throughput figures compare with earlier ones.
        return DemoCommand.exitCode(DemoCommand.runPipeline(options, galaxies, partitions, 0, preload, timeoutS, rate, w, warmupJitMsPerS, workload,
                "bench", false));
    }
}
