package io.sedstream.trainer.misfit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.misfit.MisfitScorer;
import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.filter.FilterSet;
import io.sedstream.sed.filter.FilterSets;
import io.sedstream.sed.noise.NoiseModel;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.simulate.NoiseModels;
import io.sedstream.trainer.train.LibraryTables;
import io.sedstream.trainer.train.TrainingTable;
import io.sedstream.trainer.validate.MaskBands;
import io.sedstream.trainer.validate.MaskScenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code validate-misfit}: how often the bundle's misfit p-value falls below each threshold for
 * held-out galaxies of the model (false flags, per masking scenario) and for what the model cannot
 * produce: galaxies of another model, blackbody stars, and galaxies with one band's flux multiplied
 * by {@value #CORRUPTION_FACTOR}. Writes {@code misfit.md} and {@code misfit.json} into the report directory.
 */
@Command(name = "validate-misfit", mixinStandardHelpOptions = true,
        description = "False-flag and detection rates of a bundle's misfit p-value: held-out galaxies (per masking scenario), "
                + "another model's galaxies, blackbody stars, one band corrupted. Writes <model>/report/misfit.md and misfit.json.")
public final class ValidateMisfitCommand implements Callable<Integer> {
    static final double CORRUPTION_FACTOR = 5.0;
    static final double[] THRESHOLDS = {0.05, 0.01, 0.001};

    @Option(names = "--model", required = true, description = "Model bundle directory (with a misfit model)")
    Path model;

    @Option(names = "--library", required = true, description = "Held-out library of the model, a seed used neither in training nor in calibration")
    Path library;

    @Option(names = "--other-library", description = "Library of another forward model (e.g. delayed-tau), same bands and noise")
    Path otherLibrary;

    @Option(names = "--stars", defaultValue = "20000", description = "Blackbody stars to simulate (0 = none). Default: ${DEFAULT-VALUE}")
    int stars;

    @Option(names = "--filters", description = "Filter set of the stars (a name or file, as simulate's). Default: the held-out library's")
    String filters;

    @Option(names = "--noise", defaultValue = "deep", description = "Noise model of the stars (as simulate's --noise). Default: ${DEFAULT-VALUE}")
    String noise;

    @Option(names = "--report", description = "Report directory (default: <model>/report)")
    Path report;

    @Option(names = "--seed", defaultValue = "424242", description = "Seed of masks, stars and corruptions. Default: ${DEFAULT-VALUE}")
    long seed;

    /** Rates of p < each threshold for one population. */
    record Rates(String population, int count, double[] flagged) {
    }

    @Override
    public Integer call() throws Exception {
        Path reportDir = report != null ? report : model.resolve("report");
        List<Rates> rows = new ArrayList<>();
        String description;
        Map<MaskScenario, String> skipped;
        try (ModelBundle bundle = ModelBundle.load(model)) {
            MisfitScorer scorer = new MisfitScorer(bundle.misfit().orElseThrow(() -> new IllegalArgumentException(
                    "bundle " + model + " has no misfit model: run fit-misfit first")), bundle.manifest().features());
            FeatureEncoder encoder = bundle.encoder();
            TrainingTable heldout = LibraryTables.read(library, 0);
            FitMisfitCommand.requireBands(bundle.manifest(), heldout, library);
            int n = encoder.bandCount();
            MaskBands bands = MaskBands.of(LibraryReader.open(library).manifest());
            for (MaskScenario s : MaskScenario.applicable(heldout.bandNames())) {
                double[] flux = new double[heldout.rows() * n];
                double[] err = new double[heldout.rows() * n];
                s.applyToRows(bands, heldout, 0, heldout.rows(), seed, flux, err);
                rows.add(rates("held-out galaxies, " + s.label(bands), scorer, encoder, flux, err, heldout.rows()));
            }
            skipped = MaskScenario.inapplicable(heldout.bandNames());
            if (otherLibrary != null) {
                TrainingTable other = LibraryTables.read(otherLibrary, 0);
                FitMisfitCommand.requireBands(bundle.manifest(), other, otherLibrary);
                rows.add(rates("galaxies of " + LibraryReader.open(otherLibrary).manifest().model() + " (another model), all bands",
                        scorer, encoder, other.fluxNJy(), other.fluxErrNJy(), other.rows()));
            }
            if (stars > 0) {
                FilterSet fs = filters != null ? FilterSets.load(filters, DataRoot.resolve())
                        : MaskBands.filterSetOf(LibraryReader.open(library).manifest());
                if (!fs.bandNames().equals(bundle.manifest().bandNames())) {
                    throw new IllegalArgumentException("filter set " + (filters != null ? filters : "of --library " + library)
                            + " has bands " + fs.bandNames() + ", the model " + bundle.manifest().bandNames());
                }
                NoiseModel nm = NoiseModels.resolve(noise, fs.bandNames(), Files.createTempDirectory("misfit-stars"));
                double[][] st = BlackbodyStars.simulate(fs, nm, stars, seed);
                rows.add(rates(String.format(Locale.ROOT, "blackbody stars (%.0f-%.0f K, reddest band AB %.0f-%.0f, %s noise), all bands",
                        BlackbodyStars.MIN_TEMPERATURE_K, BlackbodyStars.MAX_TEMPERATURE_K, BlackbodyStars.BRIGHTEST_AB,
                        BlackbodyStars.FAINTEST_AB, noise), scorer, encoder, st[0], st[1], stars));
            }
            // One random band's flux x5 (error kept): all galaxies, and those where that band has S/N >= 10.
            double[] flux = heldout.fluxNJy().clone();
            boolean[] strong = new boolean[heldout.rows()];
            int strongCount = 0;
            for (int i = 0; i < heldout.rows(); i++) {
                int b = new SplittableRandom(seed * 31L + i).nextInt(n);
                strong[i] = flux[i * n + b] / heldout.fluxErrNJy()[i * n + b] >= 10;
                strongCount += strong[i] ? 1 : 0;
                flux[i * n + b] *= CORRUPTION_FACTOR;
            }
            rows.add(rates("held-out galaxies, one random band x" + (int) CORRUPTION_FACTOR + ", all bands", scorer, encoder, flux,
                    heldout.fluxErrNJy(), heldout.rows()));
            double[] strongFlux = new double[strongCount * n];
            double[] strongErr = new double[strongCount * n];
            for (int i = 0, j = 0; i < heldout.rows(); i++) {
                if (strong[i]) {
                    System.arraycopy(flux, i * n, strongFlux, j * n, n);
                    System.arraycopy(heldout.fluxErrNJy(), i * n, strongErr, j * n, n);
                    j++;
                }
            }
            rows.add(rates("held-out galaxies, one random band x" + (int) CORRUPTION_FACTOR + " where that band has S/N >= 10",
                    scorer, encoder, strongFlux, strongErr, strongCount));
            description = bundle.manifest().name() + "/" + bundle.manifest().version() + "; held-out " + library.getFileName()
                    + " (seed " + LibraryReader.open(library).manifest().seed() + ")";
        }
        write(reportDir, description, rows, skipped);
        for (Rates r : rows) {
            System.out.printf(Locale.ROOT, "%-90s n=%6d  p<0.05: %.4f  p<0.01: %.4f  p<0.001: %.4f%n", r.population(), r.count(),
                    r.flagged()[0], r.flagged()[1], r.flagged()[2]);
        }
        System.out.println("report: " + reportDir.resolve("misfit.md"));
        return 0;
    }

    static Rates rates(String population, MisfitScorer scorer, FeatureEncoder encoder, double[] flux, double[] err, int count) {
        int f = encoder.featureCount();
        double[] features = new double[count * f];
        encoder.encodeBatch(count, flux, err, null, features, 0);
        long[] flagged = new long[THRESHOLDS.length];
        for (int i = 0; i < count; i++) {
            double p = scorer.evaluate(features, i * f).pValue();
            for (int t = 0; t < THRESHOLDS.length; t++) {
                if (p < THRESHOLDS[t]) {
                    flagged[t]++;
                }
            }
        }
        double[] rate = new double[THRESHOLDS.length];
        for (int t = 0; t < THRESHOLDS.length; t++) {
            rate[t] = count == 0 ? Double.NaN : (double) flagged[t] / count;
        }
        return new Rates(population, count, rate);
    }

    private static void write(Path dir, String description, List<Rates> rows, Map<MaskScenario, String> skipped)
            throws java.io.IOException {
        Files.createDirectories(dir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("model", description);
        ObjectNode pops = root.putObject("populations");
        for (Rates r : rows) {
            ObjectNode p = pops.putObject(r.population());
            p.put("count", r.count());
            for (int t = 0; t < THRESHOLDS.length; t++) {
                p.put("flagged_p_lt_" + THRESHOLDS[t], r.flagged()[t]);
            }
        }
        ObjectNode notApplicable = root.putObject("scenarios_not_applicable");
        skipped.forEach((s, why) -> notApplicable.put(s.key(), why));
        mapper.writeValue(dir.resolve("misfit.json").toFile(), root);
        StringBuilder md = new StringBuilder();
        md.append("# Misfit flag: ").append(description).append("\n\n");
        md.append("Fraction of each population whose misfit p-value (`misfit.json` of the bundle: Gaussian-mixture density of the ")
                .append("standardised asinh magnitudes, masked bands marginalised, p-value calibrated on held-out simulations per ")
                .append("observed-band count) is below each threshold. For the held-out galaxies of the model this is the false-flag ")
                .append("rate, nominally the threshold itself; for the rest it is the detection rate.\n\n");
        md.append("| population | N | p < 0.05 | p < 0.01 | p < 0.001 |\n|---|---|---|---|---|\n");
        for (Rates r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f |%n", r.population(), r.count(), r.flagged()[0],
                    r.flagged()[1], r.flagged()[2]));
        }
        if (!skipped.isEmpty()) {
            md.append('\n');
            skipped.forEach((s, why) -> md.append("Held-out galaxies, ").append(s.label()).append(": ").append(why).append(".\n"));
        }
        Files.writeString(dir.resolve("misfit.md"), md.toString(), StandardCharsets.UTF_8);
    }
}
