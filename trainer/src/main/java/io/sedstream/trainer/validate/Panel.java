package io.sedstream.trainer.validate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/**
 * One set of axes inside a figure: maps data coordinates to pixels and draws frame, ticks and
 * labels. The trainer's one plotting toolkit (validation and evidence reports), headless java.awt.
 */
public final class Panel {

    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);

    private final Graphics2D g;
    private final int left;
    private final int top;
    private final int width;
    private final int height;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    /** Axes occupy the cell (x, y, w, h) less margins for labels. */
    public Panel(Graphics2D g, int x, int y, int w, int h, double xMin, double xMax, double yMin, double yMax) {
        this.g = g;
        this.left = x + 52;
        this.top = y + 22;
        this.width = w - 52 - 12;
        this.height = h - 22 - 40;
        this.xMin = xMin;
        this.xMax = xMax > xMin ? xMax : xMin + 1;
        this.yMin = yMin;
        this.yMax = yMax > yMin ? yMax : yMin + 1;
    }

    public double px(double x) {
        return left + (x - xMin) / (xMax - xMin) * width;
    }

    public double py(double y) {
        return top + height - (y - yMin) / (yMax - yMin) * height;
    }

    public void frame(String title, String xLabel, String yLabel) {
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(left, top, width, height));
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(left, top, width, height));
        g.setFont(TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        for (double t : ticks(xMin, xMax)) {
            double p = px(t);
            g.draw(new Line2D.Double(p, top + height, p, top + height - 4));
            String s = tickLabel(t);
            g.drawString(s, (float) (p - fm.stringWidth(s) / 2.0), top + height + 14);
        }
        for (double t : ticks(yMin, yMax)) {
            double p = py(t);
            g.draw(new Line2D.Double(left, p, left + 4, p));
            String s = tickLabel(t);
            g.drawString(s, left - 4 - fm.stringWidth(s), (float) (p + 4));
        }
        g.setFont(LABEL_FONT);
        fm = g.getFontMetrics();
        g.drawString(xLabel, left + (width - fm.stringWidth(xLabel)) / 2f, top + height + 32);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(yLabel, -(top + (height + fm.stringWidth(yLabel)) / 2f), left - 38);
        r.dispose();
        g.setFont(TITLE_FONT);
        g.drawString(title, left, top - 6);
    }

    public void line(double x0, double y0, double x1, double y1, Color color, float strokeWidth) {
        g.setColor(color);
        g.setStroke(new BasicStroke(strokeWidth));
        g.draw(new Line2D.Double(px(x0), py(y0), px(x1), py(y1)));
    }

    public void polyline(double[] xs, double[] ys, Color color, float strokeWidth) {
        for (int i = 0; i + 1 < xs.length; i++) {
            if (Double.isFinite(ys[i]) && Double.isFinite(ys[i + 1])) {
                line(xs[i], ys[i], xs[i + 1], ys[i + 1], color, strokeWidth);
            }
        }
    }

    public void points(double[] xs, double[] ys, int count, Color color) {
        g.setColor(color);
        java.awt.Shape clip = g.getClip();
        g.clip(new Rectangle2D.Double(left, top, width, height));
        for (int i = 0; i < count; i++) {
            g.fill(new Rectangle2D.Double(px(xs[i]) - 1, py(ys[i]) - 1, 2.2, 2.2));
        }
        g.setClip(clip);
    }

    public void bar(double x0, double x1, double y, Color color) {
        g.setColor(color);
        double top0 = py(Math.min(y, yMax));
        g.fill(new Rectangle2D.Double(px(x0), top0, px(x1) - px(x0) - 1, py(yMin) - top0));
    }

    public void band(double y0, double y1, Color color) {
        g.setColor(color);
        g.fill(new Rectangle2D.Double(left + 1, py(y1), width - 1, py(y0) - py(y1)));
    }

    public void text(String s, double fracX, double fracY, Color color) {
        g.setColor(color);
        g.setFont(TICK_FONT);
        g.drawString(s, (float) (left + fracX * width), (float) (top + fracY * height));
    }

    private static double[] ticks(double lo, double hi) {
        double span = hi - lo;
        double raw = span / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double first = Math.ceil(lo / step) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(n, 0)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    private static String tickLabel(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1000 || a < 0.01) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A blank figure of w x h pixels with its title; draw panels on it with {@code createGraphics()}. */
    public static java.awt.image.BufferedImage canvas(int w, int h, String title) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(248, 248, 248));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 12, 20);
        g.dispose();
        return img;
    }
}
