package io.sedstream.streams.cli;

import io.sedstream.streams.app.EmbeddedPipeline;
import io.sedstream.streams.catalogue.GalaxySource;
import io.sedstream.streams.catalogue.SampleGalaxies;
import io.sedstream.streams.catalogue.SimulatedGalaxies;
import io.sedstream.streams.comparison.ComparisonTally;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.demo.TruthComparison;
import io.sedstream.streams.estimation.ModelIdentity;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job: a real broker in-process, galaxies simulated by the forward model streamed through
 * the topology, their posteriors set beside their true parameters, one JSON line of figures.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a single-node KRaft broker in-process, stream galaxies simulated by the forward model (with a few "
                + "poison pills) through the exactly-once topology, show progress with truth beside posterior (and, with model "
                + "comparison, which is on unless --no-comparison, log10 K and P(M1)) and the running 68%% coverage on stderr, and "
                + "print one JSON line of figures on stdout.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = {"-n", "--galaxies"}, defaultValue = "20000", description = "Records to stream (default ${DEFAULT-VALUE}).")
    int galaxies;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of each topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--poison-every", defaultValue = "1000", description = "One poison pill per this many records; 0 = none (default ${DEFAULT-VALUE}).")
    int poisonEvery;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated galaxies (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout-s", defaultValue = "600", description = "Give up after this many seconds (default ${DEFAULT-VALUE}).")
    long timeoutS;

    @Option(names = "--rate", defaultValue = "0", description = "Producer rate limit, records/s; 0 = as fast as possible (default).")
    double rate;

    @Override
    public Integer call() throws Exception {
        SimulatedGalaxies simulated = SimulatedGalaxies.defaultModel(seed);
        TruthComparison[] comparison = new TruthComparison[1];
        EmbeddedPipeline.Workload workload = new EmbeddedPipeline.Workload() {
            @Override
            public GalaxySource source(ModelIdentity model) {
                return simulated;
            }

            @Override
            public EmbeddedPipeline.OutputObserver observer(ModelIdentity model, ComparisonTally comparisons) {
                comparison[0] = new TruthComparison(simulated, model, comparisons);
                if (!comparison[0].skippedParameters().isEmpty()) {
                    System.err.println("sedstream demo: NOTE: model parameters " + comparison[0].skippedParameters()
                            + " are not forward-model outputs; they have no truth and are left out of the comparison");
                }
                return comparison[0];
            }
        };
        EmbeddedPipeline.Result r = runPipeline(options, galaxies, partitions, poisonEvery, false, timeoutS, rate, 0, 0.0, workload, "demo", true);
        TruthComparison c = comparison[0];
        if (c != null && !c.examples().isEmpty()) {
            System.err.println("sedstream demo: some well-measured galaxies seen on the way:");
            c.examples().forEach(System.err::println);
        }
        if (c != null) {
            StringBuilder cov = new StringBuilder();
            c.coverage68().forEach((name, v) -> cov.append(String.format(java.util.Locale.ROOT, " %s %.3f", name, v)));
            System.err.printf(java.util.Locale.ROOT, "sedstream demo: 68%% coverage over %d galaxies (a calibrated posterior gives 0.68):%s%s%n",
                    r.posteriorsOut(), cov, r.fixture() ? "  [FIXTURE model: untrained, MEANINGLESS]" : "");
        }
        return exitCode(r);
    }

    static int exitCode(EmbeddedPipeline.Result r) {
        return r.complete() && r.duplicateKeys() == 0 ? 0 : 1;
    }

    /** Sample galaxies without a forward model (what the bench uses by default). */
    static EmbeddedPipeline.Workload sampleGalaxies(long seed) {
        return model -> new SampleGalaxies(model.bands(), seed);
    }

    /** @param comparisonByDefault turn model comparison on unless a flag, the environment or the file says otherwise (the demo) */
    static EmbeddedPipeline.Result runPipeline(ConfigOptions options, int galaxies, int partitions, int poisonEvery, boolean preload,
                                               long timeoutS, double rate, int warmup, double settledJitMsPerS,
                                               EmbeddedPipeline.Workload workload, String what,
                                               boolean comparisonByDefault)
            throws Exception {
        if (galaxies < 1 || partitions < 1 || poisonEvery < 0 || timeoutS < 1 || rate < 0) {
            throw new IllegalArgumentException("--galaxies, --partitions and --timeout-s must be positive, --poison-every and --rate >= 0");
        }
        Path log = LogFile.redirect(what);
        System.err.println("sedstream " + what + ": broker, Kafka client and service logs go to " + log
                + " (SEDSTREAM_JAVA_OPTS=-Dorg.slf4j.simpleLogger.logFile=System.err keeps them on the terminal)");
        options.defaultTo("http.port", "0"); // any free port: the machine may already serve 8080
        // One stream thread per core of the 2-core target machine, one task (partition) each by default.
        options.defaultTo("streams.threads", Integer.toString(Math.min(2, partitions)));
        boolean comparisonDefaulted = comparisonByDefault && !options.setsKey("comparison.enabled");
        if (comparisonDefaulted) {
            options.set.put("comparison.enabled", "true");
        }
        SedstreamConfig config = options.load();
        PrintStream err = System.err;
        Path model = ModelChoice.resolve(config, err);
        config = ModelChoice.comparison(config, model, err, comparisonDefaulted);
        EmbeddedPipeline.Result r = EmbeddedPipeline.run(config, model,
                new EmbeddedPipeline.Options(galaxies, partitions, poisonEvery, preload, Duration.ofSeconds(timeoutS), rate, warmup,
                        settledJitMsPerS),
                workload, err);
        if (r.fixture()) {
            err.println("sedstream " + what + ": results come from a FIXTURE (untrained) model: figures measure the pipeline, not science.");
        }
        System.out.println(r.json());
        return r;
    }
}
