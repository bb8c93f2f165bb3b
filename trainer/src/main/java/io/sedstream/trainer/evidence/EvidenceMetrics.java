package io.sedstream.trainer.evidence;

import io.sedstream.inference.evidence.EvidenceResult;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;


/**
 * How well ln K separates and calibrates the two models on one subset of held-out objects with
 * known labels (1 = model 1). The decision rule is ln K &gt; 0 -&gt; model 1; probabilities are
 * P(M1) = K / (1 + K) (equal prior odds, as the classes were balanced in training).
 *
 * @param accuracy       fraction classified right
 * @param rocAuc         area under the ROC curve of ln K (Mann-Whitney, ties counted half)
 * @param logLoss        mean -ln P(true model), nats (ln 2 = 0.693 for a coin)
 * @param brier          mean (P(M1) - label)^2
 * @param reliability    10 equal-width bins of P(M1): count, mean P(M1), observed fraction of model 1
 * @param ece            expected calibration error: sum over bins of (count/N) |observed - mean P|
 * @param log10KModel1   16th, 50th and 84th percentiles of log10 K for true model-1 objects
 * @param histogramModel1 counts of log10 K in {@link #HISTOGRAM_EDGES} for true model-1 objects (clamped into the end bins)
 */
public record EvidenceMetrics(int count, int countModel1, int countModel2, double accuracy, double accuracyModel1,
                              double accuracyModel2, double rocAuc, double logLoss, double brier, ReliabilityBin[] reliability,
                              double ece, double[] log10KModel1, double[] log10KModel2, long[] histogramModel1,
                              long[] histogramModel2) {

    public static final int RELIABILITY_BINS = 10;
    /** log10 K histogram edges: -4 to 4 in steps of 0.125; values beyond are counted in the end bins. */
    public static final double[] HISTOGRAM_EDGES = edges(-4, 4, 64);
    private static final double LN10 = Math.log(10);

    /** One bin of the reliability diagram. */
    public record ReliabilityBin(double lower, double upper, int count, double meanPredicted, double observedModel1) {
    }

    private static double[] edges(double lo, double hi, int bins) {
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            e[i] = lo + (hi - lo) * i / bins;
        }
        return e;
    }

    /** Metrics of the objects with {@code selected[i]}. */
    public static EvidenceMetrics of(double[] lnK, double[] label, boolean[] selected) {
        int n = 0;
        for (boolean s : selected) {
            n += s ? 1 : 0;
        }
        double[] k = new double[n];
        boolean[] isM1 = new boolean[n];
        int j = 0;
        for (int i = 0; i < lnK.length; i++) {
            if (selected[i]) {
                k[j] = lnK[i];
                isM1[j] = label[i] > 0.5;
                j++;
            }
        }
        return of(k, isM1);
    }

    static EvidenceMetrics of(double[] lnK, boolean[] isM1) {
        int n = lnK.length;
        int n1 = 0;
        int right1 = 0;
        int right2 = 0;
        double logLoss = 0;
        double brier = 0;
        int[] binCount = new int[RELIABILITY_BINS];
        double[] binPredicted = new double[RELIABILITY_BINS];
        double[] binObserved = new double[RELIABILITY_BINS];
        long[] hist1 = new long[HISTOGRAM_EDGES.length - 1];
        long[] hist2 = new long[HISTOGRAM_EDGES.length - 1];
        for (int i = 0; i < n; i++) {
            double p = EvidenceResult.posteriorProbabilityModel1(lnK[i], 1.0);
            double y = isM1[i] ? 1 : 0;
            if (isM1[i]) {
                n1++;
                right1 += lnK[i] > 0 ? 1 : 0;
                logLoss += softplus(-lnK[i]);
                hist1[histogramBin(lnK[i] / LN10)]++;
            } else {
                right2 += lnK[i] > 0 ? 0 : 1;
                logLoss += softplus(lnK[i]);
                hist2[histogramBin(lnK[i] / LN10)]++;
            }
            brier += (p - y) * (p - y);
            int bin = Math.min(RELIABILITY_BINS - 1, (int) (p * RELIABILITY_BINS));
            binCount[bin]++;
            binPredicted[bin] += p;
            binObserved[bin] += y;
        }
        ReliabilityBin[] bins = new ReliabilityBin[RELIABILITY_BINS];
        double ece = 0;
        for (int b = 0; b < RELIABILITY_BINS; b++) {
            int c = binCount[b];
            double meanP = c == 0 ? Double.NaN : binPredicted[b] / c;
            double observed = c == 0 ? Double.NaN : binObserved[b] / c;
            bins[b] = new ReliabilityBin((double) b / RELIABILITY_BINS, (double) (b + 1) / RELIABILITY_BINS, c, meanP, observed);
            if (c > 0) {
                ece += (double) c / n * Math.abs(observed - meanP);
            }
        }
        int n2 = n - n1;
        return new EvidenceMetrics(n, n1, n2, n == 0 ? Double.NaN : (double) (right1 + right2) / n,
                n1 == 0 ? Double.NaN : (double) right1 / n1, n2 == 0 ? Double.NaN : (double) right2 / n2,
                rocAuc(lnK, isM1), n == 0 ? Double.NaN : logLoss / n, n == 0 ? Double.NaN : brier / n, bins,
                n == 0 ? Double.NaN : ece, log10Percentiles(lnK, isM1, true), log10Percentiles(lnK, isM1, false), hist1, hist2);
    }

    /** ln(1 + e^x) without overflow. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static int histogramBin(double log10K) {
        int bins = HISTOGRAM_EDGES.length - 1;
        double lo = HISTOGRAM_EDGES[0];
        double width = (HISTOGRAM_EDGES[bins] - lo) / bins;
        int b = (int) Math.floor((log10K - lo) / width);
        return Math.max(0, Math.min(bins - 1, b));
    }

    /**
     * ROC AUC as the Mann-Whitney statistic: the probability that a random model-1 object has a
     * larger ln K than a random model-2 object, ties counting one half (average ranks).
     */
    static double rocAuc(double[] lnK, boolean[] isM1) {
        long n1 = 0;
        for (boolean m1 : isM1) {
            n1 += m1 ? 1 : 0;
        }
        long n2 = lnK.length - n1;
        if (n1 == 0 || n2 == 0) {
            return Double.NaN;
        }
        double[] rank = new NaturalRanking(TiesStrategy.AVERAGE).rank(lnK);
        double rankSum1 = 0;
        for (int i = 0; i < lnK.length; i++) {
            if (isM1[i]) {
                rankSum1 += rank[i];
            }
        }
        return (rankSum1 - n1 * (n1 + 1) / 2.0) / ((double) n1 * n2);
    }

    private static double[] log10Percentiles(double[] lnK, boolean[] isM1, boolean model1) {
        double[] v = java.util.stream.IntStream.range(0, lnK.length).filter(i -> isM1[i] == model1)
                .mapToDouble(i -> lnK[i] / LN10).toArray();
        if (v.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        // R-7 (Hyndman and Fan 1996): linear interpolation at q (n - 1), numpy's default percentile.
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(v);
        return new double[] {p.evaluate(16), p.evaluate(50), p.evaluate(84)};
    }
}
