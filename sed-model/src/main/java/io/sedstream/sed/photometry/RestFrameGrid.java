package io.sedstream.sed.photometry;

/**
 * A rest-frame wavelength grid uniform in ln(lambda): lambda_i = lambda_0 exp(i d), i = 0..n-1, with
 * d = 1 / resolution. Spectra on it are read as piecewise linear in ln(lambda) between the nodes, which
 * is exactly how {@link Photometer} integrates them through the filters. Redshifting is a shift in
 * ln(lambda), so one table per filter serves every redshift.
 */
public final class RestFrameGrid {
    private final double lambda0Angstrom;
    private final double dLn;
    private final int size;
    private final double[] lambdaAngstrom;

    public RestFrameGrid(double lambda0Angstrom, double dLn, int size) {
        if (!(lambda0Angstrom > 0) || !(dLn > 0) || size < 2) {
            throw new IllegalArgumentException("bad rest-frame grid: lambda0=" + lambda0Angstrom + " d=" + dLn + " n=" + size);
        }
        this.lambda0Angstrom = lambda0Angstrom;
        this.dLn = dLn;
        this.size = size;
        this.lambdaAngstrom = new double[size];
        for (int i = 0; i < size; i++) {
            lambdaAngstrom[i] = lambda0Angstrom * Math.exp(i * dLn);
        }
    }

    /** The grid at resolution {@code r} = lambda / d lambda covering [minAngstrom, maxAngstrom]. */
    public static RestFrameGrid covering(double minAngstrom, double maxAngstrom, double resolution) {
        if (!(maxAngstrom > minAngstrom) || !(minAngstrom > 0)) {
            throw new IllegalArgumentException("bad wavelength range [" + minAngstrom + ", " + maxAngstrom + "]");
        }
        double d = 1.0 / resolution;
        int n = (int) Math.ceil(Math.log(maxAngstrom / minAngstrom) / d) + 1;
        return new RestFrameGrid(minAngstrom, d, n);
    }

    public int size() {
        return size;
    }

    public double dLn() {
        return dLn;
    }

    public double lambda0Angstrom() {
        return lambda0Angstrom;
    }

    /** ln(lambda_0) + ln(1 + z): the observed ln(lambda) of node 0 at redshift z. */
    public double lambda0LnPlus(double z) {
        return Math.log(lambda0Angstrom) + Math.log1p(z);
    }

    /** Wavelength of node i [Angstrom]. */
    public double lambdaAngstrom(int i) {
        return lambdaAngstrom[i];
    }

    /** All node wavelengths (copy). */
    public double[] lambdaAngstrom() {
        return lambdaAngstrom.clone();
    }

    /** Index of the last node with wavelength &lt;= lambda, or -1. */
    public int floorIndex(double lambdaAngstromValue) {
        double x = Math.log(lambdaAngstromValue / lambda0Angstrom) / dLn;
        int i = (int) Math.floor(x + 1e-9);
        return Math.max(-1, Math.min(size - 1, i));
    }

    /**
     * Resamples a tabulated function (piecewise linear in lambda, zero outside its table) onto the nodes
     * by averaging it over each node's cell [lambda_i e^{-d/2}, lambda_i e^{+d/2}]: exact for the
     * integral of the table, so no flux is lost where the table is finer than the grid.
     */
    public double[] cellAverage(double[] xAngstrom, double[] y) {
        double[] out = new double[size];
        double half = Math.exp(0.5 * dLn);
        int seg = 0;
        for (int i = 0; i < size; i++) {
            double a = lambdaAngstrom[i] / half;
            double b = lambdaAngstrom[i] * half;
            if (b <= xAngstrom[0] || a >= xAngstrom[xAngstrom.length - 1]) {
                continue;
            }
            while (seg > 0 && xAngstrom[seg] > a) {
                seg--;
            }
            while (seg < xAngstrom.length - 2 && xAngstrom[seg + 1] <= a) {
                seg++;
            }
            double integral = 0;
            for (int s = seg; s < xAngstrom.length - 1 && xAngstrom[s] < b; s++) {
                double x0 = xAngstrom[s];
                double x1 = xAngstrom[s + 1];
                double lo = Math.max(a, x0);
                double hi = Math.min(b, x1);
                if (hi <= lo) {
                    continue;
                }
                double slope = (y[s + 1] - y[s]) / (x1 - x0);
                double ylo = y[s] + slope * (lo - x0);
                double yhi = y[s] + slope * (hi - x0);
                integral += 0.5 * (ylo + yhi) * (hi - lo);
            }
            out[i] = integral / (b - a);
        }
        return out;
    }
}
