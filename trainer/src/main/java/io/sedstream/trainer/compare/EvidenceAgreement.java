package io.sedstream.trainer.compare;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.stat.correlation.SpearmansCorrelation;

/**
 * How an evidence network's ln K agrees with nested sampling's Delta log Z over galaxies drawn from the
 * primary model M1.
 *
 * @param galaxies             galaxies compared
 * @param spearman             Spearman rank correlation of ln K and Delta log Z
 * @param medianDifference     median of ln K - Delta log Z
 * @param nmadDifference       1.4826 x median absolute deviation of ln K - Delta log Z
 * @param stdDifference        standard deviation of ln K - Delta log Z
 * @param medianDeltaLogZError median nested-sampling error on Delta log Z (the floor for any scatter)
 * @param networkPrefersM1     fraction with ln K &gt; 0
 * @param samplerPrefersM1     fraction with Delta log Z &gt; 0
 * @param sameSign             fraction where both prefer the same model
 */
record EvidenceAgreement(int galaxies, double spearman, double medianDifference, double nmadDifference,
                         double stdDifference, double medianDeltaLogZError, double networkPrefersM1,
                         double samplerPrefersM1, double sameSign) {

    static EvidenceAgreement of(List<GalaxyComparison> rows) {
        int n = rows.size();
        double[] lnK = new double[n];
        double[] delta = new double[n];
        double[] diff = new double[n];
        double[] err = new double[n];
        int net = 0;
        int ns = 0;
        int same = 0;
        for (int i = 0; i < n; i++) {
            GalaxyComparison r = rows.get(i);
            lnK[i] = r.evidenceLnK();
            delta[i] = r.deltaLogZ();
            diff[i] = lnK[i] - delta[i];
            err[i] = r.deltaLogZError();
            net += lnK[i] > 0 ? 1 : 0;
            ns += delta[i] > 0 ? 1 : 0;
            same += (lnK[i] > 0) == (delta[i] > 0) ? 1 : 0;
        }
        double med = ComparisonTable.median(diff);
        double[] absDev = new double[n];
        double mean = Arrays.stream(diff).average().orElse(Double.NaN);
        double ss = 0;
        for (int i = 0; i < n; i++) {
            absDev[i] = Math.abs(diff[i] - med);
            ss += (diff[i] - mean) * (diff[i] - mean);
        }
        return new EvidenceAgreement(n, spearman(lnK, delta), med, 1.4826 * ComparisonTable.median(absDev),
                Math.sqrt(ss / Math.max(1, n - 1)), ComparisonTable.median(err), net / (double) n, ns / (double) n,
                same / (double) n);
    }

    /** Spearman rank correlation (Hipparchus: Pearson correlation of the ranks, ties sharing their mean rank); NaN below two galaxies. */
    static double spearman(double[] a, double[] b) {
        return a.length < 2 ? Double.NaN : new SpearmansCorrelation().correlation(a, b);
    }
}
