package io.sedstream.trainer.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** PNG figures of a comparison run: NPE vs sampler medians, and the distribution of d per parameter. */
public final class ComparisonPlots {

    private static final int CELL_W = 300;
    private static final int CELL_H = 260;
    private static final int COLUMNS = 4;
    private static final int MARGIN = 40;
    private static final Color POINT = new Color(31, 90, 170, 170);
    private static final Color BAR = new Color(31, 90, 170);
    private static final Color REFERENCE = new Color(200, 40, 40);

    private ComparisonPlots() {
    }

    /** Writes {@code npe_vs_ns_medians.png} and {@code d_histograms.png} into {@code dir}. */
    public static void write(List<GalaxyComparison> rows, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> names = rows.get(0).parameters();
        int cells = names.size();
        int gridRows = (cells + COLUMNS - 1) / COLUMNS;

        BufferedImage medians = canvas(gridRows, "NPE median (y) vs nested-sampling median (x), with NS 68% bars; line y = x");
        Graphics2D g = medians.createGraphics();
        prepare(g);
        for (int k = 0; k < cells; k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (GalaxyComparison r : rows) {
                lo = Math.min(lo, Math.min(r.sampler().get(k).p16(), r.npe().get(k).median()));
                hi = Math.max(hi, Math.max(r.sampler().get(k).p84(), r.npe().get(k).median()));
            }
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            double pad = 0.05 * (hi - lo);
            Cell c = new Cell(k, lo - pad, hi + pad, lo - pad, hi + pad);
            c.frame(g, names.get(k));
            g.setColor(REFERENCE);
            g.drawLine(c.px(c.xLo), c.py(c.yLo), c.px(c.xHi), c.py(c.yHi));
            g.setColor(POINT);
            for (GalaxyComparison r : rows) {
                GalaxyComparison.Summary ns = r.sampler().get(k);
                int y = c.py(r.npe().get(k).median());
                g.drawLine(c.px(ns.p16()), y, c.px(ns.p84()), y);
                g.fillOval(c.px(ns.median()) - 3, y - 3, 6, 6);
            }
        }
        g.dispose();
        ImageIO.write(medians, "png", dir.resolve("npe_vs_ns_medians.png").toFile());

        BufferedImage hist = canvas(gridRows, "d = (NPE median - NS median) / NS sigma68, clipped to [-5, 5]; red: |d| = 1");
        g = hist.createGraphics();
        prepare(g);
        int bins = 20;
        for (int k = 0; k < cells; k++) {
            int[] counts = new int[bins];
            for (GalaxyComparison r : rows) {
                double d = Math.max(-5, Math.min(5 - 1e-9, r.medianShiftInSamplerSigma(k)));
                counts[(int) ((d + 5) / 10 * bins)]++;
            }
            int max = 1;
            for (int v : counts) {
                max = Math.max(max, v);
            }
            Cell c = new Cell(k, -5, 5, 0, max * 1.1);
            c.frame(g, names.get(k));
            g.setColor(BAR);
            for (int b = 0; b < bins; b++) {
                double x0 = -5 + 10.0 * b / bins;
                double x1 = -5 + 10.0 * (b + 1) / bins;
                int top = c.py(counts[b]);
                g.fillRect(c.px(x0) + 1, top, Math.max(1, c.px(x1) - c.px(x0) - 2), c.py(0) - top);
            }
            g.setColor(REFERENCE);
            for (double x : new double[] {-1, 1}) {
                g.drawLine(c.px(x), c.py(0), c.px(x), c.py(c.yHi));
            }
        }
        g.dispose();
        ImageIO.write(hist, "png", dir.resolve("d_histograms.png").toFile());
        if (!Double.isNaN(rows.get(0).evidenceLnK())) {
            writeEvidence(rows, dir);
        }
    }

    /** {@code evidence_vs_ns.png}: the evidence network's ln K against nested sampling's Delta log Z, line y = x. */
    private static void writeEvidence(List<GalaxyComparison> rows, Path dir) throws IOException {
        EvidenceAgreement a = EvidenceAgreement.of(rows);
        BufferedImage img = new BufferedImage(2 * CELL_W, 2 * CELL_H + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        prepare(g);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "evidence network ln K (y) vs nested-sampling Delta log Z (x), %d galaxies;"
                + " Spearman %.2f", a.galaxies(), a.spearman()), 10, 20);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (GalaxyComparison r : rows) {
            lo = Math.min(lo, Math.min(r.deltaLogZ(), r.evidenceLnK()));
            hi = Math.max(hi, Math.max(r.deltaLogZ(), r.evidenceLnK()));
        }
        double pad = 0.05 * Math.max(hi - lo, 1.0);
        // One double-size panel: the cell geometry scaled by two.
        Cell c = new Cell(0, lo - pad, hi + pad, lo - pad, hi + pad) {
            @Override
            int px(double x) {
                return MARGIN + (int) Math.round((x - xLo) / (xHi - xLo) * (2 * CELL_W - MARGIN - 15));
            }

            @Override
            int py(double y) {
                return 30 + 2 * CELL_H - MARGIN + 10 - (int) Math.round((y - yLo) / (yHi - yLo) * (2 * CELL_H - MARGIN - 25));
            }
        };
        c.frame(g, "ln K = ln p(x|M1) - ln p(x|M2)");
        g.setColor(REFERENCE);
        g.drawLine(c.px(c.xLo), c.py(c.yLo), c.px(c.xHi), c.py(c.yHi));
        g.drawLine(c.px(0), c.py(c.yLo), c.px(0), c.py(c.yHi));
        g.drawLine(c.px(c.xLo), c.py(0), c.px(c.xHi), c.py(0));
        g.setColor(POINT);
        for (GalaxyComparison r : rows) {
            int y = c.py(r.evidenceLnK());
            g.drawLine(c.px(r.deltaLogZ() - r.deltaLogZError()), y, c.px(r.deltaLogZ() + r.deltaLogZError()), y);
            g.fillOval(c.px(r.deltaLogZ()) - 3, y - 3, 6, 6);
        }
        g.dispose();
        ImageIO.write(img, "png", dir.resolve("evidence_vs_ns.png").toFile());
    }

    private static BufferedImage canvas(int gridRows, String title) {
        BufferedImage img = new BufferedImage(COLUMNS * CELL_W, gridRows * CELL_H + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 20);
        g.dispose();
        return img;
    }

    private static void prepare(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setStroke(new BasicStroke(1.2f));
    }

    /** One panel of the grid with linear axes. */
    private static class Cell {
        final int x0;
        final int y0;
        final double xLo;
        final double xHi;
        final double yLo;
        final double yHi;

        Cell(int index, double xLo, double xHi, double yLo, double yHi) {
            this.x0 = (index % COLUMNS) * CELL_W;
            this.y0 = 30 + (index / COLUMNS) * CELL_H;
            this.xLo = xLo;
            this.xHi = xHi;
            this.yLo = yLo;
            this.yHi = yHi;
        }

        int px(double x) {
            return x0 + MARGIN + (int) Math.round((x - xLo) / (xHi - xLo) * (CELL_W - MARGIN - 15));
        }

        int py(double y) {
            return y0 + CELL_H - MARGIN + 10 - (int) Math.round((y - yLo) / (yHi - yLo) * (CELL_H - MARGIN - 25));
        }

        void frame(Graphics2D g, String title) {
            g.setColor(Color.BLACK);
            g.drawRect(px(xLo), py(yHi), px(xHi) - px(xLo), py(yLo) - py(yHi));
            g.drawString(title, px(xLo), py(yHi) - 4);
            g.drawString(String.format(Locale.ROOT, "%.3g", xLo), px(xLo), py(yLo) + 14);
            String right = String.format(Locale.ROOT, "%.3g", xHi);
            g.drawString(right, px(xHi) - 6 * right.length(), py(yLo) + 14);
            g.drawString(String.format(Locale.ROOT, "%.3g", yHi), x0 + 2, py(yHi) + 10);
            g.drawString(String.format(Locale.ROOT, "%.3g", yLo), x0 + 2, py(yLo));
        }
    }
}
