package io.sedstream.trainer.validate;

import java.util.Arrays;

/** Ranks 1..n of values, ties sharing their mean rank (as Spearman's correlation and the Mann-Whitney statistic need). */
public final class Ranks {
    private Ranks() {
    }

    public static double[] average(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double mean = 0.5 * (i + j) + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = mean;
            }
            i = j + 1;
        }
        return r;
    }
}
