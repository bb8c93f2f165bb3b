package io.sedstream.inference.misfit;

import io.sedstream.inference.bundle.FeatureSpec;
import io.sedstream.inference.features.FeatureEncoder;

/**
 * Scores an encoded feature row (the network's standardised input) with a bundle's misfit model:
 * the magnitudes are the row's first n entries; a band is observed when its missing flag is 0.
 * The one place where features become a misfit score, for the estimator and the trainer alike.
 * Immutable and thread-safe (the all-bands Cholesky factors are computed once; other masks per call).
 */
public final class MisfitScorer {
    private final MisfitModel model;
    private final int n;
    private final double[] flagMean;
    private final double[] flagStd;
    // All bands observed is the common case: its factors are computed once.
    private final MisfitModel.Factors allBands;

    public MisfitScorer(MisfitModel model, FeatureSpec features) {
        this.model = model;
        this.n = model.bandCount();
        this.flagMean = new double[n];
        this.flagStd = new double[n];
        for (int b = 0; b < n; b++) {
            int i = FeatureEncoder.flagIndex(n, b);
            flagMean[b] = features.means().get(i);
            flagStd[b] = features.stds().get(i);
        }
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        this.allBands = model.factors(all);
    }

    public MisfitModel model() {
        return model;
    }

    /** The score and calibrated p-value of the feature row at {@code offset}. */
    public MisfitResult evaluate(double[] features, int offset) {
        boolean[] observed = new boolean[n];
        int count = 0;
        for (int b = 0; b < n; b++) {
            double flag = features[offset + FeatureEncoder.flagIndex(n, b)] * flagStd[b] + flagMean[b];
            observed[b] = flag < 0.5;
            if (observed[b]) {
                count++;
            }
        }
        MisfitModel.Factors factors = count == n ? allBands : model.factors(observed);
        double score = model.score(features, offset + FeatureEncoder.magnitudeIndex(0), factors);
        return new MisfitResult(score, model.pValue(score, count), count);
    }
}
