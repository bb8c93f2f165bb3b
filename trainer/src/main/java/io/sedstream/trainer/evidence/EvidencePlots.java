package io.sedstream.trainer.evidence;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.trainer.validate.MaskBands;
import io.sedstream.trainer.validate.MaskScenario;
import io.sedstream.trainer.validate.SnrSelection;
import io.sedstream.trainer.validate.ValidationReport;
import io.sedstream.trainer.plot.Figure;
import io.sedstream.trainer.plot.Plot;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/** The evidence report's PNG figures, drawn with JFreeChart through the trainer's {@link Plot} and {@link Figure}. */
final class EvidencePlots {

    private static final int CELL_W = 450;
    private static final int CELL_H = 380;
    static final Color[] SCENARIO_COLORS = {new Color(31, 90, 170), new Color(214, 96, 18),
        new Color(40, 150, 60), new Color(180, 30, 120), new Color(120, 90, 20), new Color(20, 150, 160)};
    static final Color MODEL1 = new Color(31, 90, 170);
    static final Color MODEL2 = new Color(214, 96, 18);

    private EvidencePlots() {
    }

    static void write(Path dir, Manifest manifest, EvidenceValidator.Objects objects,
                      Map<MaskScenario, Map<String, EvidenceMetrics>> metrics, Map<MaskScenario, EvidenceMetrics[]> snrCurve,
                      SnrSelection selection, MaskBands bands)
            throws IOException {
        String models = manifest.model1().name() + " (M1) vs " + manifest.model2().name() + " (M2)"
                + (manifest.fixture() ? " [FIXTURE, untrained]" : "");
        // The two panels: S/N cut-2cut and > 2cut.
        List<ValidationReport.SnrBin> panels = selection.bins().subList(1, 3);
        reliability(dir.resolve(EvidenceReport.PLOTS.get(0)), models, metrics, panels, bands);
        histograms(dir.resolve(EvidenceReport.PLOTS.get(1)), models, metrics, panels);
        accuracyVsSnr(dir.resolve(EvidenceReport.PLOTS.get(2)), models, snrCurve, selection.shortName(), bands);
    }

    private static void reliability(Path file, String models, Map<MaskScenario, Map<String, EvidenceMetrics>> metrics,
                                    List<ValidationReport.SnrBin> snrBins, MaskBands bands) throws IOException {
        List<JFreeChart> panels = new ArrayList<>();
        for (ValidationReport.SnrBin bin : snrBins) {
            Plot plot = Plot.linear(bin.label(), "predicted P(M1) (bin mean)", "observed fraction of M1", 0, 1, 0, 1)
                    .line(0, 0, 1, 1, Color.BLACK, 1f);
            int i = 0;
            for (Map.Entry<MaskScenario, Map<String, EvidenceMetrics>> e : metrics.entrySet()) {
                EvidenceMetrics m = e.getValue().get(bin.key());
                Color c = SCENARIO_COLORS[i % SCENARIO_COLORS.length];
                EvidenceMetrics.ReliabilityBin[] bins = m.reliability();
                double[] xs = new double[bins.length];
                double[] ys = new double[bins.length];
                int n = 0;
                for (EvidenceMetrics.ReliabilityBin b : bins) {
                    if (b.count() > 0) {
                        xs[n] = b.meanPredicted();
                        ys[n] = b.observedModel1();
                        n++;
                    }
                }
                plot.polyline(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), c, 1.6f)
                        .points(xs, ys, n, c, 4)
                        .note(String.format(Locale.ROOT, "%s: ECE %.3f (N = %d)", e.getKey().label(bands), m.ece(), m.count()), 0.03, 0.03 + 0.06 * i, c);
                i++;
            }
            panels.add(plot.chart());
        }
        Figure.write(file, "Reliability of P(M1): " + models, panels, 2, CELL_W, CELL_H);
    }

    private static void histograms(Path file, String models, Map<MaskScenario, Map<String, EvidenceMetrics>> metrics,
                                   List<ValidationReport.SnrBin> snrBins) throws IOException {
        double[] edges = EvidenceMetrics.HISTOGRAM_EDGES;
        List<JFreeChart> panels = new ArrayList<>();
        for (ValidationReport.SnrBin bin : snrBins) {
            EvidenceMetrics m = metrics.get(MaskScenario.ALL_BANDS).get(bin.key());
            double[] f1 = fractions(m.histogramModel1());
            double[] f2 = fractions(m.histogramModel2());
            double top = 0;
            for (int i = 0; i < f1.length; i++) {
                top = Math.max(top, Math.max(f1[i], f2[i]));
            }
            double yMax = Math.max(top * 1.15, 0.05);
            Plot plot = Plot.linear(bin.label() + " (N = " + m.count() + ")", "log10 K  (> 0 favours M1)", "fraction of true-model galaxies",
                    edges[0], edges[edges.length - 1], 0, yMax);
            step(plot, edges, f1, MODEL1);
            step(plot, edges, f2, MODEL2);
            panels.add(plot.line(0, 0, 0, yMax, Color.GRAY, 1f)
                    .note(String.format(Locale.ROOT, "true M1: median %.2f", m.log10KModel1()[1]), 0.03, 0.03, MODEL1)
                    .note(String.format(Locale.ROOT, "true M2: median %.2f", m.log10KModel2()[1]), 0.03, 0.09, MODEL2)
                    .note(String.format(Locale.ROOT, "accuracy %.3f", m.accuracy()), 0.03, 0.15, Color.BLACK)
                    .chart());
        }
        Figure.write(file, "log10 K per true model, all bands: " + models, panels, 2, CELL_W, CELL_H);
    }

    private static double[] fractions(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double[] f = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            f[i] = total == 0 ? 0 : (double) counts[i] / total;
        }
        return f;
    }

    /** A histogram outline. */
    private static void step(Plot plot, double[] edges, double[] heights, Color c) {
        double[] xs = new double[2 * heights.length + 2];
        double[] ys = new double[xs.length];
        xs[0] = edges[0];
        ys[0] = 0;
        for (int i = 0; i < heights.length; i++) {
            xs[2 * i + 1] = edges[i];
            ys[2 * i + 1] = heights[i];
            xs[2 * i + 2] = edges[i + 1];
            ys[2 * i + 2] = heights[i];
        }
        xs[xs.length - 1] = edges[edges.length - 1];
        ys[ys.length - 1] = 0;
        plot.polyline(xs, ys, c, 1.6f);
    }

    private static void accuracyVsSnr(Path file, String models, Map<MaskScenario, EvidenceMetrics[]> curves, String band, MaskBands bands)
            throws IOException {
        double[] edges = EvidenceReport.SNR_CURVE_EDGES;
        // x = log10 of the bin's geometric centre; the open first bin is drawn at S/N 0.5, the open last at 1.5 x its edge.
        double[] xs = new double[edges.length - 1];
        double xMax = 0;
        for (int i = 0; i < xs.length; i++) {
            double lo = edges[i] > 0 ? edges[i] : 0.5;
            double hi = Double.isFinite(edges[i + 1]) ? edges[i + 1] : 2.25 * lo;
            xs[i] = i == 0 ? Math.log10(0.5) : Math.log10(Math.sqrt(lo * hi));
            for (EvidenceMetrics[] curve : curves.values()) {
                if (curve[i].count() > 0) {
                    xMax = Math.max(xMax, xs[i]);
                }
            }
        }
        // The noise model's error floor caps S/N (0.05 mag: about 22), so the axis ends at the last filled bin.
        Plot plot = Plot.linear("ln K > 0 -> M1; chance = 0.5", "log10 " + band + " S/N (bin centre)", "accuracy", -0.5, xMax + 0.15, 0.4, 1.0)
                .line(-0.5, 0.5, xMax + 0.15, 0.5, Color.GRAY, 1f);
        int s = 0;
        for (Map.Entry<MaskScenario, EvidenceMetrics[]> e : curves.entrySet()) {
            Color c = SCENARIO_COLORS[s % SCENARIO_COLORS.length];
            double[] ys = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                ys[i] = e.getValue()[i].count() > 0 ? e.getValue()[i].accuracy() : Double.NaN;
            }
            plot.polyline(xs, ys, c, 1.6f)
                    .points(xs, ys, xs.length, c, 4)
                    .note(e.getKey().label(bands), 0.03, 0.03 + 0.06 * s, c);
            s++;
        }
        Figure.write(file, "Classification accuracy vs " + band + " S/N: " + models, plot.chart(), CELL_W + 200, CELL_H);
    }
}
