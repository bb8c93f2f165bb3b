package io.sedstream.trainer.train;

import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.features.FeatureEncoder;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Training rows from a simulated library, encoded with the inference module's {@link FeatureEncoder}
 * (the very code that serves the model) after random band dropout; parameters standardised with
 * the manifest's per-parameter mean and std after the parameter's transform (identity or logit).
 * A redshift-input model also gets each row's true redshift as its last feature.
 */
public final class LibraryBatchSource implements BatchSource {

    private final TrainingTable table;
    private final FeatureEncoder encoder;
    private final BandDropout dropout;
    private final ParameterSpec[] parameters;
    /** One true redshift per row, fed to the encoder; null unless the encoding takes redshift as input. */
    private final double[] redshiftInput;
    private double[] redshiftScratch = new double[0];
    private final double[] thetaMean;
    private final double[] thetaInvStd;
    private double[] fluxScratch = new double[0];
    private double[] errScratch = new double[0];

    public LibraryBatchSource(TrainingTable table, FeatureEncoder encoder, List<ParameterSpec> parameters, BandDropout dropout) {
        this(table, encoder, parameters, dropout, null);
    }

    /**
     * @param redshiftInput one true redshift per table row when the encoder takes redshift as an
     *                      input (a spectroscopic-redshift model), else null
     */
    public LibraryBatchSource(TrainingTable table, FeatureEncoder encoder, List<ParameterSpec> parameters, BandDropout dropout,
                              double[] redshiftInput) {
        if (!encoder.bandNames().equals(table.bandNames())) {
            throw new IllegalArgumentException("encoder bands " + encoder.bandNames() + " differ from library bands " + table.bandNames());
        }
        if (encoder.redshiftInput() != (redshiftInput != null)) {
            throw new IllegalArgumentException(encoder.redshiftInput()
                    ? "the encoding takes redshift as an input but no redshifts were given"
                    : "redshifts were given but the encoding does not take redshift as an input");
        }
        if (redshiftInput != null && redshiftInput.length != table.rows()) {
            throw new IllegalArgumentException(redshiftInput.length + " input redshifts for " + table.rows() + " library rows");
        }
        this.redshiftInput = redshiftInput;
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
        if (redshiftInput != null && redshiftScratch.length < n) {
            redshiftScratch = new double[n];
        }
        double[] flux = table.fluxNJy();
        double[] err = table.fluxErrNJy();
        double[] truth = table.theta();
        for (int i = 0; i < n; i++) {
            int r = rows[from + i];
            System.arraycopy(flux, r * b, fluxScratch, i * b, b);
            System.arraycopy(err, r * b, errScratch, i * b, b);
            if (redshiftInput != null) {
                redshiftScratch[i] = redshiftInput[r];
            }
            if (augment) {
                dropout.apply(fluxScratch, errScratch, i * b, b, rng);
            }
            for (int p = 0; p < d; p++) {
                theta[i * d + p] = (float) ((parameters[p].toNetwork(truth[r * d + p]) - thetaMean[p]) * thetaInvStd[p]);
            }
        }
        encoder.encodeBatch(n, fluxScratch, errScratch, redshiftInput != null ? redshiftScratch : null, features, 0);
    }
}
