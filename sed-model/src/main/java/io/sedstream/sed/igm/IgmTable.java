package io.sedstream.sed.igm;

import io.sedstream.sed.photometry.RestFrameGrid;
import io.sedstream.sed.units.PhysicalConstants;

/**
 * An IGM model's transmission (Inoue et al. 2014, Madau 1995) tabulated once for the rest-frame nodes bluer than Lyman-alpha
 * (the only ones it touches) on a redshift grid, read by linear interpolation in z. In the rest frame
 * the Lyman-series onsets sit at fixed node positions, so the table is smooth in z.
 */
public final class IgmTable {
    /** Redshift step of the table. */
    public static final double DZ = 0.02;

    private final int nodes;
    private final int rows;
    private final float[] table;

    public IgmTable(IgmModel igm, RestFrameGrid grid, double zMax) {
        int n = 0;
        while (n < grid.size() && grid.lambdaAngstrom(n) < PhysicalConstants.LYMAN_ALPHA_ANGSTROM) {
            n++;
        }
        this.nodes = n;
        this.rows = (int) Math.ceil(zMax / DZ) + 2;
        this.table = new float[rows * nodes];
        for (int r = 0; r < rows; r++) {
            // The last row or two lie past zMax, for interpolation only: a table's own limit caps them.
            double z = Math.min(r * DZ, igm.maxRedshift());
            for (int i = 0; i < nodes; i++) {
                table[r * nodes + i] = (float) igm.transmission(grid.lambdaAngstrom(i) * (1 + z), z);
            }
        }
    }

    /** Number of rest-frame nodes affected (those bluer than Lyman-alpha). */
    public int nodes() {
        return nodes;
    }

    /** Transmission at rest-frame node i for a source at z. */
    public double transmission(double z, int node) {
        if (node >= nodes) {
            return 1.0;
        }
        double x = z / DZ;
        int r = (int) x;
        if (r >= rows - 1) {
            throw new IllegalArgumentException("redshift " + z + " beyond the IGM table");
        }
        double w = x - r;
        double a = table[r * nodes + node];
        double b = table[(r + 1) * nodes + node];
        return a + w * (b - a);
    }

    /** Multiplies {@code spectrum[iLo..iHi]} by the transmission at z (nodes redder than Ly-alpha untouched). */
    public void apply(double z, double[] spectrum, int iLo, int iHi) {
        int end = Math.min(iHi, nodes - 1);
        if (iLo > end) {
            return;
        }
        double x = z / DZ;
        int r = (int) x;
        if (r >= rows - 1) {
            throw new IllegalArgumentException("redshift " + z + " beyond the IGM table");
        }
        double w = x - r;
        int o0 = r * nodes;
        int o1 = o0 + nodes;
        for (int i = iLo; i <= end; i++) {
            double a = table[o0 + i];
            spectrum[i] *= a + w * (table[o1 + i] - a);
        }
    }
}
