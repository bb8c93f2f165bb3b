package io.sedstream.trainer.train;

import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.features.FeatureEncoder;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Training rows from a simulated library, encoded with the inference module's {@link FeatureEncoder}
 * (the very code that serves the model) after random band dropout; parameters standardised with
 * the manifest's per-parameter mean and std after the parameter's transform (identity or logit).
 */
public final class LibraryBatchSource implements BatchSource {

    private final TrainingTable table;
    private final FeatureEncoder encoder;
    private final BandDropout dropout;
    private final ParameterSpec[] parameters;
    private final double[] thetaMean;
    private final double[] thetaInvStd;
    private double[] fluxScratch = new double[0];
    private double[] errScratch = new double[0];

    public LibraryBatchSource(TrainingTable table, FeatureEncoder encoder, List<ParameterSpec> parameters, BandDropout dropout) {
        if (!encoder.bandNames().equals(table.bandNames())) {
            throw new IllegalArgumentException("encoder bands " + encoder.bandNames() + " differ from library bands " + table.bandNames());
        }
        if (encoder.redshiftInput()) {
            throw new IllegalArgumentException("redshift-conditioned (spec-z) encodings are not supported by this trainer yet");
        }
        if (parameters.size() != table.parameterCount()) {
            throw new IllegalArgumentException(parameters.size() + " parameter specs for " + table.parameterCount() + " library parameters");
        }
        this.table = table;
        this.encoder = encoder;
        this.dropout = dropout;
        this.parameters = parameters.toArray(new ParameterSpec[0]);
        this.thetaMean = new double[parameters.size()];
        this.thetaInvStd = new double[parameters.size()];
        for (int p = 0; p < parameters.size(); p++) {
            if (!parameters.get(p).name().equals(table.parameterNames().get(p))) {
                throw new IllegalArgumentException("parameter " + p + " is " + parameters.get(p).name() + " in the manifest but "
                        + table.parameterNames().get(p) + " in the library");
            }
            this.parameters[p] = parameters.get(p);
            thetaMean[p] = parameters.get(p).mean();
            thetaInvStd[p] = 1.0 / parameters.get(p).std();
        }
    }

    @Override
    public int size() {
        return table.rows();
    }

    @Override
    public int featureCount() {
        return encoder.featureCount();
    }

    @Override
    public int parameterCount() {
        return table.parameterCount();
    }

    @Override
    public void fill(int[] rows, int from, int to, float[] features, float[] theta, SplittableRandom rng, boolean augment) {
        int n = to - from;
        int b = table.bandCount();
        int d = table.parameterCount();
        if (fluxScratch.length < n * b) {
            fluxScratch = new double[n * b];
            errScratch = new double[n * b];
        }
        double[] flux = table.fluxNJy();
        double[] err = table.fluxErrNJy();
        double[] truth = table.theta();
        for (int i = 0; i < n; i++) {
            int r = rows[from + i];
            System.arraycopy(flux, r * b, fluxScratch, i * b, b);
            System.arraycopy(err, r * b, errScratch, i * b, b);
            if (augment) {
                dropout.apply(fluxScratch, errScratch, i * b, b, rng);
            }
            for (int p = 0; p < d; p++) {
                theta[i * d + p] = (float) ((parameters[p].toNetwork(truth[r * d + p]) - thetaMean[p]) * thetaInvStd[p]);
            }
        }
        encoder.encodeBatch(n, fluxScratch, errScratch, null, features, 0);
    }
}
