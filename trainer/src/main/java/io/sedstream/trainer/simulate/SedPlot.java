package io.sedstream.trainer.simulate;

import io.sedstream.sed.model.ObservedSpectrum;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws simulated SEDs (observed-frame f_nu against wavelength, log-log) with their band fluxes, one panel
 * per galaxy, on a headless Java2D image.
 */
final class SedPlot {
    private SedPlot() {
    }

    record Panel(String title, ObservedSpectrum spectrum, double[] observedNJy, double[] errorNJy) {
    }

    static BufferedImage render(List<Panel> panels, int columns, int panelWidth, int panelHeight, String heading) {
        int rows = (panels.size() + columns - 1) / columns;
        int top = 50;
        BufferedImage img = new BufferedImage(columns * panelWidth, top + rows * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(heading, 20, 30);
        for (int i = 0; i < panels.size(); i++) {
            int x0 = (i % columns) * panelWidth;
            int y0 = top + (i / columns) * panelHeight;
            drawPanel(g, panels.get(i), x0, y0, panelWidth, panelHeight);
        }
        g.dispose();
        return img;
    }

    private static void drawPanel(Graphics2D g, Panel p, int x0, int y0, int w, int h) {
        int left = x0 + 95;
        int right = x0 + w - 25;
        int topY = y0 + 40;
        int bottom = y0 + h - 65;
        ObservedSpectrum s = p.spectrum();
        double[] lam = s.lambdaObsAngstrom();
        double[] f = s.fluxNJy();
        double[] pivots = s.bandPivotAngstrom();
        double[] bands = s.bandFluxNJy();
        double xMin = Math.log10(3000.0 / 1e4);
        double xMax = Math.log10(55000.0 / 1e4);
        // y range: from the band fluxes and continuum, in log10 nJy
        double yMax = -Double.MAX_VALUE;
        for (int i = 0; i < bands.length; i++) {
            yMax = Math.max(yMax, Math.log10(Math.max(bands[i], 1e-6)));
            yMax = Math.max(yMax, Math.log10(Math.max(p.observedNJy()[i] + p.errorNJy()[i], 1e-6)));
        }
        // Scale to the band fluxes (emission-line spikes drawn one cell wide would dominate otherwise).
        yMax = Math.ceil(yMax + 0.5);
        double yMin = yMax - 5;

        g.setColor(new Color(250, 250, 250));
        g.fillRect(left, topY, right - left, bottom - topY);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.2f));
        g.drawRect(left, topY, right - left, bottom - topY);

        Font tick = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        g.setFont(tick);
        FontMetrics fm = g.getFontMetrics();
        for (double um : new double[] {0.3, 0.5, 0.7, 1, 1.5, 2, 3, 4, 5}) {
            int x = (int) sx(Math.log10(um), xMin, xMax, left, right);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x, topY + 1, x, bottom - 1);
            g.setColor(Color.BLACK);
            g.drawLine(x, bottom, x, bottom + 5);
            String label = um < 1 ? String.valueOf(um) : String.valueOf((int) um == um ? (int) um : um);
            g.drawString(label, x - fm.stringWidth(label) / 2, bottom + 20);
        }
        for (int e = (int) Math.ceil(yMin); e <= (int) Math.floor(yMax); e++) {
            int y = (int) sy(e, yMin, yMax, topY, bottom);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left + 1, y, right - 1, y);
            g.setColor(Color.BLACK);
            g.drawLine(left - 5, y, left, y);
            String label = e >= 0 && e <= 4 ? String.valueOf((long) Math.pow(10, e)) : "1e" + e;
            g.drawString(label, left - 8 - fm.stringWidth(label), y + 5);
        }
        Font axis = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
        g.setFont(axis);
        fm = g.getFontMetrics();
        String xl = "observed wavelength [micron]";
        g.drawString(xl, (left + right) / 2 - fm.stringWidth(xl) / 2, bottom + 45);
        AffineTransform old = g.getTransform();
        g.rotate(-Math.PI / 2);
        String yl = "f_nu [nJy]  (AB = 31.4 - 2.5 log f)";
        g.drawString(yl, -(topY + bottom) / 2 - fm.stringWidth(yl) / 2, x0 + 22);
        g.setTransform(old);

        // spectrum
        g.setClip(left, topY, right - left, bottom - topY);
        Path2D path = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < lam.length; i++) {
            double x = Math.log10(lam[i] / 1e4);
            double y = Math.log10(Math.max(f[i], Math.pow(10, yMin - 1)));
            double px = sx(x, xMin, xMax, left, right);
            double py = sy(y, yMin, yMax, topY, bottom);
            if (!started) {
                path.moveTo(px, py);
                started = true;
            } else {
                path.lineTo(px, py);
            }
        }
        g.setColor(new Color(70, 110, 200));
        g.setStroke(new BasicStroke(1.3f));
        g.draw(path);
        // noisy fluxes with error bars, noiseless band fluxes as squares
        for (int b = 0; b < pivots.length; b++) {
            double px = sx(Math.log10(pivots[b] / 1e4), xMin, xMax, left, right);
            double obs = p.observedNJy()[b];
            double err = p.errorNJy()[b];
            double lo = obs - err;
            double hi = obs + err;
            g.setColor(new Color(200, 40, 40));
            g.setStroke(new BasicStroke(1.6f));
            double pyHi = sy(Math.log10(Math.max(hi, Math.pow(10, yMin - 1))), yMin, yMax, topY, bottom);
            double pyLo = lo > 0 ? sy(Math.log10(lo), yMin, yMax, topY, bottom) : bottom;
            g.drawLine((int) px, (int) pyHi, (int) px, (int) pyLo);
            if (obs > 0) {
                double py = sy(Math.log10(obs), yMin, yMax, topY, bottom);
                g.fillOval((int) px - 4, (int) py - 4, 8, 8);
            }
            double pyModel = sy(Math.log10(Math.max(bands[b], Math.pow(10, yMin - 1))), yMin, yMax, topY, bottom);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.4f));
            g.drawRect((int) px - 5, (int) pyModel - 5, 10, 10);
        }
        g.setClip(null);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(p.title(), left, topY - 12);
        // legend
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int lx = right - 250;
        int ly = bottom - 52;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(lx - 6, ly - 16, 252, 62);
        g.setColor(Color.GRAY);
        g.drawRect(lx - 6, ly - 16, 252, 62);
        g.setColor(new Color(70, 110, 200));
        g.drawLine(lx, ly - 4, lx + 20, ly - 4);
        g.setColor(Color.BLACK);
        g.drawString("model spectrum (lines 1 cell wide)", lx + 26, ly);
        g.drawRect(lx + 5, ly + 8, 10, 10);
        g.drawString("noiseless band flux", lx + 26, ly + 18);
        g.setColor(new Color(200, 40, 40));
        g.fillOval(lx + 6, ly + 26, 8, 8);
        g.setColor(Color.BLACK);
        g.drawString("noisy flux +/- 1 sigma", lx + 26, ly + 36);
    }

    private static double sx(double v, double min, double max, int left, int right) {
        return left + (v - min) / (max - min) * (right - left);
    }

    private static double sy(double v, double min, double max, int top, int bottom) {
        double c = Math.max(min - 0.5, Math.min(max + 0.5, v));
        return bottom - (c - min) / (max - min) * (bottom - top);
    }
}
