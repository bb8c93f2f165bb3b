package io.sedstream.trainer.validate;

/**
 * Per-object outputs of one validation scenario, column arrays indexed [parameter][object]:
 * posterior medians, the central credibility level of the truth, SBC ranks (-1 when too few
 * draws fell inside the prior box), and per object the TARP coverage fraction, log-density of the
 * truth and the signal-to-noise of the selection band ({@link SnrSelection}) that selects the S/N bins.
 */
record ObjectResults(int count, double[][] truth, double[][] median, double[][] centralLevel, int[][] rank,
                     double[] tarpFraction, double[] logProbTruth, double[] snr) {

    static ObjectResults allocate(int dims, int count) {
        return new ObjectResults(count, new double[dims][count], new double[dims][count], new double[dims][count],
                new int[dims][count], new double[count], new double[count], new double[count]);
    }

    /** The objects whose S/N lies in [lo, hi), compacted. */
    ObjectResults select(double lo, double hi) {
        int dims = truth.length;
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (snr[i] >= lo && snr[i] < hi) {
                n++;
            }
        }
        ObjectResults out = allocate(dims, n);
        int j = 0;
        for (int i = 0; i < count; i++) {
            if (!(snr[i] >= lo && snr[i] < hi)) {
                continue;
            }
            for (int d = 0; d < dims; d++) {
                out.truth[d][j] = truth[d][i];
                out.median[d][j] = median[d][i];
                out.centralLevel[d][j] = centralLevel[d][i];
                out.rank[d][j] = rank[d][i];
            }
            out.tarpFraction[j] = tarpFraction[i];
            out.logProbTruth[j] = logProbTruth[i];
            out.snr[j] = snr[i];
            j++;
        }
        return out;
    }
}
