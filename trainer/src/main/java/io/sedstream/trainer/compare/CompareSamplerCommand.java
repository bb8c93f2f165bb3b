package io.sedstream.trainer.compare;

import io.sedstream.inference.Estimator;
import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.evidence.EvidenceNetwork;
import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.noise.DepthNoiseModel;
import io.sedstream.sed.noise.NoiseModel;
import io.sedstream.trainer.nested.NestedSamplerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench compare-sampler}: simulates galaxies with known truth, runs the NPE and the nested
 * sampler on each in one process, one thread, and prints per-galaxy wall times, their medians and
 * ratio, and how far the NPE's medians sit from the sampler's in units of the sampler's sigma.
 */
@Command(name = "compare-sampler", mixinStandardHelpOptions = true,
        description = "NPE vs nested sampling on the same simulated galaxies: wall time per galaxy and posterior agreement.")
public final class CompareSamplerCommand implements Callable<Integer> {

    @Option(names = "--n", defaultValue = "5", description = "Galaxies. Default: ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--model", description = "NPE bundle directory, or 'fixture' for the untrained fixture"
            + " (default: the newest models/default/<version>, else the fixture)")
    String bundle;

    @Option(names = "--forward-model", defaultValue = "default",
            description = "Forward model for simulation and the likelihood. Default: ${DEFAULT-VALUE}")
    String forwardModel;

    @Option(names = "--filters", defaultValue = "jades-gs-14", description = "Filter set. Default: ${DEFAULT-VALUE}")
    String filters;

    @Option(names = "--noise", defaultValue = "deep", description = "Depth noise tier or file. Default: ${DEFAULT-VALUE}")
    String noise;

    @Option(names = "--data-dir", defaultValue = "${env:SEDSTREAM_DATA_DIR}", description = "Reference data directory")
    Path dataDir;

    @Option(names = "--min-snr", defaultValue = "10", description = "F444W S/N cut. Default: ${DEFAULT-VALUE}")
    double minSnr;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of galaxies and samplers. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--nlive", defaultValue = "400", description = "Nested-sampling live points. Default: ${DEFAULT-VALUE}")
    int nLive;

    @Option(names = "--dlogz", defaultValue = "0.1", description = "Nested-sampling stopping tolerance. Default: ${DEFAULT-VALUE}")
    double dlogZ;

    @Option(names = "--npe-repeats", defaultValue = "21", description = "NPE calls per galaxy (median time). Default: ${DEFAULT-VALUE}")
    int npeRepeats;

    @Option(names = "--second-model", description = "Also fit each galaxy under this forward model (e.g. delayed-tau)"
            + " and print the nested-sampling Delta log Z")
    String secondModel;

    @Option(names = "--ns-cache", description = "Keep nested-sampling results here and reuse them for the same"
            + " galaxies and settings (rerun against another bundle without sampling again)")
    Path nsCache;

    @Option(names = "--reuse-primary", description = "rows.csv of an earlier report on the same galaxies and settings:"
            + " take the primary model's nested-sampling results from it and sample only --second-model")
    Path reusePrimary;

    @Option(names = "--evidence", description = "Evidence-network bundle comparing --forward-model (M1) with"
            + " --second-model (M2): its ln K per galaxy against the nested-sampling Delta log Z")
    Path evidenceBundle;

    @Option(names = "--csv", description = "Write one row per galaxy and parameter to this CSV file")
    Path csv;

    @Option(names = "--report", description = "Write rows.csv, summary.txt and PNG figures into this directory")
    Path report;

    @Override
    public Integer call() throws Exception {
        ForwardModel model = ForwardModel.load(forwardModel, filters, DataRoot.resolve(dataDir));
        NoiseModel noiseModel = DepthNoiseModel.load(noise, model.bandNames());
        Path bundleDir = resolveBundle();
        try (Estimator estimator = Estimator.load(bundleDir)) {
            System.out.printf(Locale.ROOT, "NPE bundle: %s (%s)%s%n", estimator.manifest().label(), bundleDir,
                    estimator.manifest().fixture()
                            ? "\n  FIXTURE: untrained weights; its timings are those of a real network of this size,"
                            + " its posterior columns below mean nothing" : "");
            System.out.printf(Locale.ROOT, "forward model %s, %s, noise %s; %d galaxies with F444W S/N >= %.0f, seed %d%n",
                    model.name(), filters, noiseModel.description(), n, minSnr, seed);
            System.out.printf(Locale.ROOT, "nested sampling: rslice, nlive %d, dlogZ %.2f; forward model alone: %.1f us per"
                    + " call at prior draws (one thread)%n", nLive, dlogZ, forwardModelMicroseconds(model));
            List<TestGalaxy> galaxies = TestGalaxies.simulate(model, noiseModel, n, minSnr, seed);
            NestedSamplerConfig config = NestedSamplerConfig.defaults(seed).withNLive(nLive).withDlogZ(dlogZ);
            ForwardModel second = secondModel == null ? null : ForwardModel.load(secondModel, filters, DataRoot.resolve(dataDir));
            SamplerComparison comparison = new SamplerComparison(model, second, estimator, config, npeRepeats,
                    System.err::println);
            if (nsCache != null) {
                comparison.withSamplerCache(nsCache, seed);
            }
            if (reusePrimary != null) {
                comparison.withEarlierPrimaryResults(reusePrimary);
            }
            EvidenceNetwork evidence = evidenceBundle == null ? null : EvidenceNetwork.load(evidenceBundle);
            List<GalaxyComparison> rows;
            try {
                if (evidence != null) {
                    comparison.withEvidenceNetwork(evidence);
                    System.out.printf(Locale.ROOT, "evidence network: %s/%s (%s)%n", evidence.manifest().name(),
                            evidence.manifest().version(), evidenceBundle);
                }
                rows = comparison.run(galaxies, seed);
            } finally {
                if (evidence != null) {
                    evidence.close();
                }
            }
            ComparisonTable.print(rows, System.out);
            if (report != null) {
                Files.createDirectories(report);
                ComparisonTable.writeCsv(rows, report.resolve("rows.csv"));
                try (java.io.PrintStream summary = new java.io.PrintStream(
                        Files.newOutputStream(report.resolve("summary.txt")), true, java.nio.charset.StandardCharsets.UTF_8)) {
                    summary.printf(Locale.ROOT, "bundle %s; forward model %s; noise %s; %d galaxies, F444W S/N >= %.0f,"
                            + " seed %d; nested sampling nlive %d, dlogZ %.2f%n", estimator.manifest().label(), model.name(),
                            noise, n, minSnr, seed, nLive, dlogZ);
                    ComparisonTable.print(rows, summary);
                }
                ComparisonPlots.write(rows, report);
                System.out.println("report: " + report);
            }
            if (csv != null) {
                ComparisonTable.writeCsv(rows, csv);
                System.out.println("per-galaxy rows: " + csv);
            }
        }
        return 0;
    }

    private Path resolveBundle() throws IOException {
        if (bundle != null && !bundle.equals("fixture")) {
            Path p = Path.of(bundle);
            if (!Files.isRegularFile(p.resolve("manifest.json"))) {
                throw new IllegalArgumentException("--model " + bundle + ": no manifest.json there (a bundle directory"
                        + " such as models/default/1.0.0, or 'fixture')");
            }
            return p;
        }
        if (bundle == null) {
            Path root = Path.of("models", "default");
            if (Files.isDirectory(root)) {
                try (Stream<Path> versions = Files.list(root)) {
                    Path newest = versions.filter(v -> Files.isRegularFile(v.resolve("manifest.json")))
                            .max(Comparator.comparing(v -> v.getFileName().toString())).orElse(null);
                    if (newest != null) {
                        return newest;
                    }
                }
            }
        }
        Path dir = Files.createTempDirectory("sedstream-fixture-");
        dir.toFile().deleteOnExit();
        FixtureBundleWriter.write(dir);
        return dir;
    }

    /** Mean wall time of the forward model's flux computation at prior draws, after a warm-up. */
    static double forwardModelMicroseconds(ForwardModel model) {
        SplittableRandom rng = new SplittableRandom(12345);
        int n = 5000;
        double[][] draws = new double[n][];
        for (int i = 0; i < n; i++) {
            draws[i] = model.prior().sample(rng);
        }
        ForwardModel.Workspace ws = model.newWorkspace();
        double[] flux = new double[model.bandNames().size()];
        double sink = 0;
        for (double[] d : draws) {
            model.noiselessFluxes(d, ws, flux);
            sink += flux[0];
        }
        long t0 = System.nanoTime();
        for (double[] d : draws) {
            model.noiselessFluxes(d, ws, flux);
            sink += flux[0];
        }
        double us = (System.nanoTime() - t0) / 1e3 / n;
        return Double.isNaN(sink) ? us : us; // sink keeps the loop from being optimised away
    }
}
