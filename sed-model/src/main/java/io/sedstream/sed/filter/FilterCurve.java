package io.sedstream.sed.filter;

import java.util.Arrays;
import java.util.Objects;

/**
 * A photon-counting filter response: vacuum wavelength [Angstrom] against throughput
 * (dimensionless, any normalisation). Immutable: arrays are copied in and out.
 *
 * @param name     the band name used everywhere downstream (e.g. {@code jwst.nircam.f090w})
 * @param source   where the curve came from (file and, for EAZY, the filter number)
 */
public record FilterCurve(String name, String source, double[] lambdaAngstrom, double[] throughput) {

    /** Throughput below this fraction of the peak is treated as zero at the ends of the curve. */
    public static final double SUPPORT_FRACTION = 1e-4;

    public FilterCurve {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        if (lambdaAngstrom.length != throughput.length) {
            throw new IllegalArgumentException("filter " + name + ": " + lambdaAngstrom.length
                    + " wavelengths but " + throughput.length + " throughputs");
        }
        if (lambdaAngstrom.length < 2) {
            throw new IllegalArgumentException("filter " + name + " (" + source + ") has fewer than 2 points");
        }
        double peak = 0;
        for (int i = 0; i < lambdaAngstrom.length; i++) {
            if (!(lambdaAngstrom[i] > 0) || !Double.isFinite(lambdaAngstrom[i])) {
                throw new IllegalArgumentException("filter " + name + " (" + source + "): bad wavelength "
                        + lambdaAngstrom[i] + " at row " + i);
            }
            if (i > 0 && !(lambdaAngstrom[i] > lambdaAngstrom[i - 1])) {
                throw new IllegalArgumentException("filter " + name + " (" + source
                        + "): wavelengths not strictly increasing at row " + i);
            }
            if (!Double.isFinite(throughput[i]) || throughput[i] < 0) {
                throw new IllegalArgumentException("filter " + name + " (" + source + "): bad throughput "
                        + throughput[i] + " at row " + i);
            }
            peak = Math.max(peak, throughput[i]);
        }
        if (!(peak > 0)) {
            throw new IllegalArgumentException("filter " + name + " (" + source + ") has zero throughput everywhere");
        }
        lambdaAngstrom = lambdaAngstrom.clone();
        throughput = throughput.clone();
    }

    @Override
    public double[] lambdaAngstrom() {
        return lambdaAngstrom.clone();
    }

    @Override
    public double[] throughput() {
        return throughput.clone();
    }

    /** Number of tabulated points. */
    public int size() {
        return lambdaAngstrom.length;
    }

    /** Throughput linearly interpolated at {@code lambda}; zero outside the table. */
    public double throughputAt(double lambda) {
        if (lambda <= lambdaAngstrom[0] || lambda >= lambdaAngstrom[lambdaAngstrom.length - 1]) {
            return 0.0;
        }
        int i = Arrays.binarySearch(lambdaAngstrom, lambda);
        if (i >= 0) {
            return throughput[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double w = (lambda - lambdaAngstrom[lo]) / (lambdaAngstrom[hi] - lambdaAngstrom[lo]);
        return throughput[lo] + w * (throughput[hi] - throughput[lo]);
    }

    /** Shortest wavelength where the throughput exceeds {@link #SUPPORT_FRACTION} of the peak. */
    public double minSupportAngstrom() {
        double cut = peak() * SUPPORT_FRACTION;
        for (int i = 0; i < throughput.length; i++) {
            if (throughput[i] > cut) {
                return lambdaAngstrom[Math.max(0, i - 1)];
            }
        }
        return lambdaAngstrom[0];
    }

    /** Longest wavelength where the throughput exceeds {@link #SUPPORT_FRACTION} of the peak. */
    public double maxSupportAngstrom() {
        double cut = peak() * SUPPORT_FRACTION;
        for (int i = throughput.length - 1; i >= 0; i--) {
            if (throughput[i] > cut) {
                return lambdaAngstrom[Math.min(throughput.length - 1, i + 1)];
            }
        }
        return lambdaAngstrom[lambdaAngstrom.length - 1];
    }

    /** Peak throughput. */
    public double peak() {
        double p = 0;
        for (double t : throughput) {
            p = Math.max(p, t);
        }
        return p;
    }

    /**
     * Pivot wavelength of a photon-counting band, sqrt(int R lambda dlambda / int R dlambda / lambda)
     * (Tokunaga &amp; Vacca 2005, eq. A3), by the trapezoid rule on the tabulated points.
     */
    public double pivotWavelengthAngstrom() {
        double num = 0;
        double den = 0;
        for (int i = 1; i < lambdaAngstrom.length; i++) {
            double dl = lambdaAngstrom[i] - lambdaAngstrom[i - 1];
            num += 0.5 * dl * (throughput[i] * lambdaAngstrom[i] + throughput[i - 1] * lambdaAngstrom[i - 1]);
            den += 0.5 * dl * (throughput[i] / lambdaAngstrom[i] + throughput[i - 1] / lambdaAngstrom[i - 1]);
        }
        return Math.sqrt(num / den);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilterCurve f && f.name.equals(name) && f.source.equals(source)
                && Arrays.equals(f.lambdaAngstrom, lambdaAngstrom) && Arrays.equals(f.throughput, throughput);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, source, Arrays.hashCode(lambdaAngstrom), Arrays.hashCode(throughput));
    }

    @Override
    public String toString() {
        return "FilterCurve[" + name + " from " + source + ", " + lambdaAngstrom.length + " points]";
    }
}
