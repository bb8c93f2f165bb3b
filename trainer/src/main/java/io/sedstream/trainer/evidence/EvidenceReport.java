package io.sedstream.trainer.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.trainer.validate.MaskScenario;
import io.sedstream.trainer.validate.MaskBands;
import io.sedstream.trainer.validate.SnrSelection;
import io.sedstream.trainer.validate.ValidationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evidence network's validation report beside the bundle: {@code metrics.json},
 * {@code report.md} and PNG plots. Every masking scenario of {@code validate} that applies to the
 * filter set is split by the S/N of the selection band ({@link SnrSelection}: {@code --snr-band},
 * default the reddest band) into validate's bins (>= 5, 5-10, > 10) plus all objects; the headline
 * is all bands, S/N >= 5. Scenarios the filter set cannot have are listed as not applicable.
 */
public final class EvidenceReport {

    /** The cut of the headline S/N bin. */
    public static final double SNR_MIN = SnrSelection.DEFAULT_MIN_SNR;
    /** Finer S/N bin edges of the accuracy-vs-S/N curve. */
    public static final double[] SNR_CURVE_EDGES = {0, 1, 2, 3, 5, 7, 10, 13, 16, 20, 30, 50, Double.POSITIVE_INFINITY};
    public static final List<String> PLOTS = List.of("reliability.png", "log10k_histograms.png", "accuracy_vs_snr.png");

    private final Manifest manifest;
    private final String heldoutDescription;
    private final EvidenceValidator.Objects objects;
    private final Map<MaskScenario, Map<String, EvidenceMetrics>> metrics = new EnumMap<>(MaskScenario.class);
    private final Map<MaskScenario, EvidenceMetrics[]> snrCurve = new EnumMap<>(MaskScenario.class);
    private final SnrSelection selection;
    private final MaskBands bands;
    /** The subsets: all objects, then validate's S/N bins. */
    private final List<ValidationReport.SnrBin> bins;
    private final Map<MaskScenario, String> inapplicable;

    public EvidenceReport(Manifest manifest, String heldoutDescription, EvidenceValidator.Objects objects, SnrSelection selection,
                          MaskBands bands) {
        this.selection = selection;
        this.bands = bands;
        this.inapplicable = MaskScenario.inapplicable(bands.names());
        this.bins = java.util.stream.Stream.concat(
                java.util.stream.Stream.of(new ValidationReport.SnrBin("all", "all objects", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)),
                selection.bins().stream()).toList();
        this.manifest = manifest;
        this.heldoutDescription = heldoutDescription;
        this.objects = objects;
        for (Map.Entry<MaskScenario, double[]> e : objects.lnK().entrySet()) {
            Map<String, EvidenceMetrics> bins = new LinkedHashMap<>();
            for (ValidationReport.SnrBin bin : this.bins) {
                bins.put(bin.key(), EvidenceMetrics.of(e.getValue(), objects.label(), select(bin.lower(), bin.upper())));
            }
            metrics.put(e.getKey(), bins);
            EvidenceMetrics[] curve = new EvidenceMetrics[SNR_CURVE_EDGES.length - 1];
            for (int i = 0; i < curve.length; i++) {
                curve[i] = EvidenceMetrics.of(e.getValue(), objects.label(), select(SNR_CURVE_EDGES[i], SNR_CURVE_EDGES[i + 1]));
            }
            snrCurve.put(e.getKey(), curve);
        }
    }

    private boolean[] select(double lower, double upper) {
        double[] snr = objects.snr();
        boolean[] s = new boolean[snr.length];
        for (int i = 0; i < snr.length; i++) {
            s[i] = snr[i] >= lower && snr[i] < upper;
        }
        return s;
    }

    public EvidenceMetrics metrics(MaskScenario scenario, String binKey) {
        return metrics.get(scenario).get(binKey);
    }

    /** All bands, S/N >= 5 in the selection band. */
    public EvidenceMetrics headline() {
        return metrics(MaskScenario.ALL_BANDS, selection.headlineKey());
    }

    public SnrSelection selection() {
        return selection;
    }

    public void write(Path reportDir) throws IOException {
        Files.createDirectories(reportDir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(reportDir.resolve("metrics.json").toFile(), toJson(mapper));
        EvidencePlots.write(reportDir, manifest, objects, metrics, snrCurve, selection, bands);
        Files.writeString(reportDir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
    }

    ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("model", manifest.name() + "/" + manifest.version());
        root.put("model1", manifest.model1().label());
        root.put("model2", manifest.model2().label());
        root.put("heldout", heldoutDescription);
        root.put("heldout_rows", objects.count());
        root.put("decision_rule", "ln K > 0 -> model 1; P(M1) = K / (1 + K) (equal prior odds)");
        root.put("selection", "headline keys: all bands, " + selection.bins().get(0).label());
        root.put("snr_band", selection.band());
        root.put("snr_min", selection.minSnr());
        root.put("snr_band_chosen_by", selection.chosenBy());
        fill(root, headline());
        ObjectNode scenarios = root.putObject("scenarios");
        for (Map.Entry<MaskScenario, Map<String, EvidenceMetrics>> e : metrics.entrySet()) {
            ObjectNode s = scenarios.putObject(e.getKey().key());
            s.put("label", e.getKey().label(bands));
            s.put("applicable", true);
            ObjectNode bins = s.putObject("snr_bins");
            for (ValidationReport.SnrBin bin : this.bins) {
                ObjectNode b = bins.putObject(bin.key());
                b.put("label", bin.label());
                fill(b, e.getValue().get(bin.key()));
            }
            ArrayNode curve = s.putArray("accuracy_vs_snr");
            EvidenceMetrics[] c = snrCurve.get(e.getKey());
            for (int i = 0; i < c.length; i++) {
                ObjectNode point = curve.addObject().put("snr_lower", SNR_CURVE_EDGES[i]);
                put(point, "snr_upper", SNR_CURVE_EDGES[i + 1]);
                point.put("count", c[i].count());
                put(point, "accuracy", c[i].accuracy());
            }
        }
        for (Map.Entry<MaskScenario, String> e : inapplicable.entrySet()) {
            scenarios.putObject(e.getKey().key()).put("label", e.getKey().label()).put("applicable", false)
                    .put("not_applicable", e.getValue());
        }
        return root;
    }

    private static void fill(ObjectNode node, EvidenceMetrics m) {
        node.put("count", m.count());
        node.put("count_model1", m.countModel1());
        node.put("count_model2", m.countModel2());
        put(node, "accuracy", m.accuracy());
        put(node, "accuracy_model1", m.accuracyModel1());
        put(node, "accuracy_model2", m.accuracyModel2());
        put(node, "roc_auc", m.rocAuc());
        put(node, "log_loss", m.logLoss());
        put(node, "brier", m.brier());
        put(node, "ece", m.ece());
        ArrayNode rel = node.putArray("reliability");
        for (EvidenceMetrics.ReliabilityBin b : m.reliability()) {
            ObjectNode r = rel.addObject().put("p_lower", b.lower()).put("p_upper", b.upper()).put("count", b.count());
            put(r, "mean_p_model1", b.meanPredicted());
            put(r, "observed_model1", b.observedModel1());
        }
        ObjectNode k = node.putObject("log10_bayes_factor");
        putPercentiles(k.putObject("true_model1"), m.log10KModel1());
        putPercentiles(k.putObject("true_model2"), m.log10KModel2());
        ArrayNode edges = k.putArray("histogram_edges");
        for (double e : EvidenceMetrics.HISTOGRAM_EDGES) {
            edges.add(e);
        }
        ArrayNode h1 = k.putArray("histogram_true_model1");
        for (long c : m.histogramModel1()) {
            h1.add(c);
        }
        ArrayNode h2 = k.putArray("histogram_true_model2");
        for (long c : m.histogramModel2()) {
            h2.add(c);
        }
    }

    private static void putPercentiles(ObjectNode node, double[] p) {
        put(node, "p16", p[0]);
        put(node, "median", p[1]);
        put(node, "p84", p[2]);
    }

    /** JSON has no NaN or infinity: such values are written as null. */
    private static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Evidence network validation: ").append(manifest.name()).append(' ').append(manifest.version()).append("\n\n");
        if (manifest.fixture()) {
            md.append("**FIXTURE: untrained, seeded random weights. These numbers carry no information.**\n\n");
        }
        md.append("- Model 1: ").append(manifest.model1().label()).append("\n");
        md.append("- Model 2: ").append(manifest.model2().label()).append("\n");
        md.append("- Held-out simulations: ").append(heldoutDescription).append(" (").append(objects.count())
                .append(" galaxies, half from each model)\n");
        md.append("- Output: ln K = ln p(x|M1) - ln p(x|M2); decision ln K > 0 -> model 1; P(M1) = K/(1+K) under equal prior odds.\n");
        md.append("- Masking scenarios as in `validate` (same per-object masks); S/N of ").append(selection.band())
                .append(" before masking (").append(selection.chosenBy()).append(").\n");
        for (Map.Entry<MaskScenario, String> e : inapplicable.entrySet()) {
            md.append("- ").append(e.getKey().label()).append(": ").append(e.getValue()).append(".\n");
        }
        md.append('\n');
        EvidenceMetrics h = headline();
        md.append(String.format(Locale.ROOT, "**Headline (all bands, %s, N = %d):** accuracy %.3f, ROC AUC %.3f, "
                        + "log-loss %.3f nats (chance: 0.693), ECE %.3f; median log10 K %.2f for true model 1, %.2f for true model 2.%n%n",
                selection.bins().get(0).label(), h.count(), h.accuracy(), h.rocAuc(), h.logLoss(), h.ece(), h.log10KModel1()[1], h.log10KModel2()[1]));
        md.append("## Metrics per masking scenario and ").append(selection.shortName()).append(" S/N bin\n\n");
        md.append("| scenario | S/N | N | accuracy | acc. M1 | acc. M2 | ROC AUC | log-loss | Brier | ECE | log10 K, true M1 (16/50/84) | log10 K, true M2 (16/50/84) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<MaskScenario, Map<String, EvidenceMetrics>> e : metrics.entrySet()) {
            for (ValidationReport.SnrBin bin : bins) {
                EvidenceMetrics m = e.getValue().get(bin.key());
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %s | %s |%n",
                        e.getKey().label(bands), bin.label(), m.count(), m.accuracy(), m.accuracyModel1(), m.accuracyModel2(), m.rocAuc(),
                        m.logLoss(), m.brier(), m.ece(), triple(m.log10KModel1()), triple(m.log10KModel2())));
            }
        }
        md.append("\n## Figures\n\n");
        md.append("- `reliability.png`: reliability diagram of P(M1) in 10 bins (observed fraction of model 1 vs mean predicted), "
                + "per scenario, for S/N 5-10 and > 10; the diagonal is perfect calibration; ECE in the legend.\n");
        md.append("- `log10k_histograms.png`: distribution of log10 K for true model-1 and true model-2 galaxies (all bands), "
                + "per S/N bin; values beyond +-4 are counted in the end bins.\n");
        md.append("- `accuracy_vs_snr.png`: classification accuracy against " + selection.shortName() + " S/N, per scenario (chance = 0.5).\n\n");
        md.append("![reliability](reliability.png)\n\n![log10 K](log10k_histograms.png)\n\n![accuracy vs S/N](accuracy_vs_snr.png)\n");
        return md.toString();
    }

    private static String triple(double[] p) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", p[0], p[1], p[2]);
    }
}
