package io.sedstream.trainer.validate;

import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ParameterSpec;

import io.sedstream.trainer.plot.Figure;
import io.sedstream.trainer.plot.Plot;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/** The report's PNG figures, drawn with JFreeChart through {@link Plot} and {@link Figure}. */
final class ReportPlots {

    static final List<String> FILES = List.of("truth_vs_median.png", "photoz.png", "coverage.png", "tarp.png", "sbc.png");

    private static final int CELL_W = 330;
    private static final int CELL_H = 290;
    private static final int MAX_POINTS = 4000;
    private static final Color POINT = new Color(31, 90, 170, 90);
    /** Bars of the SBC histograms (opaque, so a test can find them in the PNG). */
    static final Color SBC_BAR = new Color(31, 90, 170);
    static final Color[] SCENARIO_COLORS = {new Color(31, 90, 170), new Color(214, 96, 18),
        new Color(40, 150, 60), new Color(180, 30, 120), new Color(120, 90, 20), new Color(20, 150, 160)};

    private ReportPlots() {
    }

    static void write(Path dir, Manifest manifest, Map<MaskScenario, ObjectResults> objects,
                      Map<MaskScenario, Map<String, SubsetMetrics>> metrics, SnrSelection selection) throws IOException {
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

    private static void truthVsMedian(Path file, List<ParameterSpec> params, ObjectResults r, SubsetMetrics m, String cut) throws IOException {
        int stride = Math.max(1, r.count() / MAX_POINTS);
        List<JFreeChart> panels = new ArrayList<>();
        for (int d = 0; d < params.size(); d++) {
            ParameterSpec p = params.get(d);
            double lo = p.lower();
            double hi = p.upper();
            double[] xs = new double[r.count() / stride + 1];
            double[] ys = new double[xs.length];
            int n = 0;
            for (int i = 0; i < r.count(); i += stride) {
                xs[n] = r.truth()[d][i];
                ys[n] = r.median()[d][i];
                n++;
            }
            SubsetMetrics.ParameterMetrics pm = m.parameters().get(p.name());
            panels.add(Plot.linear(p.name(), "true", "posterior median", lo, hi, lo, hi)
                    .points(xs, ys, n, POINT, 2.5)
                    .line(lo, lo, hi, hi, Color.RED, 1.2f)
                    .note(String.format(Locale.ROOT, "R2 %.3f  RMSE %.3f", pm.point().r2(), pm.point().rmse()), 0.03, 0.03, Color.BLACK)
                    .chart());
        }
        Figure.write(file, "Posterior median vs truth (all bands, " + cut + ")", panels, 4, CELL_W, CELL_H);
    }

    private static void photoZ(Path file, ParameterSpec z, ObjectResults r, int zi, SubsetMetrics m, String cut) throws IOException {
        double hi = z.upper();
        int stride = Math.max(1, r.count() / (3 * MAX_POINTS));
        double[] xs = new double[r.count() / stride + 1];
        double[] ys = new double[xs.length];
        int n = 0;
        for (int i = 0; i < r.count(); i += stride) {
            xs[n] = r.truth()[zi][i];
            ys[n] = r.median()[zi][i];
            n++;
        }
        double o = PhotoZMetrics.OUTLIER_DZ;
        String title = String.format(Locale.ROOT, "NMAD %.4f   bias %+.4f   outliers %.2f%%   N = %d",
                m.redshift().nmad(), m.redshift().bias(), 100 * m.redshift().outlierFraction(), m.count());
        JFreeChart chart = Plot.linear(title, "z true", "z photo (median)", 0, hi, 0, hi)
                .points(xs, ys, n, POINT, 2.5)
                .line(0, 0, hi, hi, Color.RED, 1.2f)
                // |dz| = 0.15 boundaries: z_est = z_true +- 0.15 (1 + z_true).
                .line(0, o, hi, hi + o * (1 + hi), Color.GRAY, 1f)
                .line(0, -o, hi, hi - o * (1 + hi), Color.GRAY, 1f)
                .chart();
        Figure.write(file, "Photometric redshift (all bands, " + cut + ")", chart, 2 * CELL_W + 100, 2 * CELL_H - 28);
    }

    private static void coverage(Path file, List<ParameterSpec> params, Map<MaskScenario, Map<String, SubsetMetrics>> metrics,
                                 String key, String cut)
            throws IOException {
        List<JFreeChart> panels = new ArrayList<>();
        int i = 0;
        for (Map.Entry<MaskScenario, Map<String, SubsetMetrics>> e : metrics.entrySet()) {
            SubsetMetrics m = e.getValue().get(key);
            Plot plot = Plot.linear(e.getKey().label() + " (N = " + m.count() + ")", "nominal credibility", "empirical coverage", 0, 1, 0, 1);
            int d = 0;
            for (ParameterSpec p : params) {
                Color c = Color.getHSBColor((float) d / params.size(), 0.75f, 0.8f);
                plot.polyline(SubsetMetrics.COVERAGE_LEVELS, m.parameters().get(p.name()).coverageCurve(), c, 1.3f);
                if (i == 0) {
                    // Legend once, in the first panel's lower right (below the diagonal there is room).
                    plot.note(p.name(), 0.62, 0.50 + 0.038 * d, c);
                }
                d++;
            }
            panels.add(plot.line(0, 0, 1, 1, Color.BLACK, 1f).chart());
            i++;
        }
        Figure.write(file, "Coverage of central credible intervals, per parameter (" + cut + ")", panels, 2, CELL_W + 120, CELL_H + 40);
    }

    private static void tarp(Path file, Map<MaskScenario, Map<String, SubsetMetrics>> metrics, String key, String cut) throws IOException {
        Plot plot = Plot.linear("ECP vs credibility level", "credibility level", "expected coverage probability", 0, 1, 0, 1)
                .line(0, 0, 1, 1, Color.BLACK, 1f);
        int i = 0;
        for (Map.Entry<MaskScenario, Map<String, SubsetMetrics>> e : metrics.entrySet()) {
            SubsetMetrics m = e.getValue().get(key);
            Color c = SCENARIO_COLORS[i % SCENARIO_COLORS.length];
            plot.polyline(m.tarpLevels(), m.tarpEcp(), c, 1.6f)
                    .note(String.format(Locale.ROOT, "%s: |ECP(0.5)-0.5| = %.4f", e.getKey().label(), m.tarpEcp50Error()), 0.03, 0.03 + 0.06 * i, c);
            i++;
        }
        Figure.write(file, "TARP expected coverage (" + cut + ")", plot.chart(), 2 * CELL_W + 60, 2 * CELL_H - 28);
    }

    private static void sbc(Path file, List<ParameterSpec> params, SubsetMetrics m, String cut) throws IOException {
        List<JFreeChart> panels = new ArrayList<>();
        for (ParameterSpec p : params) {
            SubsetMetrics.ParameterMetrics pm = m.parameters().get(p.name());
            long[] h = pm.sbcHistogram();
            long total = 0;
            long max = 0;
            double[] edges = new double[h.length + 1];
            double[] heights = new double[h.length];
            for (int b = 0; b < h.length; b++) {
                total += h[b];
                max = Math.max(max, h[b]);
                edges[b + 1] = b + 1;
                heights[b] = h[b];
            }
            double expected = (double) total / h.length;
            double sigma = Math.sqrt(expected * (1 - 1.0 / h.length));
            double top = Math.max(max, expected + 3 * sigma) * 1.1;
            panels.add(Plot.linear(p.name(), "rank bin", "count", 0, h.length, 0, top)
                    .band(expected - 2.576 * sigma, expected + 2.576 * sigma, new Color(200, 200, 200))
                    .bars(edges, heights, SBC_BAR)
                    .line(0, expected, h.length, expected, Color.BLACK, 1f)
                    .note(String.format(Locale.ROOT, "chi2 %.1f, p %.3f", pm.sbcTest().chiSquare(), pm.sbcTest().pValue()), 0.03, 0.03,
                            Color.BLACK)
                    .chart());
        }
        Figure.write(file, "SBC rank histograms (" + SubsetMetrics.SBC_DRAWS + " draws, all bands, " + cut + "); band = 99% range if uniform",
                panels, 4, CELL_W, CELL_H);
    }
}
