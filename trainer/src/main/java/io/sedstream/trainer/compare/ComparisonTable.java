package io.sedstream.trainer.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hipparchus.stat.descriptive.rank.Median;
import java.util.List;
import java.util.Locale;

/** Prints and writes the figures of a comparison run. */
public final class ComparisonTable {

    private ComparisonTable() {
    }

    /** The median (mean of the two central values for an even count), by Hipparchus; the input is not reordered. */
    static double median(double[] values) {
        return new Median().evaluate(values);
    }

    public static void print(List<GalaxyComparison> rows, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%4s %7s %6s %10s %10s %10s %16s %11s %8s%n",
                "gal", "z_true", "S/N", "NPE [ms]", "NS [s]", "NS/NPE", "logZ", "NS calls", "us/call");
        int n = rows.size();
        double[] npe = new double[n];
        double[] ns = new double[n];
        double[] ratio = new double[n];
        double[] usPerCall = new double[n];
        double[] npeSummaryOnly = new double[n];
        for (int i = 0; i < n; i++) {
            GalaxyComparison r = rows.get(i);
            npe[i] = r.npeSeconds();
            ns[i] = r.samplerSeconds();
            ratio[i] = r.speedRatio();
            npeSummaryOnly[i] = r.npeSummaryOnlySeconds();
            usPerCall[i] = 1e6 * r.samplerSeconds() / r.likelihoodCalls();
            out.printf(Locale.ROOT, "%4d %7.3f %6.1f %10.3f %10.2f %10.0f %9.2f +- %4.2f %11d %8.1f%n",
                    r.galaxy().id(), r.galaxy().truth()[0], r.galaxy().snrF444w(), npe[i] * 1e3, ns[i], ratio[i],
                    r.logZ(), r.logZError(), r.likelihoodCalls(), usPerCall[i]);
        }
        double mNpe = median(npe);
        double mNs = median(ns);
        out.printf(Locale.ROOT, "median: NPE %.3f ms per galaxy, nested sampling %.2f s per galaxy;"
                + " ratio of medians %.0fx, median of per-galaxy ratios %.0fx; NS %.1f us per likelihood call (sampler included)%n",
                mNpe * 1e3, mNs, mNs / mNpe, median(ratio), median(usPerCall));
        out.printf(Locale.ROOT, "NPE without posterior samples (exact marginal summaries only): median %.3f ms per galaxy,"
                + " ratio of medians %.0fx%n", median(npeSummaryOnly) * 1e3, mNs / median(npeSummaryOnly));

        if (!Double.isNaN(rows.get(0).alternativeLogZ())) {
            StringBuilder sb = new StringBuilder("nested-sampling Delta log Z (this model minus the second model), per galaxy:");
            for (GalaxyComparison r : rows) {
                sb.append(String.format(Locale.ROOT, " %.2f+-%.2f", r.deltaLogZ(), r.deltaLogZError()));
            }
            out.println(sb);
        }

        if (!Double.isNaN(rows.get(0).evidenceLnK())) {
            printEvidence(rows, out);
        }

        List<String> names = rows.get(0).parameters();
        out.println();
        out.println("NPE vs nested sampling, per parameter: d = (NPE median - NS median) / NS sigma68;"
                + " overlap = |68% intervals' intersection| / |union|; coverage = truth inside the 68% interval");
        out.printf(Locale.ROOT, "%-24s %9s %9s %9s %9s %9s %9s   %s%n", "parameter", "med|d|", "mean d", "max|d|",
                "overlap", "cov NS", "cov NPE", "d per galaxy");
        for (int k = 0; k < names.size(); k++) {
            double[] d = new double[n];
            double[] absD = new double[n];
            double overlap = 0;
            int coveredNs = 0;
            int coveredNpe = 0;
            StringBuilder per = new StringBuilder();
            for (int i = 0; i < n; i++) {
                GalaxyComparison r = rows.get(i);
                d[i] = r.medianShiftInSamplerSigma(k);
                absD[i] = Math.abs(d[i]);
                overlap += r.npe().get(k).intervalOverlap(r.sampler().get(k)) / n;
                double truth = r.galaxy().truth()[outputIndex(r, k)];
                coveredNs += r.sampler().get(k).contains68(truth) ? 1 : 0;
                coveredNpe += r.npe().get(k).contains68(truth) ? 1 : 0;
                if (i < 12) {
                    per.append(String.format(Locale.ROOT, " %+.2f", d[i]));
                }
            }
            out.printf(Locale.ROOT, "%-24s %9.2f %+9.2f %9.2f %9.2f %9.2f %9.2f  %s%s%n", names.get(k), median(absD),
                    Arrays.stream(d).average().orElse(Double.NaN), Arrays.stream(absD).max().orElse(Double.NaN),
                    overlap, coveredNs / (double) n, coveredNpe / (double) n, per, n > 12 ? " ..." : "");
        }
    }

    /**
     * Evidence network ln K against nested-sampling Delta log Z on the same galaxies: Spearman rank
     * correlation, offset and scatter of the difference, and how often each picks the model that made the
     * galaxies (the comparison's primary model, so ln K &gt; 0 is right).
     */
    static void printEvidence(List<GalaxyComparison> rows, PrintStream out) {
        EvidenceAgreement a = EvidenceAgreement.of(rows);
        out.println();
        out.printf(Locale.ROOT, "evidence network ln K vs nested-sampling Delta log Z (%d galaxies, all drawn from this"
                + " run's forward model; both as ln p(x|it) - ln p(x|second model)):%n", a.galaxies());
        out.printf(Locale.ROOT, "  Spearman rank correlation %.3f; ln K - Delta log Z: median %+.2f, NMAD %.2f, std %.2f;"
                + " median NS error on Delta log Z %.2f%n", a.spearman(), a.medianDifference(), a.nmadDifference(),
                a.stdDifference(), a.medianDeltaLogZError());
        out.printf(Locale.ROOT, "  true model preferred: evidence network %.1f%%, nested sampling %.1f%%;"
                + " same sign %.1f%%%n", 100 * a.networkPrefersM1(), 100 * a.samplerPrefersM1(), 100 * a.sameSign());
    }

    private static int outputIndex(GalaxyComparison r, int k) {
        return io.sedstream.sed.model.ParameterNames.OUTPUTS.indexOf(r.parameters().get(k));
    }

    /** One row per galaxy and parameter, for reports and plots. */
    public static void writeCsv(List<GalaxyComparison> rows, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("galaxy,snr_f444w,parameter,truth,npe_median,npe_p16,npe_p84,ns_median,ns_p16,ns_p84,"
                    + "d_median_in_ns_sigma,overlap68,npe_seconds,npe_summary_only_seconds,ns_seconds,ns_logz,ns_logz_err,ns_calls,"
                    + "ns_logz_second_model,ns_logz_err_second_model,evidence_ln_k\n");
            for (GalaxyComparison r : rows) {
                for (int k = 0; k < r.parameters().size(); k++) {
                    GalaxyComparison.Summary a = r.npe().get(k);
                    GalaxyComparison.Summary b = r.sampler().get(k);
                    w.write(String.format(Locale.ROOT, "%d,%.3f,%s,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.4f,%.4f,%.6g,%.6g,%.6g,%.4f,%.4f,%d,%.4f,%.4f,%.4f%n",
                            r.galaxy().id(), r.galaxy().snrF444w(), r.parameters().get(k),
                            r.galaxy().truth()[outputIndex(r, k)], a.median(), a.p16(), a.p84(), b.median(), b.p16(),
                            b.p84(), r.medianShiftInSamplerSigma(k), a.intervalOverlap(b), r.npeSeconds(),
                            r.npeSummaryOnlySeconds(), r.samplerSeconds(), r.logZ(), r.logZError(), r.likelihoodCalls(),
                            r.alternativeLogZ(), r.alternativeLogZError(), r.evidenceLnK()));
                }
            }
        }
    }
}
