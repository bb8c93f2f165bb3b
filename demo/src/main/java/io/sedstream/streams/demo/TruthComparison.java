package io.sedstream.streams.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.schemas.ParameterSummary;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.sed.model.ParameterNames;
import io.sedstream.streams.app.EmbeddedPipeline;
import io.sedstream.streams.catalogue.SimulatedGalaxies;
import io.sedstream.streams.comparison.ComparisonTally;
import io.sedstream.streams.estimation.ModelIdentity;
import io.sedstream.streams.json.JsonLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's science check: each posterior that comes back is set beside the true parameters of its
 * simulated galaxy. It keeps the running 68% coverage per parameter (the fraction of truths inside
 * [p16, p84], 0.68 for a calibrated posterior) and the latest well-measured galaxy to show. Only
 * the model's parameters whose names are forward-model outputs ({@link ParameterNames#OUTPUTS}) are
 * compared; the others are listed as skipped. With model comparison on, each galaxy shown also gets
 * its log10 K and P(M1) from the comparison topic (the demo's galaxies come from the default model,
 * M1, so a trained evidence network should prefer M1).
 */
public final class TruthComparison implements EmbeddedPipeline.OutputObserver {

    /** Galaxies shown as examples have at least this F444W signal-to-noise (a reader sees a constrained posterior). */
    private static final double SHOWCASE_SNR = 10;
    private static final double NOMINAL = 0.68;

    /** What the progress lines show: parameter name, label, and whether to show it as 10^x (A_V in mag). */
    private record Shown(String name, String label, boolean linear) { }

    private static final List<Shown> SHOWN = List.of(
            new Shown(ParameterNames.REDSHIFT, "z", false),
            new Shown(ParameterNames.LOG10_SURVIVING_MASS, "log M*/Msun", false),
            new Shown(ParameterNames.LOG10_SFR_100MYR, "log SFR/(Msun/yr)", false),
            new Shown(ParameterNames.LOG10_AV, "A_V/mag", true));

    private final SimulatedGalaxies galaxies;
    private final AvroCodec<PosteriorSummary> codec = new AvroCodec<>(PosteriorSummary.class, SchemaStore.builtIn());
    private final boolean fixture;
    private final List<String> compared = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    /** Per compared parameter: its index in the model's output and in the truth vector. */
    private final int[] modelIndex;
    private final int[] truthIndex;
    private final long[] inside;
    private long compareCount;
    private long unknown;
    private final ComparisonTally comparisons;
    /** A galaxy to show: rendered when shown, so its comparison (which may arrive after its posterior) can join it. */
    private record Example(String id, double snr, double[] truth, List<ParameterSummary> parameters) { }

    private Example latestExample;
    private final List<Example> examples = new ArrayList<>();

    public TruthComparison(SimulatedGalaxies galaxies, ModelIdentity model) {
        this(galaxies, model, null);
    }

    /** @param comparisons the comparison topic's tally, or null when comparison is off */
    public TruthComparison(SimulatedGalaxies galaxies, ModelIdentity model, ComparisonTally comparisons) {
        this.galaxies = galaxies;
        this.comparisons = comparisons;
        this.fixture = model.fixture();
        List<Integer> mi = new ArrayList<>();
        List<Integer> ti = new ArrayList<>();
        for (int i = 0; i < model.parameters().size(); i++) {
            String name = model.parameters().get(i);
            int t = ParameterNames.OUTPUTS.indexOf(name);
            if (t < 0) {
                skipped.add(name);
            } else {
                compared.add(name);
                mi.add(i);
                ti.add(t);
            }
        }
        modelIndex = mi.stream().mapToInt(Integer::intValue).toArray();
        truthIndex = ti.stream().mapToInt(Integer::intValue).toArray();
        inside = new long[modelIndex.length];
    }

    /** Model parameters that are not forward-model outputs, so have no truth (named in a note). */
    public List<String> skippedParameters() {
        return List.copyOf(skipped);
    }

    @Override
    public void posterior(byte[] key, byte[] value) {
        PosteriorSummary s = codec.decode(value);
        String id = s.getObjectId();
        double[] truth = galaxies.takeTruth(id);
        double snr = galaxies.takeF444wSnr(id);
        if (truth == null) {
            unknown++;
            return;
        }
        List<ParameterSummary> ps = s.getParameters();
        for (int k = 0; k < modelIndex.length; k++) {
            ParameterSummary p = ps.get(modelIndex[k]);
            double t = truth[truthIndex[k]];
            if (t >= p.getP16() && t <= p.getP84()) {
                inside[k]++;
            }
        }
        compareCount++;
        if (snr >= SHOWCASE_SNR || latestExample == null) {
            latestExample = new Example(id, snr, truth, ps);
            if (snr >= SHOWCASE_SNR && examples.size() < 5 && compareCount % 97 == 1) {
                examples.add(latestExample);
                if (comparisons != null) {
                    comparisons.watch(id);
                }
            }
        }
    }

    private String render(Example e) {
        String id = e.id();
        double[] truth = e.truth();
        List<ParameterSummary> ps = e.parameters();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %s (F444W S/N %.0f), truth | posterior median [16%%, 84%%]:%n   ",
                id, e.snr()));
        for (Shown sh : SHOWN) {
            int k = compared.indexOf(sh.name());
            if (k < 0) {
                continue;
            }
            ParameterSummary p = ps.get(modelIndex[k]);
            double t = truth[truthIndex[k]];
            sb.append(String.format(Locale.ROOT, "  %s %s | %s [%s, %s]", sh.label(), fmt(t, sh.linear()), fmt(p.getMedian(), sh.linear()),
                    fmt(p.getP16(), sh.linear()), fmt(p.getP84(), sh.linear())));
        }
        if (comparisons != null) {
            // Truth: this galaxy was simulated by the default model, M1.
            sb.append(comparisons.verdict(id).map(v -> String.format(Locale.ROOT, "%n     model comparison (truth: M1): log10 K %.2f  P(M1) %.3f%s",
                    v.log10BayesFactor(), v.probabilityModel1(), comparisons.fixture() ? "  [FIXTURE bundle(s): meaningless]" : ""))
                    .orElse(String.format(Locale.ROOT, "%n     model comparison (truth: M1): not yet read")));
        }
        return sb.toString();
    }

    private static String fmt(double v, boolean linear) {
        return String.format(Locale.ROOT, "%.2f", linear ? Math.pow(10, v) : v);
    }

    @Override
    public List<String> progressLines() {
        List<String> lines = new ArrayList<>();
        if (latestExample != null) {
            lines.add(render(latestExample));
        }
        if (compareCount > 0) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  running 68%% coverage (n=%d, nominal 0.68):", compareCount));
            for (Shown sh : SHOWN) {
                int k = compared.indexOf(sh.name());
                if (k >= 0) {
                    sb.append(String.format(Locale.ROOT, "  %s %.3f", sh.label(), coverage(k)));
                }
            }
            if (fixture) {
                sb.append("  [FIXTURE model: untrained, coverage is meaningless]");
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    /** A few well-measured galaxies seen during the run, for the closing summary. */
    public List<String> examples() {
        return examples.stream().map(this::render).toList();
    }

    private double coverage(int k) {
        return compareCount == 0 ? Double.NaN : (double) inside[k] / compareCount;
    }

    /** Running 68% coverage per compared parameter. */
    public Map<String, Double> coverage68() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < compared.size(); k++) {
            m.put(compared.get(k), coverage(k));
        }
        return m;
    }

    /** Worst |coverage - 0.68| over the compared parameters. */
    public double worstCoverageError() {
        double worst = 0;
        for (int k = 0; k < compared.size(); k++) {
            worst = Math.max(worst, Math.abs(coverage(k) - NOMINAL));
        }
        return worst;
    }

    @Override
    public void jsonFields(ObjectNode line) {
        ObjectNode coverage = line.putObject("coverage68");
        coverage68().forEach((name, v) -> coverage.put(name, JsonLine.rounded(v, 4)));
        line.put("coverage68_galaxies", compareCount);
        if (fixture) {
            line.put("coverage68_note", "FIXTURE model: untrained seeded weights, coverage is meaningless");
        }
        if (!skipped.isEmpty()) {
            ArrayNode names = line.putArray("coverage68_skipped");
            skipped.forEach(names::add);
        }
    }

    /** Posteriors whose objectId had no truth (none expected). */
    public long unknownObjects() {
        return unknown;
    }
}
