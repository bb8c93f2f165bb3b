package io.sedstream.trainer.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.bundle.Manifest;

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
 * Turns per-object validation results into the report beside the model: {@code metrics.json},
 * {@code report.md} and PNG plots. Headline numbers use all bands and S/N >= the cut in the selection band
 * ({@link SnrSelection}: F444W S/N >= 5 for JADES); every scenario is also split into S/N cut-2cut and > 2cut.
 * An empty headline selection is refused: no metric of an empty set is reported, let alone passed.
 */
public final class ValidationReport {

    /** S/N bins of the report: label, lower (inclusive), upper (exclusive). */
    public record SnrBin(String key, String label, double lower, double upper) {
    }

    private final Manifest manifest;
    private final String heldoutDescription;
    private final int heldoutRows;
    private final Map<MaskScenario, ObjectResults> objects;
    private final Map<MaskScenario, Map<String, SubsetMetrics>> metrics = new EnumMap<>(MaskScenario.class);
    private final List<Targets.Check> checks;
    private final SnrSelection selection;
    private final MaskBands bands;
    /** Scenarios this filter set cannot have, with the reason: reported as such, never with figures. */
    private final Map<MaskScenario, String> inapplicable;

    /**
     * @param objects results of exactly the scenarios {@link MaskScenario#applicable} to {@code bands}
     * @throws IllegalArgumentException when no held-out galaxy passes the headline selection
     */
    public ValidationReport(Manifest manifest, String heldoutDescription, int heldoutRows, Map<MaskScenario, ObjectResults> objects,
                            SnrSelection selection, MaskBands bands) {
        if (!objects.keySet().equals(java.util.Set.copyOf(MaskScenario.applicable(bands.names())))) {
            throw new IllegalArgumentException("results for scenarios " + objects.keySet() + " but the applicable ones are "
                    + MaskScenario.applicable(bands.names()));
        }
        this.selection = selection;
        this.bands = bands;
        this.inapplicable = MaskScenario.inapplicable(bands.names());
        this.manifest = manifest;
        this.heldoutDescription = heldoutDescription;
        this.heldoutRows = heldoutRows;
        this.objects = objects;
        List<String> names = manifest.parameters().stream().map(p -> p.name()).toList();
        int zIndex = names.indexOf("redshift");
        for (Map.Entry<MaskScenario, ObjectResults> e : objects.entrySet()) {
            Map<String, SubsetMetrics> bins = new LinkedHashMap<>();
            for (SnrBin bin : selection.bins()) {
                bins.put(bin.key(), SubsetMetrics.of(e.getValue().select(bin.lower(), bin.upper()), names, zIndex));
            }
            metrics.put(e.getKey(), bins);
        }
        if (headline().count() == 0) {
            throw new IllegalArgumentException("no held-out galaxy has all bands and " + selection.band() + " S/N >= "
                    + selection.minSnr() + " (of " + heldoutRows + "; S/N band " + selection.chosenBy() + "): metrics of an empty "
                    + "selection mean nothing; choose another --snr-band or a lower --snr-min. Nothing was written.");
        }
        Map<MaskScenario, SubsetMetrics> headline = new EnumMap<>(MaskScenario.class);
        for (MaskScenario s : objects.keySet()) {
            headline.put(s, metrics.get(s).get(selection.headlineKey()));
        }
        this.checks = Targets.evaluate(headline.get(MaskScenario.ALL_BANDS), headline, inapplicable);
    }

    public SubsetMetrics headline() {
        return metrics.get(MaskScenario.ALL_BANDS).get(selection.headlineKey());
    }

    public SnrSelection selection() {
        return selection;
    }

    public SubsetMetrics metrics(MaskScenario scenario, String snrBinKey) {
        return metrics.get(scenario).get(snrBinKey);
    }

    /** The scenarios that ran (those applicable to the filter set), in declaration order. */
    public java.util.Set<MaskScenario> scenarios() {
        return metrics.keySet();
    }

    public List<Targets.Check> checks() {
        return checks;
    }

    /** Writes metrics.json, report.md and the PNGs into {@code reportDir}. */
    public void write(Path reportDir) throws IOException {
        Files.createDirectories(reportDir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(reportDir.resolve("metrics.json").toFile(), toJson(mapper));
        ReportPlots.write(reportDir, manifest, objects, metrics, selection);
        Files.writeString(reportDir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
    }

    ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("model", manifest.name() + "/" + manifest.version());
        root.put("heldout", heldoutDescription);
        root.put("heldout_rows", heldoutRows);
        root.put("selection", "headline keys: all bands, " + selection.bins().get(0).label());
        root.put("snr_band", selection.band());
        root.put("snr_min", selection.minSnr());
        root.put("snr_band_chosen_by", selection.chosenBy());
        SubsetMetrics head = headline();
        // The keys at top level (all bands, S/N >= 5), then everything per scenario and S/N bin.
        fillSubset(root, head);
        ArrayNode targets = root.putArray("targets");
        for (Targets.Check c : checks) {
            targets.addObject().put("target", c.target()).put("measured", c.measured()).put("met", c.met())
                    .put("applicable", c.applicable());
        }
        ObjectNode scenarios = root.putObject("scenarios");
        for (Map.Entry<MaskScenario, Map<String, SubsetMetrics>> e : metrics.entrySet()) {
            ObjectNode s = scenarios.putObject(e.getKey().key());
            s.put("label", e.getKey().label(bands));
            s.put("applicable", true);
            fillSubset(s, e.getValue().get(selection.headlineKey()));
            ObjectNode bins = s.putObject("snr_bins");
            for (SnrBin bin : selection.bins()) {
                fillSubset(bins.putObject(bin.key()), e.getValue().get(bin.key()));
            }
        }
        for (Map.Entry<MaskScenario, String> e : inapplicable.entrySet()) {
            scenarios.putObject(e.getKey().key()).put("label", e.getKey().label()).put("applicable", false)
                    .put("not_applicable", e.getValue());
        }
        return root;
    }

    private static void fillSubset(ObjectNode node, SubsetMetrics m) {
        node.put("count", m.count());
        ObjectNode params = node.putObject("parameters");
        for (Map.Entry<String, SubsetMetrics.ParameterMetrics> e : m.parameters().entrySet()) {
            SubsetMetrics.ParameterMetrics p = e.getValue();
            ObjectNode pn = params.putObject(e.getKey());
            put(pn, "r2", p.point().r2());
            put(pn, "rmse", p.point().rmse());
            put(pn, "bias", p.point().bias());
            put(pn, "coverage68", p.coverage68());
            put(pn, "coverage95", p.coverage95());
            put(pn, "sbc_chi2", p.sbcTest().chiSquare());
            pn.put("sbc_dof", p.sbcTest().degreesOfFreedom());
            put(pn, "sbc_p_value", p.sbcTest().pValue());
            ArrayNode hist = pn.putArray("sbc_histogram");
            for (long c : p.sbcHistogram()) {
                hist.add(c);
            }
        }
        if (m.redshift() != null) {
            ObjectNode z = node.putObject("redshift");
            put(z, "nmad", m.redshift().nmad());
            put(z, "outlier_fraction", m.redshift().outlierFraction());
            put(z, "bias", m.redshift().bias());
            ArrayNode bins = z.putArray("by_true_redshift");
            for (PhotoZMetrics.TrueRedshiftBin b : m.redshift().byTrueRedshift()) {
                ObjectNode bn = bins.addObject();
                bn.put("z_true_min", b.zTrueMin());
                put(bn, "z_true_max", b.zTrueMax());
                bn.put("count", b.count());
                put(bn, "outlier_fraction", b.outlierFraction());
                put(bn, "low_z_confusion_fraction", b.lowZConfusionFraction());
            }
        }
        put(node, "tarp_ecp50_error", m.tarpEcp50Error());
        put(node, "mean_log_prob", m.meanLogProb());
    }

    private static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Validation report: ").append(manifest.name()).append('/').append(manifest.version()).append("\n\n");
        md.append("Held-out library: ").append(heldoutDescription).append(" (").append(heldoutRows).append(" galaxies, never seen in training).\n");
        md.append("Headline selection: all bands present, ").append(selection.bins().get(0).label()).append(" (")
                .append(headline().count()).append(" galaxies; S/N band ").append(selection.band()).append(", ")
                .append(selection.chosenBy()).append("). ");
        md.append("Posterior medians and credible intervals are exact marginals of the ensemble mixture, truncated to the prior box; ");
        md.append("SBC and TARP use ").append(SubsetMetrics.SBC_DRAWS).append(" posterior draws per galaxy.\n\n");
        if (manifest.features().redshiftInput()) {
            md.append("This model takes redshift as an input (a spectroscopic-redshift network): each galaxy's true redshift was ")
                    .append("given, so there is no photo-z and every metric is at fixed, known redshift.\n\n");
        }
        md.append("## Targets (trainer issue, point 5)\n\n| target | measured | met |\n|---|---|---|\n");
        for (Targets.Check c : checks) {
            md.append("| ").append(c.target()).append(" | ").append(c.measured()).append(" | ").append(!c.applicable() ? "n/a" : c.met() ? "yes" : "**no**").append(" |\n");
        }
        for (MaskScenario s : MaskScenario.values()) {
            if (inapplicable.containsKey(s)) {
                md.append("\n## ").append(s.label()).append("\n\n").append(inapplicable.get(s)).append(".\n");
                continue;
            }
            md.append("\n## ").append(s.label(bands)).append("\n\n");
            for (SnrBin bin : selection.bins()) {
                SubsetMetrics m = metrics.get(s).get(bin.key());
                md.append("### ").append(bin.label()).append(" (").append(m.count()).append(" galaxies)\n\n");
                if (m.redshift() != null) {
                    md.append(String.format(Locale.ROOT, "Photo-z: NMAD %.4f, bias %+.4f, outlier fraction %.4f. ",
                            m.redshift().nmad(), m.redshift().bias(), m.redshift().outlierFraction()));
                }
                md.append(String.format(Locale.ROOT, "TARP |ECP(0.5) - 0.5| = %.4f. Mean log-probability of the truth %.3f.%n%n",
                        m.tarpEcp50Error(), m.meanLogProb()));
                md.append("| parameter | R^2 | RMSE | bias | cov68 | cov95 | SBC chi2 (p) |\n|---|---|---|---|---|---|---|\n");
                for (Map.Entry<String, SubsetMetrics.ParameterMetrics> e : m.parameters().entrySet()) {
                    SubsetMetrics.ParameterMetrics p = e.getValue();
                    md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %+.4f | %.3f | %.3f | %.1f (%.3f) |%n", e.getKey(),
                            p.point().r2(), p.point().rmse(), p.point().bias(), p.coverage68(), p.coverage95(),
                            p.sbcTest().chiSquare(), p.sbcTest().pValue()));
                }
                md.append('\n');
            }
        }
        md.append("## Plots\n\n");
        for (String png : ReportPlots.FILES) {
            md.append("![").append(png).append("](").append(png).append(")\n");
        }
        return md.toString();
    }
}
