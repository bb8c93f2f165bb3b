package io.sedstream.trainer.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One set of axes of a report figure, built on a JFreeChart {@link XYPlot}: fixed axis ranges
 * (linear or log), then layers (lines, points, error bars, bars, bands, notes) drawn in the order
 * they are added. Each layer is its own dataset and renderer, so a layer's colour is exactly its
 * pixels in the PNG.
 */
public final class Plot {

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private final String title;
    private final XYPlot plot;
    private int layers;
    private boolean legend;

    private Plot(String title, ValueAxis x, ValueAxis y) {
        this.title = title;
        for (ValueAxis a : new ValueAxis[] {x, y}) {
            a.setLabelFont(LABEL_FONT);
            a.setTickLabelFont(TICK_FONT);
        }
        this.plot = new XYPlot(null, x, y, null);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(225, 225, 225));
        plot.setRangeGridlinePaint(new Color(225, 225, 225));
        plot.setOutlinePaint(Color.BLACK);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    }

    /** Linear axes over the given ranges (an empty range is widened to one unit). */
    public static Plot linear(String title, String xLabel, String yLabel, double xLo, double xHi, double yLo, double yHi) {
        return new Plot(title, linearAxis(xLabel, xLo, xHi), linearAxis(yLabel, yLo, yHi));
    }

    /** Logarithmic axes on both sides; ranges must be positive. */
    public static Plot logLog(String title, String xLabel, String yLabel, double xLo, double xHi, double yLo, double yHi) {
        return new Plot(title, logAxis(xLabel, xLo, xHi), logAxis(yLabel, yLo, yHi));
    }

    private static NumberAxis linearAxis(String label, double lo, double hi) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        a.setRange(lo, hi > lo ? hi : lo + 1);
        return a;
    }

    private static LogarithmicAxis logAxis(String label, double lo, double hi) {
        if (!(lo > 0 && hi > lo)) {
            throw new IllegalArgumentException("a log axis needs 0 < lo < hi, got [" + lo + ", " + hi + "] for " + label);
        }
        LogarithmicAxis a = new LogarithmicAxis(label);
        a.setStrictValuesFlag(false);
        a.setRange(lo, hi);
        return a;
    }

    /** The straight segment (x0, y0) - (x1, y1). */
    public Plot line(double x0, double y0, double x1, double y1, Color colour, float width) {
        return polyline(new double[] {x0, x1}, new double[] {y0, y1}, colour, width);
    }

    /** A line through the points in order; a non-finite y breaks it. */
    public Plot polyline(double[] xs, double[] ys, Color colour, float width) {
        XYSeries s = series(xs, ys, xs.length);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, colour);
        r.setSeriesStroke(0, new BasicStroke(width));
        return add(new XYSeriesCollection(s), r);
    }

    /** Filled square markers of {@code size} pixels at the first {@code count} points. */
    public Plot points(double[] xs, double[] ys, int count, Color colour, double size) {
        return markers(xs, ys, count, colour, new Rectangle2D.Double(-size / 2, -size / 2, size, size), true);
    }

    /** Filled circles of {@code diameter} pixels at the first {@code count} points. */
    public Plot dots(double[] xs, double[] ys, int count, Color colour, double diameter) {
        return markers(xs, ys, count, colour, new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter), true);
    }

    /** Open squares of {@code size} pixels. */
    public Plot openSquares(double[] xs, double[] ys, Color colour, double size, float width) {
        markers(xs, ys, xs.length, colour, new Rectangle2D.Double(-size / 2, -size / 2, size, size), false);
        ((XYLineAndShapeRenderer) plot.getRenderer(layers - 1)).setSeriesStroke(0, new BasicStroke(width));
        return this;
    }

    private Plot markers(double[] xs, double[] ys, int count, Color colour, Shape shape, boolean filled) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, colour);
        r.setSeriesShape(0, shape);
        r.setSeriesShapesFilled(0, filled);
        r.setUseOutlinePaint(false);
        return add(new XYSeriesCollection(series(xs, ys, count)), r);
    }

    /** Horizontal error bars from xLo to xHi at y (no marker). */
    public Plot horizontalErrorBars(double[] xLo, double[] xHi, double[] y, Color colour, float width) {
        XYIntervalSeries s = new XYIntervalSeries("layer " + layers, false, true);
        for (int i = 0; i < y.length; i++) {
            s.add(0.5 * (xLo[i] + xHi[i]), xLo[i], xHi[i], y[i], y[i], y[i]);
        }
        return errorBars(s, colour, width, true);
    }

    /** Vertical error bars from yLo to yHi at x (no marker). */
    public Plot verticalErrorBars(double[] x, double[] yLo, double[] yHi, Color colour, float width) {
        XYIntervalSeries s = new XYIntervalSeries("layer " + layers, false, true);
        for (int i = 0; i < x.length; i++) {
            s.add(x[i], x[i], x[i], 0.5 * (yLo[i] + yHi[i]), yLo[i], yHi[i]);
        }
        return errorBars(s, colour, width, false);
    }

    private Plot errorBars(XYIntervalSeries s, Color colour, float width, boolean horizontal) {
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(false);
        r.setDefaultShapesVisible(false);
        r.setDrawXError(horizontal);
        r.setDrawYError(!horizontal);
        r.setCapLength(0);
        r.setErrorPaint(colour);
        r.setErrorStroke(new BasicStroke(width));
        r.setSeriesPaint(0, colour);
        XYIntervalSeriesCollection d = new XYIntervalSeriesCollection();
        d.addSeries(s);
        return add(d, r);
    }

    /** Bars from 0 up to heights[i] over [edges[i], edges[i + 1]]. */
    public Plot bars(double[] edges, double[] heights, Color colour) {
        XYIntervalSeries s = new XYIntervalSeries("layer " + layers, false, true);
        for (int i = 0; i < heights.length; i++) {
            s.add(0.5 * (edges[i] + edges[i + 1]), edges[i], edges[i + 1], heights[i], 0, heights[i]);
        }
        XYIntervalSeriesCollection d = new XYIntervalSeriesCollection();
        d.addSeries(s);
        XYBarRenderer r = new XYBarRenderer(0.08);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setSeriesPaint(0, colour);
        return add(d, r);
    }

    /** A horizontal band y0 <= y <= y1 behind the data. */
    public Plot band(double y0, double y1, Color colour) {
        IntervalMarker m = new IntervalMarker(y0, y1, colour);
        m.setOutlinePaint(null);
        plot.addRangeMarker(m, Layer.BACKGROUND);
        return this;
    }

    /** A vertical line at x across the plot. */
    public Plot verticalLine(double x, Color colour, float width) {
        plot.addDomainMarker(new ValueMarker(x, colour, new BasicStroke(width)), Layer.FOREGROUND);
        return this;
    }

    /** A horizontal line at y across the plot. */
    public Plot horizontalLine(double y, Color colour, float width) {
        plot.addRangeMarker(new ValueMarker(y, colour, new BasicStroke(width)), Layer.FOREGROUND);
        return this;
    }

    /** Text with its top-left corner at a fraction of the plot area (0, 0 = top left); linear axes only. */
    public Plot note(String text, double fracX, double fracY, Color colour) {
        if (plot.getDomainAxis() instanceof LogarithmicAxis || plot.getRangeAxis() instanceof LogarithmicAxis) {
            // JFreeChart places relative annotations linearly in value, which is not a fraction of a log axis.
            throw new IllegalStateException("a note's position is a fraction of linear axes");
        }
        TextTitle t = new TextTitle(text, NOTE_FONT);
        t.setPaint(colour);
        plot.addAnnotation(new XYTitleAnnotation(fracX, 1 - fracY, t, RectangleAnchor.TOP_LEFT));
        return this;
    }

    /** Names the last layer in the chart's legend (drawn below the axes). */
    public Plot legend(String label) {
        XYDataset d = plot.getDataset(layers - 1);
        if (d instanceof XYSeriesCollection c) {
            c.getSeries(0).setKey(label);
        } else if (d instanceof XYIntervalSeriesCollection c) {
            c.getSeries(0).setKey(label);
        }
        plot.getRenderer(layers - 1).setSeriesVisibleInLegend(0, true);
        legend = true;
        return this;
    }

    private Plot add(XYDataset d, XYItemRenderer r) {
        r.setSeriesVisibleInLegend(0, false);
        plot.setDataset(layers, d);
        plot.setRenderer(layers, r);
        layers++;
        return this;
    }

    private static XYSeries series(double[] xs, double[] ys, int count) {
        XYSeries s = new XYSeries("series", false, true);
        for (int i = 0; i < count; i++) {
            s.add(xs[i], Double.isFinite(ys[i]) ? ys[i] : Double.NaN);
        }
        return s;
    }

    /** The finished chart: title above, layers drawn first-added at the back. */
    public JFreeChart chart() {
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        JFreeChart c = new JFreeChart(title, TITLE_FONT, plot, false);
        c.setBackgroundPaint(Color.WHITE);
        c.setAntiAlias(true);
        c.setTextAntiAlias(true);
        c.getTitle().setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        if (legend) {
            // Below the axes: an annotation inside the plot would be placed linearly in value, wrong on a log axis.
            LegendTitle l = new LegendTitle(plot);
            l.setItemFont(NOTE_FONT);
            l.setFrame(new BlockBorder(Color.GRAY));
            l.setPosition(RectangleEdge.BOTTOM);
            c.addSubtitle(l);
        }
        return c;
    }
}
