package io.sedstream.sed.igm;

import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.units.PhysicalConstants;
import java.nio.file.Path;
import java.util.List;

/**
 * Mean intergalactic transmission of Madau (1995, ApJ 441, 18) as LePhare tabulates it
 * ({@code DATA/igm/madau1995/}): {@code OPACITY_madau.dat} maps source redshifts 0.0, 0.1, ..., 8.0 to
 * tables of exp(-tau) against REST-frame wavelength on a 1 A grid from 17 A to Lyman-alpha. This is the
 * IGM that EAZY and LePhare fit with by default; it absorbs more than Inoue et al. (2014) at most
 * redshifts, so a model trained with one and tested on the other is misspecified in its Lyman breaks.
 * Between the tabulated redshifts the transmission at a fixed rest wavelength is interpolated linearly in
 * z (the Lyman-series onsets sit at fixed rest wavelengths, so the tables vary smoothly with z).
 */
public final class Madau1995 implements IgmModel {
    public static final String NAME = "madau1995";

    private final double[] redshifts;
    private final double firstRestAngstrom;
    private final double stepAngstrom;
    /** transmission[r][i] at redshift r and rest wavelength firstRestAngstrom + i * stepAngstrom. */
    private final double[][] transmission;

    private Madau1995(double[] redshifts, double firstRestAngstrom, double stepAngstrom, double[][] transmission) {
        this.redshifts = redshifts;
        this.firstRestAngstrom = firstRestAngstrom;
        this.stepAngstrom = stepAngstrom;
        this.transmission = transmission;
    }

    /** Reads the index and every table it names; refuses tables on differing or uneven wavelength grids. */
    public static Madau1995 load(DataRoot data) {
        Path index = data.file("igm/madau1995/OPACITY_madau.dat");
        List<String[]> rows = WhitespaceTable.rows(index, 2);
        double[] z = new double[rows.size()];
        double[][] t = new double[rows.size()][];
        double first = Double.NaN;
        double step = Double.NaN;
        for (int r = 0; r < rows.size(); r++) {
            z[r] = Double.parseDouble(rows.get(r)[0]);
            if (r > 0 && !(z[r] > z[r - 1])) {
                throw new IllegalArgumentException(index + ": redshifts must increase, got " + z[r - 1] + " then " + z[r]);
            }
            Path table = index.resolveSibling(rows.get(r)[1]);
            List<String[]> lines = WhitespaceTable.rows(table, 2);
            double[] lambda = new double[lines.size()];
            t[r] = new double[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                lambda[i] = Double.parseDouble(lines.get(i)[0]);
                t[r][i] = Double.parseDouble(lines.get(i)[1]);
                if (!(t[r][i] >= 0 && t[r][i] <= 1)) {
                    throw new IllegalArgumentException(table + ": transmission " + t[r][i] + " outside [0, 1] at " + lambda[i] + " A");
                }
            }
            if (lambda.length < 2) {
                throw new IllegalArgumentException(table + ": fewer than 2 wavelengths");
            }
            double s = lambda[1] - lambda[0];
            for (int i = 1; i < lambda.length; i++) {
                if (Math.abs(lambda[i] - lambda[0] - i * s) > 1e-6 * s) {
                    throw new IllegalArgumentException(table + ": wavelengths not evenly spaced at line " + (i + 1));
                }
            }
            if (r == 0) {
                first = lambda[0];
                step = s;
            } else if (lambda[0] != first || s != step || t[r].length != t[0].length) {
                throw new IllegalArgumentException(table + ": wavelength grid differs from " + rows.get(0)[1] + "'s");
            }
        }
        if (z[0] != 0.0) {
            throw new IllegalArgumentException(index + ": the first redshift must be 0, got " + z[0]);
        }
        return new Madau1995(z, first, step, t);
    }

    @Override
    public double transmission(double lambdaObsAngstrom, double zSource) {
        if (!(zSource >= 0 && zSource <= maxRedshift())) {
            throw new IllegalArgumentException("Madau 1995 IGM: source redshift " + zSource + " outside its tables [0, " + maxRedshift() + "]");
        }
        double rest = lambdaObsAngstrom / (1 + zSource);
        if (rest >= PhysicalConstants.LYMAN_ALPHA_ANGSTROM) {
            return 1.0;
        }
        int r = 0;
        while (r < redshifts.length - 2 && redshifts[r + 1] <= zSource) {
            r++;
        }
        double w = (zSource - redshifts[r]) / (redshifts[r + 1] - redshifts[r]);
        double a = atRest(transmission[r], rest);
        double b = atRest(transmission[r + 1], rest);
        return a + w * (b - a);
    }

    /** One table at a rest wavelength: linear between its nodes, its end values beyond them. */
    private double atRest(double[] table, double restAngstrom) {
        double x = (restAngstrom - firstRestAngstrom) / stepAngstrom;
        if (x <= 0) {
            return table[0];
        }
        int i = (int) x;
        if (i >= table.length - 1) {
            return table[table.length - 1];
        }
        double f = x - i;
        return table[i] + f * (table[i + 1] - table[i]);
    }

    @Override
    public double maxRedshift() {
        return redshifts[redshifts.length - 1];
    }

    @Override
    public String name() {
        return NAME;
    }
}
