package io.sedstream.trainer.evidence;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.trainer.validate.MaskScenario;
import io.sedstream.trainer.validate.Panel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** The evidence report's PNG figures, drawn with the trainer's {@link Panel} (headless java.awt). */
final class EvidencePlots {

    private static final int CELL_W = 450;
    private static final int CELL_H = 380;
    private static final Color[] SCENARIO_COLORS = {new Color(31, 90, 170), new Color(214, 96, 18),
        new Color(40, 150, 60), new Color(180, 30, 120)};
    private static final Color MODEL1 = new Color(31, 90, 170);
    private static final Color MODEL2 = new Color(214, 96, 18);
    private static final List<String> PANEL_BINS = List.of("snr_5_10", "snr_gt10");

    private EvidencePlots() {
    }

    static void write(Path dir, Manifest manifest, EvidenceValidator.Objects objects,
                      Map<MaskScenario, Map<String, EvidenceMetrics>> metrics, Map<MaskScenario, EvidenceMetrics[]> snrCurve)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        String models = manifest.model1().name() + " (M1) vs " + manifest.model2().name() + " (M2)"
                + (manifest.fixture() ? " [FIXTURE, untrained]" : "");
        reliability(dir.resolve(EvidenceReport.PLOTS.get(0)), models, metrics);
        histograms(dir.resolve(EvidenceReport.PLOTS.get(1)), models, metrics);
        accuracyVsSnr(dir.resolve(EvidenceReport.PLOTS.get(2)), models, snrCurve);
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    private static String binLabel(String key) {
        return key.equals("snr_5_10") ? "F444W S/N 5-10" : "F444W S/N > 10";
    }

    private static void reliability(Path file, String models, Map<MaskScenario, Map<String, EvidenceMetrics>> metrics) throws IOException {
        BufferedImage img = Panel.canvas(2 * CELL_W, CELL_H + 28, "Reliability of P(M1): " + models);
        Graphics2D g = graphics(img);
        for (int p = 0; p < PANEL_BINS.size(); p++) {
            Panel panel = new Panel(g, p * CELL_W, 28, CELL_W, CELL_H, 0, 1, 0, 1);
            panel.frame(binLabel(PANEL_BINS.get(p)), "predicted P(M1) (bin mean)", "observed fraction of M1");
            panel.line(0, 0, 1, 1, Color.BLACK, 1f);
            int i = 0;
            for (Map.Entry<MaskScenario, Map<String, EvidenceMetrics>> e : metrics.entrySet()) {
                EvidenceMetrics m = e.getValue().get(PANEL_BINS.get(p));
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
                panel.polyline(java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n), c, 1.6f);
                panel.points(xs, ys, n, c);
                panel.text(String.format(Locale.ROOT, "%s: ECE %.3f (N = %d)", e.getKey().label(), m.ece(), m.count()), 0.03, 0.07 + 0.06 * i, c);
                i++;
            }
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void histograms(Path file, String models, Map<MaskScenario, Map<String, EvidenceMetrics>> metrics) throws IOException {
        BufferedImage img = Panel.canvas(2 * CELL_W, CELL_H + 28, "log10 K per true model, all bands: " + models);
        Graphics2D g = graphics(img);
        double[] edges = EvidenceMetrics.HISTOGRAM_EDGES;
        for (int p = 0; p < PANEL_BINS.size(); p++) {
            EvidenceMetrics m = metrics.get(MaskScenario.ALL_BANDS).get(PANEL_BINS.get(p));
            double[] f1 = fractions(m.histogramModel1());
            double[] f2 = fractions(m.histogramModel2());
            double top = 0;
            for (int i = 0; i < f1.length; i++) {
                top = Math.max(top, Math.max(f1[i], f2[i]));
            }
            Panel panel = new Panel(g, p * CELL_W, 28, CELL_W, CELL_H, edges[0], edges[edges.length - 1], 0, Math.max(top * 1.15, 0.05));
            panel.frame(binLabel(PANEL_BINS.get(p)) + " (N = " + m.count() + ")", "log10 K  (> 0 favours M1)", "fraction of true-model galaxies");
            step(panel, edges, f1, MODEL1);
            step(panel, edges, f2, MODEL2);
            panel.line(0, 0, 0, Math.max(top * 1.15, 0.05), Color.GRAY, 1f);
            panel.text(String.format(Locale.ROOT, "true M1: median %.2f", m.log10KModel1()[1]), 0.03, 0.07, MODEL1);
            panel.text(String.format(Locale.ROOT, "true M2: median %.2f", m.log10KModel2()[1]), 0.03, 0.13, MODEL2);
            panel.text(String.format(Locale.ROOT, "accuracy %.3f", m.accuracy()), 0.03, 0.19, Color.BLACK);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
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
    private static void step(Panel panel, double[] edges, double[] heights, Color c) {
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
        panel.polyline(xs, ys, c, 1.6f);
    }

    private static void accuracyVsSnr(Path file, String models, Map<MaskScenario, EvidenceMetrics[]> curves) throws IOException {
        BufferedImage img = Panel.canvas(CELL_W + 200, CELL_H + 28, "Classification accuracy vs F444W S/N: " + models);
        Graphics2D g = graphics(img);
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
        Panel panel = new Panel(g, 0, 28, CELL_W + 200, CELL_H, -0.5, xMax + 0.15, 0.4, 1.0);
        panel.frame("ln K > 0 -> M1; chance = 0.5", "log10 F444W S/N (bin centre)", "accuracy");
        panel.line(-0.5, 0.5, xMax + 0.15, 0.5, Color.GRAY, 1f);
        int s = 0;
        for (Map.Entry<MaskScenario, EvidenceMetrics[]> e : curves.entrySet()) {
            Color c = SCENARIO_COLORS[s % SCENARIO_COLORS.length];
            double[] ys = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                ys[i] = e.getValue()[i].count() > 0 ? e.getValue()[i].accuracy() : Double.NaN;
            }
            panel.polyline(xs, ys, c, 1.6f);
            panel.points(xs, ys, xs.length, c);
            panel.text(e.getKey().label(), 0.03, 0.07 + 0.06 * s, c);
            s++;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
