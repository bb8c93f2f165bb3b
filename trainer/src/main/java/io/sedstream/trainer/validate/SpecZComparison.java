package io.sedstream.trainer.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The held-out metrics with redshift inferred beside those with the true redshift given as a
 * spectroscopic one (the other parameters conditioned on it): {@code spec-z.md} and
 * {@code spec-z.json} in the report directory.
 */
final class SpecZComparison {
    /** The published method's fixed-redshift headline (Harvey et al. 2026) and the coverage tolerance. */
    static final double R2_TARGET = 0.99;
    static final double COVERAGE_TOLERANCE = 0.03;
    static final List<String> MASS_PARAMETERS = List.of("log10_surviving_mass", "log10_formed_mass");

    private final ValidationReport photometric;
    private final ValidationReport spectroscopic;
    private final String title;

    SpecZComparison(String title, ValidationReport photometric, ValidationReport spectroscopic) {
        this.title = title;
        this.photometric = photometric;
        this.spectroscopic = spectroscopic;
    }

    void write(Path reportDir) throws IOException {
        Files.createDirectories(reportDir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("model", title);
        root.put("selection", "per scenario, " + photometric.selection().bins().get(0).label() + "; redshift given = the held-out truth, other parameters conditioned on it");
        ObjectNode scenarios = root.putObject("scenarios");
        for (MaskScenario s : photometric.scenarios()) {
            ObjectNode sn = scenarios.putObject(s.key());
            SubsetMetrics a = photometric.metrics(s, photometric.selection().headlineKey());
            SubsetMetrics b = spectroscopic.metrics(s, photometric.selection().headlineKey());
            sn.put("count", a.count());
            ObjectNode params = sn.putObject("parameters");
            for (String name : a.parameters().keySet()) {
                if (name.equals(Validator.REDSHIFT)) {
                    continue;
                }
                ObjectNode pn = params.putObject(name);
                fill(pn.putObject("photometric"), a.parameters().get(name));
                fill(pn.putObject("spectroscopic"), b.parameters().get(name));
            }
            sn.put("worst_coverage_error_spectroscopic", worstCoverageError(b));
            sn.put("worst_coverage_error_photometric", worstCoverageError(a));
            // Densities of the same variables (all but redshift, at the given redshift): comparable with a
            // redshift-input network's mean_log_prob and TARP on the same galaxies.
            putFinite(sn, "mean_log_prob_spectroscopic", b.meanLogProb());
            putFinite(sn, "tarp_ecp50_error_spectroscopic", b.tarpEcp50Error());
        }
        mapper.writeValue(reportDir.resolve("spec-z.json").toFile(), root);
        Files.writeString(reportDir.resolve("spec-z.md"), markdown(), StandardCharsets.UTF_8);
    }

    private static void putFinite(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private static void fill(ObjectNode node, SubsetMetrics.ParameterMetrics p) {
        node.put("r2", p.point().r2());
        node.put("rmse", p.point().rmse());
        node.put("coverage68", p.coverage68());
        node.put("coverage95", p.coverage95());
    }

    /** The largest |coverage - nominal| at 68% and 95% over the parameters other than redshift. */
    static double worstCoverageError(SubsetMetrics m) {
        double worst = 0;
        for (Map.Entry<String, SubsetMetrics.ParameterMetrics> e : m.parameters().entrySet()) {
            if (!e.getKey().equals(Validator.REDSHIFT)) {
                worst = Math.max(worst, Math.max(Math.abs(e.getValue().coverage68() - 0.68), Math.abs(e.getValue().coverage95() - 0.95)));
            }
        }
        return worst;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Spectroscopic redshift given: ").append(title).append("\n\n");
        md.append("Each held-out galaxy's true redshift is given as a spectroscopic one: every other parameter's posterior is the ")
                .append("network's joint mixture conditioned exactly on it (`ConditionalMixture`, what the stream does with `specZ`). ")
                .append("Beside it, the same galaxies with redshift inferred from the photometry. ")
                .append(photometric.selection().bins().get(0).label()).append(".\n\n");
        SubsetMetrics a = photometric.metrics(MaskScenario.ALL_BANDS, photometric.selection().headlineKey());
        SubsetMetrics b = spectroscopic.metrics(MaskScenario.ALL_BANDS, photometric.selection().headlineKey());
        md.append("## Goals (issue 11, point 5)\n\n| goal | z inferred | z given | met (z given) |\n|---|---|---|---|\n");
        for (String mass : MASS_PARAMETERS) {
            if (b.parameters().containsKey(mass)) {
                double r2 = b.parameters().get(mass).point().r2();
                md.append(String.format(Locale.ROOT, "| R^2(%s) >= %.2f | %.4f | %.4f | %s |%n", mass, R2_TARGET,
                        a.parameters().get(mass).point().r2(), r2, r2 >= R2_TARGET ? "yes" : "**no**"));
            }
        }
        double worst = worstCoverageError(b);
        md.append(String.format(Locale.ROOT, "| every other parameter's 68%%/95%% coverage within +-%.2f (all bands) | worst %.3f | worst %.3f | %s |%n%n",
                COVERAGE_TOLERANCE, worstCoverageError(a), worst, worst <= COVERAGE_TOLERANCE ? "yes" : "**no**"));
        for (MaskScenario s : photometric.scenarios()) {
            SubsetMetrics pa = photometric.metrics(s, photometric.selection().headlineKey());
            SubsetMetrics pb = spectroscopic.metrics(s, photometric.selection().headlineKey());
            md.append("## ").append(s.label()).append(" (").append(pa.count()).append(" galaxies)\n\n");
            md.append("| parameter | R^2 z inferred | R^2 z given | cov68 inferred | cov68 given | cov95 inferred | cov95 given |\n");
            md.append("|---|---|---|---|---|---|---|\n");
            for (String name : pa.parameters().keySet()) {
                if (name.equals(Validator.REDSHIFT)) {
                    continue;
                }
                SubsetMetrics.ParameterMetrics x = pa.parameters().get(name);
                SubsetMetrics.ParameterMetrics y = pb.parameters().get(name);
                md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.3f | %.3f | %.3f | %.3f |%n", name,
                        x.point().r2(), y.point().r2(), x.coverage68(), y.coverage68(), x.coverage95(), y.coverage95()));
            }
            md.append('\n');
        }
        return md.toString();
    }
}
