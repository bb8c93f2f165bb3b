package io.sedstream.inference.posterior;

import java.util.List;

/**
 * Posterior draws in physical units, row-major [count][parameters]; all lie inside the prior box.
 *
 * @param acceptanceRate fraction of mixture draws that fell inside the prior box (1 - an estimate
 *                       of the joint posterior mass outside it); fewer than requested samples are
 *                       returned when the box holds almost no mass
 */
public record PosteriorSamples(List<String> parameterNames, int count, double[] values, double acceptanceRate) {
    public PosteriorSamples {
        parameterNames = List.copyOf(parameterNames);
        if (values.length != count * parameterNames.size()) {
            throw new IllegalArgumentException("samples hold " + values.length + " values, expected " + count * parameterNames.size());
        }
    }

    public static PosteriorSamples none(List<String> parameterNames) {
        return new PosteriorSamples(parameterNames, 0, new double[0], Double.NaN);
    }

    /** Value of parameter {@code parameter} in draw {@code draw}. */
    public double value(int draw, int parameter) {
        return values[draw * parameterNames.size() + parameter];
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
