package io.sedstream.streams.cli;

import io.sedstream.streams.app.EmbeddedPipeline;
import io.sedstream.streams.config.SedstreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job: a real broker in-process, sample galaxies streamed through the topology, one JSON line of figures. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a single-node KRaft broker in-process, stream sample galaxies (with a few poison pills) through "
                + "the exactly-once topology, show progress on stderr and print one JSON line of figures on stdout.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = {"-n", "--galaxies"}, defaultValue = "20000", description = "Records to stream (default ${DEFAULT-VALUE}).")
    int galaxies;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of each topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--poison-every", defaultValue = "1000", description = "One poison pill per this many records; 0 = none (default ${DEFAULT-VALUE}).")
    int poisonEvery;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the sample galaxies (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout-s", defaultValue = "600", description = "Give up after this many seconds (default ${DEFAULT-VALUE}).")
    long timeoutS;

    @Option(names = "--rate", defaultValue = "0", description = "Producer rate limit, records/s; 0 = as fast as possible (default).")
    double rate;

    @Override
    public Integer call() throws Exception {
        return runPipeline(options, galaxies, partitions, poisonEvery, false, seed, timeoutS, rate, 0, "demo");
    }

    static int runPipeline(ConfigOptions options, int galaxies, int partitions, int poisonEvery, boolean preload, long seed,
                           long timeoutS, double rate, int warmup, String what) throws Exception {
        if (galaxies < 1 || partitions < 1 || poisonEvery < 0 || timeoutS < 1 || rate < 0) {
            throw new IllegalArgumentException("--galaxies, --partitions and --timeout-s must be positive, --poison-every and --rate >= 0");
        }
        if (options.httpPort == null && System.getenv("SEDSTREAM_HTTP_PORT") == null) {
            options.set.putIfAbsent("http.port", "0"); // any free port: the machine may already serve 8080
        }
        SedstreamConfig config = options.load();
        Path model = ModelChoice.resolve(config, System.err);
        System.err.println("sedstream " + what + ": sample galaxies are generated deterministically WITHOUT a forward model "
                + "(power-law continuum + Lyman and Balmer breaks + noise): plausible photometry, no known truths.");
        EmbeddedPipeline.Result r = EmbeddedPipeline.run(config, model,
                new EmbeddedPipeline.Options(galaxies, partitions, poisonEvery, preload, seed, Duration.ofSeconds(timeoutS), rate, warmup), System.err);
        if (r.fixture()) {
            System.err.println("sedstream " + what + ": results come from a FIXTURE (untrained) model: figures measure the pipeline, not science.");
        }
        System.out.println(r.json());
        return r.complete() && r.duplicateKeys() == 0 ? 0 : 1;
    }
}
