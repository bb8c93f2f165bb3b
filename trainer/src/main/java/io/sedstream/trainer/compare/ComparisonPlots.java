package io.sedstream.trainer.compare;

import io.sedstream.trainer.plot.Figure;
import io.sedstream.trainer.plot.Plot;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;

/** PNG figures of a comparison run: NPE vs sampler medians, and the distribution of d per parameter (JFreeChart). */
public final class ComparisonPlots {

    private static final int CELL_W = 300;
    private static final int CELL_H = 260;
    private static final int COLUMNS = 4;
    static final Color POINT = new Color(31, 90, 170, 170);
    static final Color BAR = new Color(31, 90, 170);
    static final Color REFERENCE = new Color(200, 40, 40);

    private ComparisonPlots() {
    }

    /** Writes {@code npe_vs_ns_medians.png} and {@code d_histograms.png} into {@code dir}. */
    public static void write(List<GalaxyComparison> rows, Path dir) throws IOException {
        List<String> names = rows.get(0).parameters();
        List<JFreeChart> medians = new ArrayList<>();
        List<JFreeChart> histograms = new ArrayList<>();
        int bins = 20;
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = -5 + 10.0 * b / bins;
        }
        for (int k = 0; k < names.size(); k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double[] nsMedian = new double[rows.size()];
            double[] ns16 = new double[rows.size()];
            double[] ns84 = new double[rows.size()];
            double[] npeMedian = new double[rows.size()];
            double[] counts = new double[bins];
            for (int i = 0; i < rows.size(); i++) {
                GalaxyComparison r = rows.get(i);
                GalaxyComparison.Summary ns = r.sampler().get(k);
                nsMedian[i] = ns.median();
                ns16[i] = ns.p16();
                ns84[i] = ns.p84();
                npeMedian[i] = r.npe().get(k).median();
                lo = Math.min(lo, Math.min(ns.p16(), npeMedian[i]));
                hi = Math.max(hi, Math.max(ns.p84(), npeMedian[i]));
                double d = Math.max(-5, Math.min(5 - 1e-9, r.medianShiftInSamplerSigma(k)));
                counts[(int) ((d + 5) / 10 * bins)]++;
            }
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            double pad = 0.05 * (hi - lo);
            medians.add(Plot.linear(names.get(k), "NS median", "NPE median", lo - pad, hi + pad, lo - pad, hi + pad)
                    .line(lo - pad, lo - pad, hi + pad, hi + pad, REFERENCE, 1.2f)
                    .horizontalErrorBars(ns16, ns84, npeMedian, POINT, 1.2f)
                    .dots(nsMedian, npeMedian, rows.size(), POINT, 6)
                    .chart());
            double max = 1;
            for (double c : counts) {
                max = Math.max(max, c);
            }
            histograms.add(Plot.linear(names.get(k), "d", "galaxies", -5, 5, 0, max * 1.1)
                    .bars(edges, counts, BAR)
                    .verticalLine(-1, REFERENCE, 1.2f)
                    .verticalLine(1, REFERENCE, 1.2f)
                    .chart());
        }
        Figure.write(dir.resolve("npe_vs_ns_medians.png"), "NPE median (y) vs nested-sampling median (x), with NS 68% bars; line y = x",
                medians, COLUMNS, CELL_W, CELL_H);
        Figure.write(dir.resolve("d_histograms.png"), "d = (NPE median - NS median) / NS sigma68, clipped to [-5, 5]; red: |d| = 1",
                histograms, COLUMNS, CELL_W, CELL_H);
        if (!Double.isNaN(rows.get(0).evidenceLnK())) {
            writeEvidence(rows, dir);
        }
    }

    /** {@code evidence_vs_ns.png}: the evidence network's ln K against nested sampling's Delta log Z, line y = x. */
    private static void writeEvidence(List<GalaxyComparison> rows, Path dir) throws IOException {
        EvidenceAgreement a = EvidenceAgreement.of(rows);
        int n = rows.size();
        double[] delta = new double[n];
        double[] deltaLo = new double[n];
        double[] deltaHi = new double[n];
        double[] lnK = new double[n];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            GalaxyComparison r = rows.get(i);
            delta[i] = r.deltaLogZ();
            deltaLo[i] = r.deltaLogZ() - r.deltaLogZError();
            deltaHi[i] = r.deltaLogZ() + r.deltaLogZError();
            lnK[i] = r.evidenceLnK();
            lo = Math.min(lo, Math.min(delta[i], lnK[i]));
            hi = Math.max(hi, Math.max(delta[i], lnK[i]));
        }
        double pad = 0.05 * Math.max(hi - lo, 1.0);
        JFreeChart chart = Plot.linear("ln K = ln p(x|M1) - ln p(x|M2)", "nested sampling Delta log Z", "evidence network ln K",
                        lo - pad, hi + pad, lo - pad, hi + pad)
                .line(lo - pad, lo - pad, hi + pad, hi + pad, REFERENCE, 1.2f)
                .verticalLine(0, REFERENCE, 1.2f)
                .horizontalLine(0, REFERENCE, 1.2f)
                .horizontalErrorBars(deltaLo, deltaHi, lnK, POINT, 1.2f)
                .dots(delta, lnK, n, POINT, 6)
                .chart();
        Figure.write(dir.resolve("evidence_vs_ns.png"), String.format(Locale.ROOT,
                "evidence network ln K (y) vs nested-sampling Delta log Z (x), %d galaxies; Spearman %.2f", a.galaxies(), a.spearman()),
                chart, 2 * CELL_W, 2 * CELL_H);
    }
}
