package io.sedstream.trainer.validate;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.bundle.Provenance;
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
                + "per masking scenario and F444W S/N bin. Writes <model>/report/ (metrics.json, report.md, PNGs).")
public final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model bundle directory")
    Path model;

    @Option(names = "--library", required = true, description = "Held-out library directory (never used in training)")
    Path library;

    @Option(names = "--report", description = "Report directory (default: <model>/report)")
    Path report;

    @Option(names = "--max-rows", defaultValue = "0", description = "Use only the first N galaxies (0 = all). Default: ${DEFAULT-VALUE}")
    long maxRows;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of random masks, draws and TARP references. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--condition-on-true-redshift", description = "Also validate with each galaxy's true redshift given as a "
            + "spectroscopic one (the other parameters conditioned on it) and write spec-z.md / spec-z.json beside the report, "
            + "the figures with redshift inferred beside them")
    boolean conditionOnTrueRedshift;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        TrainingTable heldout = LibraryTables.read(library, maxRows);
        long librarySeed = LibraryReader.open(library).manifest().seed();
        Path reportDir = report != null ? report : model.resolve("report");
        try (ModelBundle bundle = ModelBundle.load(model)) {
            Map<MaskScenario, ObjectResults> results = new Validator(System.err::println).run(bundle, heldout, seed);
            ValidationReport r = new ValidationReport(bundle.manifest(),
                    library.getFileName() + " (library seed " + librarySeed + ")", heldout.rows(), results);
            r.write(reportDir);
            if (report == null) {
                recordInManifest(bundle.manifest(), r);
            }
            if (conditionOnTrueRedshift) {
                Map<MaskScenario, ObjectResults> given = new Validator(System.err::println, true).run(bundle, heldout, seed);
                ValidationReport g = new ValidationReport(bundle.manifest(),
                        library.getFileName() + " (library seed " + librarySeed + "), true redshift given", heldout.rows(), given);
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
            System.out.printf(Locale.ROOT, "validated %s on %,d held-out galaxies (%,d with all bands and F444W S/N >= 5) in %.1f s%n",
                    model, heldout.rows(), h.count(), (System.nanoTime() - start) / 1e9);
            for (Targets.Check c : r.checks()) {
                System.out.printf(Locale.ROOT, "  %-4s %s: %s%n", c.met() ? "MET" : "NOT", c.target(), c.measured());
            }
            System.out.println("report: " + reportDir.resolve("report.md"));
        }
        return 0;
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
                m.features(), m.parameters(), m.mixtureComponents(), m.members(),
                new Provenance(m.provenance().trainingLibrary(), m.provenance().createdAt(), metrics), m.misfitFile());
        ManifestJson.write(updated, model.resolve(ManifestJson.FILE_NAME));
    }

    private static void putFinite(Map<String, Double> metrics, String key, double value) {
        if (Double.isFinite(value)) {
            metrics.put(key, value);
        }
    }
}
