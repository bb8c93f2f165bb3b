package io.sedstream.trainer.train;

import java.util.SplittableRandom;

/**
 * A learnable synthetic problem with the default model's shapes, for throughput benchmarks and
 * engine tests: features are a fixed random linear map of theta plus noise, so the posterior is a
 * known Gaussian and a network that trains drives the loss down.
 */
public final class SyntheticBatchSource implements BatchSource {

    private final int rows;
    private final int features;
    private final int parameters;
    private final float[] theta;
    private final float[] x;

    public SyntheticBatchSource(int rows, int features, int parameters, long seed) {
        this.rows = rows;
        this.features = features;
        this.parameters = parameters;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] map = new double[parameters * features];
        for (int i = 0; i < map.length; i++) {
            map[i] = gaussian(rng) / Math.sqrt(parameters);
        }
        theta = new float[rows * parameters];
        x = new float[rows * features];
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < parameters; p++) {
                theta[r * parameters + p] = (float) gaussian(rng);
            }
            for (int j = 0; j < features; j++) {
                double v = 0.3 * gaussian(rng);
                for (int p = 0; p < parameters; p++) {
                    v += theta[r * parameters + p] * map[p * features + j];
                }
                x[r * features + j] = (float) v;
            }
        }
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * rng.nextDouble());
    }

    @Override
    public int size() {
        return rows;
    }

    @Override
    public int featureCount() {
        return features;
    }

    @Override
    public int parameterCount() {
        return parameters;
    }

    @Override
    public void fill(int[] rowIds, int from, int to, float[] featuresOut, float[] thetaOut, SplittableRandom rng, boolean augment) {
        for (int i = from; i < to; i++) {
            int r = rowIds[i];
            System.arraycopy(x, r * features, featuresOut, (i - from) * features, features);
            System.arraycopy(theta, r * parameters, thetaOut, (i - from) * parameters, parameters);
        }
    }
}
