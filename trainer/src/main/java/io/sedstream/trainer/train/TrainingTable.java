package io.sedstream.trainer.train;

import java.util.List;

/**
 * Simulated galaxies held in memory for training or validation, row-major: observed fluxes and
 * their 1-sigma errors [rows][bands] in nJy (NaN flux = band not observed) and true parameters
 * [rows][parameters] in physical units, in the library's band and parameter order.
 */
public record TrainingTable(List<String> bandNames, List<String> parameterNames, int rows,
                            double[] fluxNJy, double[] fluxErrNJy, double[] theta) {

    public TrainingTable {
        bandNames = List.copyOf(bandNames);
        parameterNames = List.copyOf(parameterNames);
        int b = bandNames.size();
        int d = parameterNames.size();
        if (fluxNJy.length != (long) rows * b || fluxErrNJy.length != (long) rows * b) {
            throw new IllegalArgumentException("flux arrays hold " + fluxNJy.length + "/" + fluxErrNJy.length
                    + " values, " + rows + " rows x " + b + " bands need " + (long) rows * b);
        }
        if (theta.length != (long) rows * d) {
            throw new IllegalArgumentException("theta holds " + theta.length + " values, " + rows + " rows x " + d
                    + " parameters need " + (long) rows * d);
        }
    }

    public int bandCount() {
        return bandNames.size();
    }

    public int parameterCount() {
        return parameterNames.size();
    }

    public double theta(int row, int parameter) {
        return theta[row * parameterNames.size() + parameter];
    }

    public double flux(int row, int band) {
        return fluxNJy[row * bandNames.size() + band];
    }

    public double fluxErr(int row, int band) {
        return fluxErrNJy[row * bandNames.size() + band];
    }

    public int bandIndex(String name) {
        int i = bandNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("band " + name + " is not in the library (bands: " + bandNames + ")");
        }
        return i;
    }

    /** One parameter's true values, one per row (physical units). */
    public double[] column(String parameter) {
        int p = parameterIndex(parameter);
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = theta(r, p);
        }
        return out;
    }

    public int parameterIndex(String name) {
        int i = parameterNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("parameter " + name + " is not in the library (parameters: " + parameterNames + ")");
        }
        return i;
    }

    /** The same rows without one parameter column (the others keep their order). */
    public TrainingTable withoutParameter(String parameter) {
        int drop = parameterIndex(parameter);
        int d = parameterCount();
        double[] kept = new double[rows * (d - 1)];
        for (int r = 0, k = 0; r < rows; r++) {
            for (int p = 0; p < d; p++) {
                if (p != drop) {
                    kept[k++] = theta[r * d + p];
                }
            }
        }
        List<String> names = new java.util.ArrayList<>(parameterNames);
        names.remove(drop);
        return new TrainingTable(bandNames, names, rows, fluxNJy, fluxErrNJy, kept);
    }

    /**
     * Tables of the same bands and parameters as one, rows interleaved evenly: table i's row r sits
     * at (r + 1/2) / n_i of the way through, so every stretch of the result holds each table in
     * proportion to its size (ties go to the earlier table).
     */
    public static TrainingTable interleave(List<TrainingTable> tables) {
        TrainingTable first = tables.get(0);
        long total = 0;
        for (TrainingTable t : tables) {
            if (!t.bandNames.equals(first.bandNames) || !t.parameterNames.equals(first.parameterNames)) {
                throw new IllegalArgumentException("tables to interleave differ in bands or parameters: " + t.bandNames + " / "
                        + t.parameterNames + " vs " + first.bandNames + " / " + first.parameterNames);
            }
            total += t.rows;
        }
        if (total > Integer.MAX_VALUE / 32) {
            throw new IllegalArgumentException(total + " rows together, more than this trainer holds in memory");
        }
        int rows = (int) total;
        int b = first.bandCount();
        int d = first.parameterCount();
        double[] flux = new double[rows * b];
        double[] err = new double[rows * b];
        double[] theta = new double[rows * d];
        int[] next = new int[tables.size()];
        for (int out = 0; out < rows; out++) {
            int pick = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < tables.size(); i++) {
                TrainingTable t = tables.get(i);
                if (next[i] < t.rows) {
                    double position = (next[i] + 0.5) / t.rows;
                    if (position < best) {
                        best = position;
                        pick = i;
                    }
                }
            }
            TrainingTable t = tables.get(pick);
            int r = next[pick]++;
            System.arraycopy(t.fluxNJy, r * b, flux, out * b, b);
            System.arraycopy(t.fluxErrNJy, r * b, err, out * b, b);
            System.arraycopy(t.theta, r * d, theta, out * d, d);
        }
        return new TrainingTable(first.bandNames, first.parameterNames, rows, flux, err, theta);
    }

    /** The first {@code n} rows (libraries are i.i.d. draws, so a prefix is a fair subsample). */
    public TrainingTable head(int n) {
        if (n >= rows) {
            return this;
        }
        int b = bandCount();
        int d = parameterCount();
        return new TrainingTable(bandNames, parameterNames, n, java.util.Arrays.copyOf(fluxNJy, n * b),
                java.util.Arrays.copyOf(fluxErrNJy, n * b), java.util.Arrays.copyOf(theta, n * d));
    }
}
