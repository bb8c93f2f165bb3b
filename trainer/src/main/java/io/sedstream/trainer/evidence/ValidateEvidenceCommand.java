package io.sedstream.trainer.evidence;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.inference.evidence.EvidenceNetwork;
import io.sedstream.trainer.validate.MaskBands;
import io.sedstream.trainer.validate.ReportDirectory;
import io.sedstream.trainer.validate.SnrSelection;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code validate-evidence}: classification and calibration report of an evidence network on held-out libraries. */
@Command(name = "validate-evidence", mixinStandardHelpOptions = true,
        description = "Validate an evidence network on held-out libraries of both models (separate seeds): accuracy, ROC AUC, "
                + "log-loss, reliability of P(M1) with ECE, log10 K per true model; per masking scenario (those the filter set can have) and S/N bin of --snr-band. "
                + "Writes <model>/report/ (metrics.json, report.md, PNGs).")
public final class ValidateEvidenceCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Evidence bundle directory")
    Path model;

    @Option(names = "--library-m1", required = true, description = "Held-out library of model 1 (never used in training)")
    Path library1;

    @Option(names = "--library-m2", required = true, description = "Held-out library of model 2 (never used in training)")
    Path library2;

    @Option(names = "--report", description = "Report directory (default: <model>/report). An existing, non-empty report is "
            + "kept: the new one goes to <dir>-2, <dir>-3, ... unless --replace.")
    Path report;

    @Option(names = "--replace", description = "Overwrite an existing report (and, for <model>/report, the manifest's held-out metrics).")
    boolean replace;

    @Option(names = "--max-rows", defaultValue = "0", description = "Use at most N galaxies per model (0 = all of the smaller library). Default: ${DEFAULT-VALUE}")
    long maxRows;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the random masks (as validate). Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--snr-band", paramLabel = "BAND",
            description = "Band whose S/N bins the report (headline S/N >= 5; default: the filter set's reddest band, by pivot wavelength, as validate)")
    String snrBand;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        try (EvidenceNetwork network = EvidenceNetwork.load(model)) {
            EvidenceLibraries heldout = EvidenceLibraries.read(library1, library2, maxRows);
            SnrSelection selection = SnrSelection.resolve(snrBand, EvidenceReport.SNR_MIN, heldout.model1());
            MaskBands bands = MaskBands.of(heldout.model1());
            System.err.println("S/N selection: " + selection.band() + " (" + selection.chosenBy() + ")");
            EvidenceValidator.Objects objects = EvidenceValidator.run(network, heldout, bands, selection.band(), seed, System.err::println);
            ReportDirectory target = ReportDirectory.choose(model, report, replace);
            Path reportDir = target.dir();
            if (target.redirected()) {
                System.err.println("validate-evidence: " + (report != null ? report : model.resolve("report"))
                        + " already holds a report; writing to " + reportDir + " instead (--replace overwrites)");
            }
            EvidenceReport r = new EvidenceReport(network.manifest(), heldout.describe(), objects, selection, bands);
            r.write(reportDir);
            if (target.updateManifest()) {
                recordInManifest(network.manifest(), r);
            }
            EvidenceMetrics h = r.headline();
            System.out.printf(Locale.ROOT, "validated %s on %,d held-out galaxies per model in %.1f s%n", model, heldout.rowsPerModel(),
                    (System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "  all bands, %s (N = %d): accuracy %.3f, ROC AUC %.3f, log-loss %.3f, ECE %.3f%n",
                    selection.bins().get(0).label(), h.count(), h.accuracy(), h.rocAuc(), h.logLoss(), h.ece());
            System.out.println("report: " + reportDir.resolve("report.md"));
        }
        return 0;
    }

    /** Copies the headline metrics into the manifest's provenance, so a served bundle says how good it is. */
    private void recordInManifest(Manifest m, EvidenceReport r) throws java.io.IOException {
        Map<String, Double> metrics = new TreeMap<>(m.provenance().metrics());
        EvidenceMetrics h = r.headline();
        putFinite(metrics, "heldout.accuracy", h.accuracy());
        putFinite(metrics, "heldout.roc_auc", h.rocAuc());
        putFinite(metrics, "heldout.log_loss", h.logLoss());
        putFinite(metrics, "heldout.ece", h.ece());
        Manifest updated = Manifest.evidence(m.formatVersion(), m.name(), m.version(), m.description(), m.fixture(),
                m.model1(), m.model2(), m.bands(), m.features(), m.members(),
                m.provenance().withMetrics(metrics));
        ManifestJson.write(updated, model.resolve(ManifestJson.FILE_NAME));
    }

    private static void putFinite(Map<String, Double> metrics, String key, double value) {
        if (Double.isFinite(value)) {
            metrics.put(key, value);
        }
    }
}
