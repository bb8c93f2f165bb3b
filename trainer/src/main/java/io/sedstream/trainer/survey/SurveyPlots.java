package io.sedstream.trainer.survey;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Overlaid histograms (real catalogue vs training library), one panel per band or colour, drawn with JFreeChart into one PNG. */
final class SurveyPlots {
    static final int BINS = 40;
    private static final int PANEL_WIDTH = 420;
    private static final int PANEL_HEIGHT = 300;
    private static final int COLUMNS = 3;
    private static final Color REAL = new Color(200, 60, 30);
    private static final Color LIBRARY = new Color(30, 90, 180);

    private SurveyPlots() {
    }

    /** Writes one panel per quantity: both samples' histograms as fractions per bin, over a common binning. */
    static void write(List<SurveyComparison.Quantity> quantities, String axisLabel, Path png) {
        System.setProperty("java.awt.headless", "true");
        int rows = (quantities.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage image = new BufferedImage(COLUMNS * PANEL_WIDTH, Math.max(1, rows) * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < quantities.size(); i++) {
            JFreeChart chart = chart(quantities.get(i), axisLabel);
            chart.draw(g, new Rectangle2D.Double((i % COLUMNS) * PANEL_WIDTH, (i / COLUMNS) * PANEL_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT));
        }
        g.dispose();
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    private static JFreeChart chart(SurveyComparison.Quantity q, String axisLabel) {
        // The binning spans the central 99% of both samples, so a few extreme values do not flatten the panel.
        double lo = Math.min(TwoSampleStatistics.quantile(q.real(), 0.005), TwoSampleStatistics.quantile(q.library(), 0.005));
        double hi = Math.max(TwoSampleStatistics.quantile(q.real(), 0.995), TwoSampleStatistics.quantile(q.library(), 0.995));
        if (!Double.isFinite(lo)) {
            lo = Double.isFinite(hi) ? hi - 1 : 0;
        }
        if (!Double.isFinite(hi) || hi <= lo) {
            hi = lo + 1;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(histogram(String.format("real (%,d)", q.real().length), q.real(), lo, hi));
        data.addSeries(histogram(String.format("library (%,d)", q.library().length), q.library(), lo, hi));
        JFreeChart chart = ChartFactory.createXYLineChart(String.format("%s  KS D = %.3f", q.name(), q.ks()), axisLabel,
                "fraction per bin", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getTitle().setFont(chart.getTitle().getFont().deriveFont(13f));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, REAL);
        r.setSeriesPaint(1, LIBRARY);
        r.setSeriesStroke(0, new BasicStroke(1.8f));
        r.setSeriesStroke(1, new BasicStroke(1.8f));
        plot.setRenderer(r);
        return chart;
    }

    /** A step outline of the fraction of {@code sorted} per bin (values outside [lo, hi] are left out of the drawing only). */
    private static XYSeries histogram(String key, double[] sorted, double lo, double hi) {
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
        XYSeries s = new XYSeries(key, false, true);
        s.add(lo, 0);
        for (int b = 0; b < BINS; b++) {
            double f = sorted.length == 0 ? 0 : counts[b] / sorted.length;
            s.add(lo + b * width, f);
            s.add(lo + (b + 1) * width, f);
        }
        s.add(hi, 0);
        return s;
    }
}
