package io.sedstream.trainer.survey;

import io.sedstream.trainer.plot.Figure;
import io.sedstream.trainer.plot.Plot;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/** Overlaid histograms (real catalogue vs training library), one panel per band or colour, in one PNG. */
final class SurveyPlots {
    static final int BINS = 40;
    private static final int PANEL_WIDTH = 420;
    private static final int PANEL_HEIGHT = 300;
    private static final int COLUMNS = 3;
    static final Color REAL = new Color(200, 60, 30);
    static final Color LIBRARY = new Color(30, 90, 180);

    private SurveyPlots() {
    }

    /** Writes one panel per quantity: both samples' histograms as fractions per bin, over a common binning. */
    static void write(List<SurveyComparison.Quantity> quantities, String axisLabel, String heading, Path png) throws IOException {
        List<JFreeChart> panels = new ArrayList<>();
        for (SurveyComparison.Quantity q : quantities) {
            panels.add(panel(q, axisLabel));
        }
        Figure.write(png, heading, panels, COLUMNS, PANEL_WIDTH, PANEL_HEIGHT);
    }

    private static JFreeChart panel(SurveyComparison.Quantity q, String axisLabel) {
        // The binning spans the central 99% of both samples, so a few extreme values do not flatten the panel.
        double lo = Math.min(TwoSampleStatistics.quantile(q.real(), 0.005), TwoSampleStatistics.quantile(q.library(), 0.005));
        double hi = Math.max(TwoSampleStatistics.quantile(q.real(), 0.995), TwoSampleStatistics.quantile(q.library(), 0.995));
        if (!Double.isFinite(lo)) {
            lo = Double.isFinite(hi) ? hi - 1 : 0;
        }
        if (!Double.isFinite(hi) || hi <= lo) {
            hi = lo + 1;
        }
        double[][] real = histogramOutline(q.real(), lo, hi);
        double[][] library = histogramOutline(q.library(), lo, hi);
        double top = 0;
        for (double[] ys : new double[][] {real[1], library[1]}) {
            for (double y : ys) {
                top = Math.max(top, y);
            }
        }
        return Plot.linear(String.format("%s  KS D = %.3f", q.name(), q.ks()), axisLabel, "fraction per bin", lo, hi, 0,
                        top > 0 ? 1.1 * top : 1)
                .polyline(real[0], real[1], REAL, 1.8f).legend(String.format("real (%,d)", q.real().length))
                .polyline(library[0], library[1], LIBRARY, 1.8f).legend(String.format("library (%,d)", q.library().length))
                .chart();
    }

    /**
     * The step outline {x, y} of the fraction of {@code sorted} per bin over [lo, hi] (values outside
     * are counted in the denominator but not drawn).
     */
    static double[][] histogramOutline(double[] sorted, double lo, double hi) {
        double[] counts = new double[BINS];
        double width = (hi - lo) / BINS;
        for (double v : sorted) {
            int b = (int) Math.floor((v - lo) / width);
            if (b >= 0 && b < BINS) {
                counts[b]++;
            } else if (v == hi) {
                counts[BINS - 1]++;
            }
        }
        double[] xs = new double[2 * BINS + 2];
        double[] ys = new double[2 * BINS + 2];
        xs[0] = lo;
        for (int b = 0; b < BINS; b++) {
            double f = sorted.length == 0 ? 0 : counts[b] / sorted.length;
            xs[1 + 2 * b] = lo + b * width;
            ys[1 + 2 * b] = f;
            xs[2 + 2 * b] = lo + (b + 1) * width;
            ys[2 + 2 * b] = f;
        }
        xs[2 * BINS + 1] = hi;
        return new double[][] {xs, ys};
    }
}
