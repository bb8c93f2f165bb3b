package io.sedstream.trainer.misfit;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.misfit.MisfitJson;
import io.sedstream.inference.misfit.MisfitModel;
import io.sedstream.inference.misfit.MisfitScorer;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.train.LibraryTables;
import io.sedstream.trainer.train.TrainingLibraries;
import io.sedstream.trainer.train.TrainingTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.hipparchus.stat.StatUtils;
import org.hipparchus.stat.descriptive.rank.Percentile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fit-misfit}: fits a bundle's misfit model (a Gaussian mixture density of the standardised
 * asinh magnitudes of simulated galaxies), calibrates its p-values on a held-out library under
 * random band masks, writes {@code misfit.json} into the bundle and names it in the manifest.
 */
@Command(name = "fit-misfit", mixinStandardHelpOptions = true,
        description = "Fit the misfit model of a bundle (Gaussian mixture density of the encoded magnitudes of simulated galaxies), "
                + "calibrate its p-values on a held-out library, write <model>/misfit.json and reference it from the manifest.")
public final class FitMisfitCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model bundle directory")
    Path model;

    @Option(names = "--library", required = true, description = "Library of the model's simulated galaxies to fit the density on (e.g. the "
            + "training library); repeat it for a network trained on several libraries (train --library A --library B): the density "
            + "is fitted on their union, interleaved in proportion to their sizes")
    List<Path> libraries;

    @Option(names = "--calibration", required = true, description = "Held-out library (another seed) whose scores calibrate the p-values")
    Path calibration;

    @Option(names = "--components", defaultValue = "24", description = "Mixture components. Default: ${DEFAULT-VALUE}")
    int components;

    @Option(names = "--max-rows", defaultValue = "100000", description = "Galaxies of --library to fit on (0 = all). Default: ${DEFAULT-VALUE}")
    long maxRows;

    @Option(names = "--masks-per-galaxy", defaultValue = "4", description = "Random band masks per calibration galaxy. Default: ${DEFAULT-VALUE}")
    int masksPerGalaxy;

    @Option(names = "--quantiles", defaultValue = "1001", description = "Quantiles kept per observed-band count. Default: ${DEFAULT-VALUE}")
    int quantiles;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the k-means++ start and of the calibration masks. Default: ${DEFAULT-VALUE}")
    long seed;

    /** Ridge on the covariance diagonal (standardised magnitudes have unit variance over the library). */
    static final double RIDGE = 1e-5;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Manifest manifest;
        FeatureEncoder encoder;
        try (ModelBundle bundle = ModelBundle.load(model)) {
            manifest = bundle.manifest();
            encoder = bundle.encoder();
        }
        TrainingLibraries fitLibraries = TrainingLibraries.open(libraries);
        TrainingTable fitTable = fitLibraries.read(maxRows);
        requireBands(manifest, fitTable, libraries.get(0));
        int n = encoder.bandCount();
        double[] x = magnitudes(encoder, fitTable);
        System.err.printf(Locale.ROOT, "fitting %d components to %,d galaxies x %d bands%n", components, fitTable.rows(), n);
        GaussianMixtureFit.Result fit = GaussianMixtureFit.fit(x, fitTable.rows(), n, components, RIDGE, 300, 1e-5, seed,
                System.err::println);
        System.err.printf(Locale.ROOT, "EM: %d iterations, mean log-likelihood %.4f nats per galaxy%n", fit.iterations(), fit.meanLogLikelihood());

        // Scores of the held-out galaxies under random masks, by observed-band count.
        TrainingTable cal = LibraryTables.read(calibration, 0);
        requireBands(manifest, cal, calibration);
        MisfitModel uncalibrated = withCalibration(manifest, fit, placeholderTables(n), placeholderCounts(n));
        List<List<Double>> byCount = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            byCount.add(new ArrayList<>());
        }
        MisfitScorer scorer = new MisfitScorer(uncalibrated, manifest.features());
        for (int mask = 0; mask < masksPerGalaxy; mask++) {
            double[] features = encodeMasked(encoder, cal, seed * 7919L + mask);
            int f = encoder.featureCount();
            for (int i = 0; i < cal.rows(); i++) {
                var r = scorer.evaluate(features, i * f);
                byCount.get(r.observedBands() - 1).add(r.score());
            }
        }
        double[][] tables = new double[n][];
        long[] counts = new long[n];
        for (int c = 0; c < n; c++) {
            List<Double> s = byCount.get(c);
            if (s.isEmpty()) {
                continue;
            }
            double[] values = s.stream().mapToDouble(Double::doubleValue).toArray();
            tables[c] = quantileTable(values, quantiles);
            counts[c] = values.length;
        }
        MisfitModel calibrated = withCalibration(manifest, fit, tables, counts);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("model", manifest.name() + "/" + manifest.version());
        List<String> fitNames = new java.util.ArrayList<>();
        for (int i = 0; i < libraries.size(); i++) {
            fitNames.add(libraries.get(i).getFileName() + " (seed " + fitLibraries.manifests().get(i).seed() + ")");
        }
        provenance.put("fitLibrary", String.join(" + ", fitNames) + ", " + fitTable.rows() + " galaxies, all bands");
        provenance.put("calibrationLibrary", calibration.getFileName() + " (seed " + LibraryReader.open(calibration).manifest().seed()
                + ", " + cal.rows() + " galaxies x " + masksPerGalaxy + " random masks: 0..n-1 bands hidden, uniformly)");
        provenance.put("fit", String.format(Locale.ROOT, "EM, %d components, full covariance, ridge %.0e, k-means++ start seed %d, "
                + "%d iterations, mean log-likelihood %.4f", components, RIDGE, seed, fit.iterations(), fit.meanLogLikelihood()));
        Path file = model.resolve(MisfitJson.DEFAULT_FILE_NAME);
        MisfitJson.write(calibrated, provenance, file);
        ManifestJson.write(manifest.withMisfitFile(MisfitJson.DEFAULT_FILE_NAME), model.resolve(ManifestJson.FILE_NAME));
        try (ModelBundle reloaded = ModelBundle.load(model)) {
            System.out.printf(Locale.ROOT, "wrote %s (%d components; calibration %s galaxies per observed-band count 1..%d) and referenced it "
                    + "from %s; bundle reloads with its misfit model: %s; %.1f s%n", file, components, Arrays.toString(counts), n,
                    ManifestJson.FILE_NAME, reloaded.misfit().isPresent(), (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    static void requireBands(Manifest manifest, TrainingTable t, Path dir) {
        if (!manifest.bandNames().equals(t.bandNames())) {
            throw new IllegalArgumentException("library " + dir + " bands " + t.bandNames() + " differ from the model's " + manifest.bandNames());
        }
    }

    /** Standardised magnitudes (first n features) of every row, row-major [rows][n]; rows encoded as they are. */
    static double[] magnitudes(FeatureEncoder encoder, TrainingTable t) {
        int n = encoder.bandCount();
        int f = encoder.featureCount();
        double[] features = new double[t.rows() * f];
        encoder.encodeBatch(t.rows(), t.fluxNJy(), t.fluxErrNJy(), null, features, 0);
        double[] x = new double[t.rows() * n];
        for (int i = 0; i < t.rows(); i++) {
            System.arraycopy(features, i * f + FeatureEncoder.magnitudeIndex(0), x, i * n, n);
        }
        return x;
    }

    /** Every row's features with a random number (0..n-1, uniform) of random bands hidden. */
    static double[] encodeMasked(FeatureEncoder encoder, TrainingTable t, long seed) {
        int n = encoder.bandCount();
        double[] flux = t.fluxNJy().clone();
        for (int i = 0; i < t.rows(); i++) {
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + i);
            int hide = rng.nextInt(n);
            int hidden = 0;
            while (hidden < hide) {
                int b = rng.nextInt(n);
                if (!Double.isNaN(flux[i * n + b])) {
                    flux[i * n + b] = Double.NaN;
                    hidden++;
                }
            }
        }
        double[] features = new double[t.rows() * encoder.featureCount()];
        encoder.encodeBatch(t.rows(), flux, t.fluxErrNJy(), null, features, 0);
        return features;
    }

    /** q equally spaced quantiles (0 to 1) of the values, R-7 linear interpolation (Hipparchus, as numpy's default). */
    static double[] quantileTable(double[] values, int q) {
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(values);
        double[] out = new double[q];
        // Hipparchus takes percentiles in (0, 100]; the 0th is the minimum.
        out[0] = StatUtils.min(values);
        for (int i = 1; i < q; i++) {
            out[i] = p.evaluate(100.0 * i / (q - 1));
        }
        return out;
    }

    private static double[][] placeholderTables(int n) {
        double[][] t = new double[n][];
        t[n - 1] = new double[] {0, 1};
        return t;
    }

    private static long[] placeholderCounts(int n) {
        long[] c = new long[n];
        c[n - 1] = 1;
        return c;
    }

    private static MisfitModel withCalibration(Manifest manifest, GaussianMixtureFit.Result fit, double[][] tables, long[] counts) {
        return new MisfitModel(manifest.bandNames(), fit.weights(), fit.means(), fit.covariances(), tables, counts);
    }
}
