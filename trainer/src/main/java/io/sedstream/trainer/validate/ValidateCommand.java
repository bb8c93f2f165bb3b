package io.sedstream.trainer.validate;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.trainer.library.LibraryManifest;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.train.LibraryTables;
import io.sedstream.trainer.train.TrainingTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code validate}: calibration and accuracy report of a bundle on a held-out library. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate a model bundle on a held-out library (separate seed): accuracy, photo-z, coverage, TARP, SBC, "
                + "per masking scenario and S/N bin of the selection band (--snr-band, default the filter set's reddest band). "
                + "Writes <model>/report/ (metrics.json, report.md, PNGs).")
public final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model bundle directory")
    Path model;

    @Option(names = "--library", required = true, description = "Held-out library directory (never used in training)")
    Path library;

    @Option(names = "--report", description = "Report directory (default: <model>/report). An existing, non-empty report is "
            + "kept: the new one goes to <dir>-2, <dir>-3, ... unless --replace.")
    Path report;

    @Option(names = "--replace", description = "Overwrite an existing report (and, for <model>/report, the manifest's held-out metrics).")
    boolean replace;

    @Option(names = "--max-rows", defaultValue = "0", description = "Use only the first N galaxies (0 = all). Default: ${DEFAULT-VALUE}")
    long maxRows;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of random masks, draws and TARP references. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--snr-band", paramLabel = "BAND",
            description = "Band whose S/N selects the headline galaxies (default: the filter set's reddest band, by pivot wavelength)")
    String snrBand;

    @Option(names = "--snr-min", defaultValue = "5", paramLabel = "S/N",
            description = "Headline cut: S/N >= this in --snr-band; bins cut-2cut and > 2cut. Default: ${DEFAULT-VALUE}")
    double snrMin;

    @Option(names = "--condition-on-true-redshift", description = "Also validate with each galaxy's true redshift given as a "
            + "spectroscopic one (the other parameters conditioned on it) and write spec-z.md / spec-z.json beside the report, "
            + "the figures with redshift inferred beside them")
    boolean conditionOnTrueRedshift;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        LibraryManifest libraryManifest = LibraryReader.open(library).manifest();
        long librarySeed = libraryManifest.seed();
        SnrSelection selection = SnrSelection.resolve(snrBand, snrMin, libraryManifest);
        MaskBands maskBands = MaskBands.of(libraryManifest);
        try (ModelBundle bundle = ModelBundle.load(model)) {
            checkHeldOut(bundle.manifest(), libraryManifest, library);
            if (conditionOnTrueRedshift) {
                Validator.requireInferredRedshift(bundle.manifest()); // before the first pass writes a report
            }
            System.err.println("S/N selection: " + selection.band() + " S/N >= " + selection.minSnr() + " (" + selection.chosenBy() + ")");
            TrainingTable heldout = LibraryTables.read(library, maxRows);
            ReportDirectory target = ReportDirectory.choose(model, report, replace);
            Path reportDir = target.dir();
            if (target.redirected()) {
                System.err.println("validate: " + (report != null ? report : model.resolve("report"))
                        + " already holds a report; writing to " + reportDir + " instead (--replace overwrites)");
            }
            Map<MaskScenario, ObjectResults> results = new Validator(System.err::println).run(bundle, heldout, maskBands, seed, selection.band());
            ValidationReport r = new ValidationReport(bundle.manifest(),
                    library.getFileName() + " (library seed " + librarySeed + ")", heldout.rows(), results, selection, maskBands);
            r.write(reportDir);
            if (target.updateManifest()) {
                recordInManifest(bundle.manifest(), r);
            }
            if (conditionOnTrueRedshift) {
                Map<MaskScenario, ObjectResults> given = new Validator(System.err::println, true).run(bundle, heldout, maskBands, seed, selection.band());
                ValidationReport g = new ValidationReport(bundle.manifest(),
                        library.getFileName() + " (library seed " + librarySeed + "), true redshift given", heldout.rows(), given, selection, maskBands);
                SpecZComparison cmp = new SpecZComparison(bundle.manifest().name() + "/" + bundle.manifest().version(), r, g);
                cmp.write(reportDir);
                SubsetMetrics gh = g.headline();
                for (String mass : SpecZComparison.MASS_PARAMETERS) {
                    if (gh.parameters().containsKey(mass)) {
                        System.out.printf(Locale.ROOT, "  redshift given: R^2(%s) %.4f (inferred: %.4f)%n", mass,
                                gh.parameters().get(mass).point().r2(), r.headline().parameters().get(mass).point().r2());
                    }
                }
                System.out.printf(Locale.ROOT, "  redshift given: worst 68/95%% coverage error %.3f (inferred: %.3f); %s%n",
                        SpecZComparison.worstCoverageError(gh), SpecZComparison.worstCoverageError(r.headline()),
                        reportDir.resolve("spec-z.md"));
            }
            SubsetMetrics h = r.headline();
            if (bundle.manifest().features().redshiftInput()) {
                for (String mass : SpecZComparison.MASS_PARAMETERS) {
                    if (h.parameters().containsKey(mass)) {
                        System.out.printf(Locale.ROOT, "  redshift as input: R^2(%s) %.4f%n", mass, h.parameters().get(mass).point().r2());
                    }
                }
                System.out.printf(Locale.ROOT, "  redshift as input: worst 68/95%% coverage error %.3f%n", SpecZComparison.worstCoverageError(h));
            }
            System.out.printf(Locale.ROOT, "validated %s on %,d held-out galaxies (%,d with all bands and %s) in %.1f s%n",
                    model, heldout.rows(), h.count(), selection.bins().get(0).label(), (System.nanoTime() - start) / 1e9);
            for (Targets.Check c : r.checks()) {
                System.out.printf(Locale.ROOT, "  %-4s %s: %s%n", c.verdict(), c.target(), c.measured());
            }
            System.out.println("report: " + reportDir.resolve("report.md"));
        }
        return 0;
    }

    /**
     * Refuses a "held-out" library that repeats the training galaxies: same forward model and same
     * seed as a library the bundle was trained on (its provenance's training library identities).
     */
    static void checkHeldOut(Manifest bundle, LibraryManifest library, Path libraryDir) {
        if (bundle.provenance().trainedOn(library.model(), library.seed())) {
            throw new IllegalArgumentException("--library " + libraryDir + " is not held out: forward model '" + library.model()
                    + "' with seed " + library.seed() + " is what " + bundle.label() + " was trained on (its manifest's "
                    + "provenance.trainingLibraries), so its galaxies were seen in training. Simulate one with another --seed "
                    + "(the shipped reports use 9001 for default, 9002 for delayed-tau).");
        }
    }

    /** Copies the headline metrics into the manifest's provenance, so a served bundle says how good it is. */
    private void recordInManifest(Manifest m, ValidationReport r) throws java.io.IOException {
        Map<String, Double> metrics = new java.util.TreeMap<>(m.provenance().metrics());
        SubsetMetrics h = r.headline();
        for (Map.Entry<String, SubsetMetrics.ParameterMetrics> e : h.parameters().entrySet()) {
            putFinite(metrics, "heldout.r2." + e.getKey(), e.getValue().point().r2());
            putFinite(metrics, "heldout.coverage68." + e.getKey(), e.getValue().coverage68());
            putFinite(metrics, "heldout.coverage95." + e.getKey(), e.getValue().coverage95());
        }
        if (h.redshift() != null) {
            putFinite(metrics, "heldout.redshift.nmad", h.redshift().nmad());
            putFinite(metrics, "heldout.redshift.outlier_fraction", h.redshift().outlierFraction());
        }
        putFinite(metrics, "heldout.tarp_ecp50_error", h.tarpEcp50Error());
        Manifest updated = new Manifest(m.formatVersion(), m.name(), m.version(), m.description(), m.fixture(), m.bands(),
                m.features(), m.parameters(), m.mixtureComponents(), m.members(), m.provenance().withMetrics(metrics), m.misfitFile());
        ManifestJson.write(updated, model.resolve(ManifestJson.FILE_NAME));
    }

    private static void putFinite(Map<String, Double> metrics, String key, double value) {
        if (Double.isFinite(value)) {
            metrics.put(key, value);
        }
    }
}
