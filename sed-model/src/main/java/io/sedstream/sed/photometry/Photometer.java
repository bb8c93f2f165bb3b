package io.sedstream.sed.photometry;

import io.sedstream.sed.filter.FilterCurve;
import io.sedstream.sed.filter.FilterSet;
import io.sedstream.sed.units.PhysicalConstants;

/**
 * Band-averaged flux densities through photon-counting filters, for spectra on a {@link RestFrameGrid}
 * seen at redshift z, and for emission lines added analytically.
 *
 * <p>Photon counting: &lt;f_nu&gt; = int f_nu R d(ln lambda) / int R d(ln lambda) (e.g. Tokunaga &amp;
 * Vacca 2005), so a flat f_nu returns itself in every band. The spectrum is piecewise linear in ln(lambda)
 * between nodes, so the band integral is a weighted sum of node values, with weights G(u) = int R(x)
 * hat((x-u)/d) dx / int R dx (hat = triangle of half-width d) that depend only on the node's OBSERVED
 * ln(lambda) u. G is tabulated once per band on a grid 8 times finer than the nodes and read by linear
 * interpolation; the integrals under G use the filter curve at 64 points per node spacing.
 */
public final class Photometer {
    /** Table points per node spacing. */
    public static final int OVERSAMPLE = 8;
    private static final int QUADRATURE = 64;

    private final RestFrameGrid grid;
    private final int bands;
    private final double[] uStart;
    private final double[][] continuumWeight;
    private final double[][] lineWeight;
    private final double delta;

    public Photometer(FilterSet filters, RestFrameGrid grid) {
        this.grid = grid;
        this.bands = filters.size();
        this.uStart = new double[bands];
        this.continuumWeight = new double[bands][];
        this.lineWeight = new double[bands][];
        double d = grid.dLn();
        this.delta = d / OVERSAMPLE;
        double h = d / QUADRATURE;
        for (int b = 0; b < bands; b++) {
            FilterCurve f = filters.band(b);
            double xLo = Math.log(f.minSupportAngstrom());
            double xHi = Math.log(f.maxSupportAngstrom());
            double start = xLo - d;
            int m = (int) Math.ceil((xHi + d - start) / delta) + 1;
            // fine samples of R(x) on x = start + k h, k = 0..(m-1)*Q/OVERSAMPLE
            int nx = (m - 1) * (QUADRATURE / OVERSAMPLE) + 1;
            double[] r = new double[nx];
            double norm = 0;
            for (int k = 0; k < nx; k++) {
                r[k] = f.throughputAt(Math.exp(start + k * h));
                norm += r[k] * h;
            }
            double[] g = new double[m];
            double[] line = new double[m];
            int step = QUADRATURE / OVERSAMPLE;
            for (int j = 0; j < m; j++) {
                int centre = j * step;
                double s = 0;
                for (int k = Math.max(0, centre - QUADRATURE + 1); k <= Math.min(nx - 1, centre + QUADRATURE - 1); k++) {
                    s += r[k] * (1.0 - Math.abs(k - centre) / (double) QUADRATURE);
                }
                g[j] = s * h / norm;
                line[j] = r[centre] / norm;
            }
            uStart[b] = start;
            continuumWeight[b] = g;
            lineWeight[b] = line;
        }
    }

    public RestFrameGrid grid() {
        return grid;
    }

    public int bandCount() {
        return bands;
    }

    /** First rest-frame node with non-zero weight in band b at redshift z (may be below 0). */
    public int firstNode(int b, double z) {
        double p0 = (grid.lambda0LnPlus(z) - uStart[b]) / delta;
        return (int) Math.ceil(-p0 / OVERSAMPLE);
    }

    /** Last rest-frame node with non-zero weight in band b at redshift z (may exceed the grid). */
    public int lastNode(int b, double z) {
        double p0 = (grid.lambda0LnPlus(z) - uStart[b]) / delta;
        return (int) Math.floor((continuumWeight[b].length - 1 - p0) / OVERSAMPLE);
    }

    /**
     * Band-averaged value of a spectrum sampled on the rest-frame nodes (any f_nu-like unit) observed at z:
     * sum_i spectrum[i] G_b(ln lambda_i + ln(1+z)). Nodes outside the grid count as zero.
     */
    public double bandAverage(int b, double[] spectrum, double z) {
        double p0 = (grid.lambda0LnPlus(z) - uStart[b]) / delta;
        double[] g = continuumWeight[b];
        double fl = Math.floor(p0);
        double f = p0 - fl;
        int j0 = (int) fl;
        int iLo = Math.max(0, Math.floorDiv(-j0 + OVERSAMPLE - 1, OVERSAMPLE));
        int iHi = Math.min(grid.size() - 1, Math.floorDiv(g.length - 2 - j0, OVERSAMPLE));
        double sum = 0;
        for (int i = iLo; i <= iHi; i++) {
            int j = j0 + OVERSAMPLE * i;
            double w = g[j] + f * (g[j + 1] - g[j]);
            sum += spectrum[i] * w;
        }
        return sum;
    }

    /** Same as {@link #bandAverage(int, double[], double)} for a float spectrum. */
    public double bandAverage(int b, float[] spectrum, double z) {
        double p0 = (grid.lambda0LnPlus(z) - uStart[b]) / delta;
        double[] g = continuumWeight[b];
        double fl = Math.floor(p0);
        double f = p0 - fl;
        int j0 = (int) fl;
        int iLo = Math.max(0, Math.floorDiv(-j0 + OVERSAMPLE - 1, OVERSAMPLE));
        int iHi = Math.min(grid.size() - 1, Math.floorDiv(g.length - 2 - j0, OVERSAMPLE));
        double sum = 0;
        for (int i = iLo; i <= iHi; i++) {
            int j = j0 + OVERSAMPLE * i;
            double w = g[j] + f * (g[j + 1] - g[j]);
            sum += spectrum[i] * w;
        }
        return sum;
    }

    /**
     * Band-averaged f_nu [erg/s/cm^2/Hz] of an unresolved line of flux {@code lineFluxCgs} [erg/s/cm^2] at
     * observed wavelength {@code lambdaObsAngstrom}: F R(lambda) lambda / (c int R dln lambda).
     */
    public double lineBandAverage(int b, double lineFluxCgs, double lambdaObsAngstrom) {
        double u = Math.log(lambdaObsAngstrom);
        double p = (u - uStart[b]) / delta;
        double[] t = lineWeight[b];
        if (p <= 0 || p >= t.length - 1) {
            return 0.0;
        }
        int j = (int) p;
        double f = p - j;
        double rOverNorm = t[j] + f * (t[j + 1] - t[j]);
        return lineFluxCgs * rOverNorm * lambdaObsAngstrom / PhysicalConstants.C_ANGSTROM_PER_S;
    }

    /** Shortest observed wavelength any band sees [Angstrom]. */
    public double minObservedAngstrom() {
        double m = Double.POSITIVE_INFINITY;
        for (int b = 0; b < bands; b++) {
            m = Math.min(m, Math.exp(uStart[b]));
        }
        return m;
    }

    /** Longest observed wavelength any band sees [Angstrom]. */
    public double maxObservedAngstrom() {
        double m = 0;
        for (int b = 0; b < bands; b++) {
            m = Math.max(m, Math.exp(uStart[b] + (continuumWeight[b].length - 1) * delta));
        }
        return m;
    }
}
