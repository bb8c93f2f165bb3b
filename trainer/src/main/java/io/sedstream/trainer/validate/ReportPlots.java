package io.sedstream.trainer.validate;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ParameterSpec;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report's PNG figures, drawn with headless java.awt. */
final class ReportPlots {

    static final List<String> FILES = List.of("truth_vs_median.png", "photoz.png", "coverage.png", "tarp.png", "sbc.png");

    private static final int CELL_W = 330;
    private static final int CELL_H = 290;
    private static final int MAX_POINTS = 4000;
    private static final Color POINT = new Color(31, 90, 170, 90);
    private static final Color[] SCENARIO_COLORS = {new Color(31, 90, 170), new Color(214, 96, 18),
        new Color(40, 150, 60), new Color(180, 30, 120)};

    private ReportPlots() {
    }

    static void write(Path dir, Manifest manifest, Map<MaskScenario, ObjectResults> objects,
                      Map<MaskScenario, Map<String, SubsetMetrics>> metrics, SnrSelection selection) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ObjectResults head = objects.get(MaskScenario.ALL_BANDS).select(selection.minSnr(), Double.POSITIVE_INFINITY);
        String key = selection.headlineKey();
        String cut = selection.bins().get(0).label();
        SubsetMetrics headMetrics = metrics.get(MaskScenario.ALL_BANDS).get(key);
        List<ParameterSpec> params = manifest.parameters();
        truthVsMedian(dir.resolve(FILES.get(0)), params, head, headMetrics, cut);
        int z = indexOf(params, "redshift");
        if (z >= 0) {
            photoZ(dir.resolve(FILES.get(1)), params.get(z), head, z, headMetrics, cut);
        }
        coverage(dir.resolve(FILES.get(2)), params, metrics, key, cut);
        tarp(dir.resolve(FILES.get(3)), metrics, key, cut);
        sbc(dir.resolve(FILES.get(4)), params, headMetrics, cut);
    }

    private static int indexOf(List<ParameterSpec> params, String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static BufferedImage canvas(int w, int h, String title) {
        return Panel.canvas(w, h, title);
    }

    private static void truthVsMedian(Path file, List<ParameterSpec> params, ObjectResults r, SubsetMetrics m, String cut) throws IOException {
        int cols = 4;
        int rows = (params.size() + cols - 1) / cols;
        BufferedImage img = canvas(cols * CELL_W, rows * CELL_H + 28, "Posterior median vs truth (all bands, " + cut + ")");
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int stride = Math.max(1, r.count() / MAX_POINTS);
        for (int d = 0; d < params.size(); d++) {
            ParameterSpec p = params.get(d);
            double lo = p.lower();
            double hi = p.upper();
            Panel panel = new Panel(g, (d % cols) * CELL_W, 28 + (d / cols) * CELL_H, CELL_W, CELL_H, lo, hi, lo, hi);
            panel.frame(p.name(), "true", "posterior median");
            double[] xs = new double[r.count() / stride + 1];
            double[] ys = new double[xs.length];
            int n = 0;
            for (int i = 0; i < r.count(); i += stride) {
                xs[n] = r.truth()[d][i];
                ys[n] = r.median()[d][i];
                n++;
            }
            panel.points(xs, ys, n, POINT);
            panel.line(lo, lo, hi, hi, Color.RED, 1.2f);
            SubsetMetrics.ParameterMetrics pm = m.parameters().get(p.name());
            panel.text(String.format(Locale.ROOT, "R2 %.3f  RMSE %.3f", pm.point().r2(), pm.point().rmse()), 0.03, 0.08, Color.BLACK);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void photoZ(Path file, ParameterSpec z, ObjectResults r, int zi, SubsetMetrics m, String cut) throws IOException {
        BufferedImage img = canvas(2 * CELL_W + 100, 2 * CELL_H, "Photometric redshift (all bands, " + cut + ")");
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double hi = z.upper();
        Panel panel = new Panel(g, 0, 28, 2 * CELL_W + 100, 2 * CELL_H - 28, 0, hi, 0, hi);
        panel.frame(String.format(Locale.ROOT, "NMAD %.4f   bias %+.4f   outliers %.2f%%   N = %d",
                m.redshift().nmad(), m.redshift().bias(), 100 * m.redshift().outlierFraction(), m.count()), "z true", "z photo (median)");
        int stride = Math.max(1, r.count() / (3 * MAX_POINTS));
        double[] xs = new double[r.count() / stride + 1];
        double[] ys = new double[xs.length];
        int n = 0;
        for (int i = 0; i < r.count(); i += stride) {
            xs[n] = r.truth()[zi][i];
            ys[n] = r.median()[zi][i];
            n++;
        }
        panel.points(xs, ys, n, POINT);
        panel.line(0, 0, hi, hi, Color.RED, 1.2f);
        double o = PhotoZMetrics.OUTLIER_DZ;
        // |dz| = 0.15 boundaries: z_est = z_true +- 0.15 (1 + z_true).
        panel.line(0, o, hi, hi + o * (1 + hi), Color.GRAY, 1f);
        panel.line(0, -o, hi, hi - o * (1 + hi), Color.GRAY, 1f);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void coverage(Path file, List<ParameterSpec> params, Map<MaskScenario, Map<String, SubsetMetrics>> metrics,
                                 String key, String cut)
            throws IOException {
        int cols = 2;
        int n = metrics.size();
        BufferedImage img = canvas(cols * (CELL_W + 120), ((n + 1) / cols) * (CELL_H + 40) + 28,
                "Coverage of central credible intervals, per parameter (" + cut + ")");
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int i = 0;
        for (Map.Entry<MaskScenario, Map<String, SubsetMetrics>> e : metrics.entrySet()) {
            SubsetMetrics m = e.getValue().get(key);
            Panel panel = new Panel(g, (i % cols) * (CELL_W + 120), 28 + (i / cols) * (CELL_H + 40), CELL_W + 120, CELL_H + 40, 0, 1, 0, 1);
            panel.frame(e.getKey().label() + " (N = " + m.count() + ")", "nominal credibility", "empirical coverage");
            double[] levels = SubsetMetrics.COVERAGE_LEVELS;
            int d = 0;
            for (ParameterSpec p : params) {
                Color c = Color.getHSBColor((float) d / params.size(), 0.75f, 0.8f);
                panel.polyline(levels, m.parameters().get(p.name()).coverageCurve(), c, 1.3f);
                if (i == 0) {
                    // Legend once, in the first panel's lower right (below the diagonal there is room).
                    panel.text(p.name(), 0.58, 0.40 + 0.045 * d, c);
                }
                d++;
            }
            panel.line(0, 0, 1, 1, Color.BLACK, 1f);
            i++;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void tarp(Path file, Map<MaskScenario, Map<String, SubsetMetrics>> metrics, String key, String cut) throws IOException {
        BufferedImage img = canvas(2 * CELL_W + 60, 2 * CELL_H, "TARP expected coverage (" + cut + ")");
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Panel panel = new Panel(g, 0, 28, 2 * CELL_W + 60, 2 * CELL_H - 28, 0, 1, 0, 1);
        panel.frame("ECP vs credibility level", "credibility level", "expected coverage probability");
        panel.line(0, 0, 1, 1, Color.BLACK, 1f);
        int i = 0;
        for (Map.Entry<MaskScenario, Map<String, SubsetMetrics>> e : metrics.entrySet()) {
            SubsetMetrics m = e.getValue().get(key);
            Color c = SCENARIO_COLORS[i % SCENARIO_COLORS.length];
            panel.polyline(m.tarpLevels(), m.tarpEcp(), c, 1.6f);
            panel.text(String.format(Locale.ROOT, "%s: |ECP(0.5)-0.5| = %.4f", e.getKey().label(), m.tarpEcp50Error()),
                    0.03, 0.07 + 0.06 * i, c);
            i++;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void sbc(Path file, List<ParameterSpec> params, SubsetMetrics m, String cut) throws IOException {
        int cols = 4;
        int rows = (params.size() + cols - 1) / cols;
        BufferedImage img = canvas(cols * CELL_W, rows * CELL_H + 28,
                "SBC rank histograms (" + SubsetMetrics.SBC_DRAWS + " draws, all bands, " + cut + "); band = 99% range if uniform");
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int d = 0; d < params.size(); d++) {
            SubsetMetrics.ParameterMetrics pm = m.parameters().get(params.get(d).name());
            long[] h = pm.sbcHistogram();
            long total = 0;
            long max = 0;
            for (long c : h) {
                total += c;
                max = Math.max(max, c);
            }
            double expected = (double) total / h.length;
            double sigma = Math.sqrt(expected * (1 - 1.0 / h.length));
            Panel panel = new Panel(g, (d % cols) * CELL_W, 28 + (d / cols) * CELL_H, CELL_W, CELL_H, 0, h.length, 0,
                    Math.max(max, expected + 3 * sigma) * 1.1);
            panel.frame(params.get(d).name(), "rank bin", "count");
            panel.band(expected - 2.576 * sigma, expected + 2.576 * sigma, new Color(200, 200, 200));
            for (int b = 0; b < h.length; b++) {
                panel.bar(b, b + 1, h[b], new Color(31, 90, 170));
            }
            panel.line(0, expected, h.length, expected, Color.BLACK, 1f);
            panel.text(String.format(Locale.ROOT, "chi2 %.1f, p %.3f", pm.sbcTest().chiSquare(), pm.sbcTest().pValue()), 0.03, 0.08,
                    Color.BLACK);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
