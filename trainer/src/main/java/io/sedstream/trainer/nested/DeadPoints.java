package io.sedstream.trainer.nested;

import java.util.Arrays;

/** Growable store of retired points (unit cube, physical, log L, unnormalised log weight). */
final class DeadPoints {

    private final int dim;
    private final int physDim;
    private double[] unit;
    private double[] physical;
    private double[] logL;
    private double[] logWeight;
    private int size;

    DeadPoints(int dim, int physDim) {
        this.dim = dim;
        this.physDim = physDim;
        int capacity = 1024;
        unit = new double[capacity * dim];
        physical = new double[capacity * physDim];
        logL = new double[capacity];
        logWeight = new double[capacity];
    }

    void add(double[] u, double[] theta, double l, double logW) {
        if (size == logL.length) {
            int capacity = size * 2;
            unit = Arrays.copyOf(unit, capacity * dim);
            physical = Arrays.copyOf(physical, capacity * physDim);
            logL = Arrays.copyOf(logL, capacity);
            logWeight = Arrays.copyOf(logWeight, capacity);
        }
        System.arraycopy(u, 0, unit, size * dim, dim);
        System.arraycopy(theta, 0, physical, size * physDim, physDim);
        logL[size] = l;
        logWeight[size] = logW;
        size++;
    }

    NestedSamplingResult toResult(int nLive, long iterations, long calls, boolean converged) {
        double maxW = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            maxW = Math.max(maxW, logWeight[i]);
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += Math.exp(logWeight[i] - maxW);
        }
        double logZ = maxW + Math.log(sum);
        // information H = sum_i p_i log L_i - log Z (Skilling 2006, sect. 9)
        double information = 0;
        double[] logPosterior = new double[size];
        for (int i = 0; i < size; i++) {
            logPosterior[i] = logWeight[i] - logZ;
            double p = Math.exp(logPosterior[i]);
            if (p > 0) {
                information += p * logL[i];
            }
        }
        information -= logZ;
        information = Math.max(0.0, information);
        double[][] u = new double[size][];
        double[][] theta = new double[size][];
        for (int i = 0; i < size; i++) {
            u[i] = Arrays.copyOfRange(unit, i * dim, (i + 1) * dim);
            theta[i] = Arrays.copyOfRange(physical, i * physDim, (i + 1) * physDim);
        }
        return new NestedSamplingResult(logZ, Math.sqrt(information / nLive), information,
                u, theta, Arrays.copyOf(logL, size), logPosterior, nLive, iterations, calls, converged);
    }
}
