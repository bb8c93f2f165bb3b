package io.sedstream.sed.igm;

import io.sedstream.sed.data.DataRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mean intergalactic transmission of Inoue et al. (2014, MNRAS 442, 1805): Lyman-series absorption by the
 * Lyman-alpha forest (LAF) and damped Lyman-alpha systems (DLA), coefficients from their Table 2
 * (eazy-photoz's {@code LAFcoeff.txt}, {@code DLAcoeff.txt}), plus the Lyman-continuum terms (eqs. 25-29).
 * Everything is evaluated at the OBSERVED wavelength.
 */
public final class Inoue2014 implements IgmModel {
    public static final String NAME = "inoue2014";
    /** Lyman limit used by Inoue et al. 2014 [Angstrom]. */
    public static final double LYMAN_LIMIT_ANGSTROM = 911.8;

    private final double[] lambdaJ;
    private final double[] lafA1;
    private final double[] lafA2;
    private final double[] lafA3;
    private final double[] dlaA1;
    private final double[] dlaA2;
    // A_j lambda_j^-p: tau_j = A_j (lobs/lambda_j)^p = (A_j lambda_j^-p) lobs^p, so one power of lobs per call.
    private final double[] lafC1;
    private final double[] lafC2;
    private final double[] lafC3;
    private final double[] dlaC1;
    private final double[] dlaC2;

    private Inoue2014(double[] lambdaJ, double[] lafA1, double[] lafA2, double[] lafA3, double[] dlaA1, double[] dlaA2) {
        this.lambdaJ = lambdaJ;
        this.lafA1 = lafA1;
        this.lafA2 = lafA2;
        this.lafA3 = lafA3;
        this.dlaA1 = dlaA1;
        this.dlaA2 = dlaA2;
        int n = lambdaJ.length;
        lafC1 = new double[n];
        lafC2 = new double[n];
        lafC3 = new double[n];
        dlaC1 = new double[n];
        dlaC2 = new double[n];
        for (int j = 0; j < n; j++) {
            lafC1[j] = lafA1[j] * Math.pow(lambdaJ[j], -1.2);
            lafC2[j] = lafA2[j] * Math.pow(lambdaJ[j], -3.7);
            lafC3[j] = lafA3[j] * Math.pow(lambdaJ[j], -5.5);
            dlaC1[j] = dlaA1[j] * Math.pow(lambdaJ[j], -2.0);
            dlaC2[j] = dlaA2[j] * Math.pow(lambdaJ[j], -3.0);
        }
    }

    /** Loads Table 2 from {@code DATA/igm/inoue2014/}. */
    public static Inoue2014 load(DataRoot data) {
        List<double[]> laf = readTable(data.file("igm/inoue2014/LAFcoeff.txt"), 5);
        List<double[]> dla = readTable(data.file("igm/inoue2014/DLAcoeff.txt"), 4);
        if (laf.size() != dla.size()) {
            throw new IllegalArgumentException("Inoue 2014 tables differ in length: LAF " + laf.size() + ", DLA " + dla.size());
        }
        int n = laf.size();
        double[] l = new double[n];
        double[] a1 = new double[n];
        double[] a2 = new double[n];
        double[] a3 = new double[n];
        double[] d1 = new double[n];
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = laf.get(i);
            double[] d = dla.get(i);
            if (r[1] != d[1]) {
                throw new IllegalArgumentException("Inoue 2014 tables disagree on line " + i + ": " + r[1] + " vs " + d[1]);
            }
            l[i] = r[1];
            a1[i] = r[2];
            a2[i] = r[3];
            a3[i] = r[4];
            d1[i] = d[2];
            d2[i] = d[3];
        }
        return new Inoue2014(l, a1, a2, a3, d1, d2);
    }

    private static List<double[]> readTable(Path file, int columns) {
        List<double[]> rows = new ArrayList<>();
        for (String[] p : WhitespaceTable.rows(file, columns)) {
            double[] r = new double[columns];
            for (int c = 0; c < columns; c++) {
                r[c] = Double.parseDouble(p[c]);
            }
            rows.add(r);
        }
        return rows;
    }

    /** Number of Lyman-series lines in the tables. */
    public int lineCount() {
        return lambdaJ.length;
    }

    @Override
    public double transmission(double lambdaObsAngstrom, double zSource) {
        return Math.exp(-opticalDepth(lambdaObsAngstrom, zSource));
    }

    /** The analytic fit holds at any redshift the models here reach (its Table 2 was fitted to z = 0-10 and beyond). */
    @Override
    public double maxRedshift() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Total optical depth tau_LS^LAF + tau_LS^DLA + tau_LC^LAF + tau_LC^DLA (observed wavelength). */
    public double opticalDepth(double lambdaObsAngstrom, double zSource) {
        return lymanSeriesLaf(lambdaObsAngstrom, zSource) + lymanSeriesDla(lambdaObsAngstrom, zSource)
                + lymanContinuumLaf(lambdaObsAngstrom, zSource) + lymanContinuumDla(lambdaObsAngstrom, zSource);
    }

    /** Inoue+14 eq. 21: each line j acts where lambda_j &lt; lambda_obs &lt; lambda_j (1 + z_S). */
    double lymanSeriesLaf(double lobs, double zs) {
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int j = 0; j < lambdaJ.length; j++) {
            double lj = lambdaJ[j];
            if (lobs > lj && lobs < lj * (1 + zs)) {
                if (lobs < 2.2 * lj) {
                    s1 += lafC1[j];
                } else if (lobs < 5.7 * lj) {
                    s2 += lafC2[j];
                } else {
                    s3 += lafC3[j];
                }
            }
        }
        double tau = 0;
        if (s1 != 0) {
            tau += s1 * Math.pow(lobs, 1.2);
        }
        if (s2 != 0) {
            tau += s2 * Math.pow(lobs, 3.7);
        }
        if (s3 != 0) {
            tau += s3 * Math.pow(lobs, 5.5);
        }
        return tau;
    }

    /** The same sum term by term, as printed in Inoue+14 (reference for tests). */
    double lymanSeriesLafDirect(double lobs, double zs) {
        double tau = 0;
        for (int j = 0; j < lambdaJ.length; j++) {
            double lj = lambdaJ[j];
            if (lobs > lj && lobs < lj * (1 + zs)) {
                double x = lobs / lj;
                if (x < 2.2) {
                    tau += lafA1[j] * Math.pow(x, 1.2);
                } else if (x < 5.7) {
                    tau += lafA2[j] * Math.pow(x, 3.7);
                } else {
                    tau += lafA3[j] * Math.pow(x, 5.5);
                }
            }
        }
        return tau;
    }

    /** Inoue+14 eq. 22. */
    double lymanSeriesDla(double lobs, double zs) {
        double s1 = 0;
        double s2 = 0;
        for (int j = 0; j < lambdaJ.length; j++) {
            double lj = lambdaJ[j];
            if (lobs > lj && lobs < lj * (1 + zs)) {
                if (lobs < 3.0 * lj) {
                    s1 += dlaC1[j];
                } else {
                    s2 += dlaC2[j];
                }
            }
        }
        return s1 * lobs * lobs + s2 * lobs * lobs * lobs;
    }

    /** The same sum term by term (reference for tests). */
    double lymanSeriesDlaDirect(double lobs, double zs) {
        double tau = 0;
        for (int j = 0; j < lambdaJ.length; j++) {
            double lj = lambdaJ[j];
            if (lobs > lj && lobs < lj * (1 + zs)) {
                double x = lobs / lj;
                tau += x < 3.0 ? dlaA1[j] * x * x : dlaA2[j] * x * x * x;
            }
        }
        return tau;
    }

    /** Inoue+14 eqs. 25-27 (LAF Lyman continuum), zero at lambda_obs &gt;= lambda_L (1 + z_S). */
    static double lymanContinuumLaf(double lobs, double zs) {
        double x = lobs / LYMAN_LIMIT_ANGSTROM;
        double zp = 1 + zs;
        if (x >= zp) {
            return 0;
        }
        double tau;
        if (zs < 1.2) {
            tau = 0.3248 * (Math.pow(x, 1.2) - Math.pow(zp, -0.9) * Math.pow(x, 2.1));
        } else if (zs < 4.7) {
            if (x < 2.2) {
                tau = 2.545e-2 * Math.pow(zp, 1.6) * Math.pow(x, 2.1) + 0.3248 * Math.pow(x, 1.2) - 0.2496 * Math.pow(x, 2.1);
            } else {
                tau = 2.545e-2 * (Math.pow(zp, 1.6) * Math.pow(x, 2.1) - Math.pow(x, 3.7));
            }
        } else {
            if (x < 2.2) {
                tau = 5.221e-4 * Math.pow(zp, 3.4) * Math.pow(x, 2.1) + 0.3248 * Math.pow(x, 1.2) - 3.140e-2 * Math.pow(x, 2.1);
            } else if (x < 5.7) {
                tau = 5.221e-4 * Math.pow(zp, 3.4) * Math.pow(x, 2.1) + 0.2182 * Math.pow(x, 2.1) - 2.545e-2 * Math.pow(x, 3.7);
            } else {
                tau = 5.221e-4 * (Math.pow(zp, 3.4) * Math.pow(x, 2.1) - Math.pow(x, 5.5));
            }
        }
        return Math.max(0.0, tau);
    }

    /** Inoue+14 eqs. 28-29 (DLA Lyman continuum), zero at lambda_obs &gt;= lambda_L (1 + z_S). */
    static double lymanContinuumDla(double lobs, double zs) {
        double x = lobs / LYMAN_LIMIT_ANGSTROM;
        double zp = 1 + zs;
        if (x >= zp) {
            return 0;
        }
        double tau;
        if (zs < 2.0) {
            tau = 0.2113 * zp * zp - 0.07661 * Math.pow(zp, 2.3) * Math.pow(x, -0.3) - 0.1347 * x * x;
        } else if (x < 3.0) {
            tau = 0.6340 + 0.04696 * zp * zp * zp - 0.01779 * Math.pow(zp, 3.3) * Math.pow(x, -0.3)
                    - 0.1347 * x * x - 0.2905 * Math.pow(x, -0.3);
        } else {
            tau = 0.04696 * zp * zp * zp - 0.01779 * Math.pow(zp, 3.3) * Math.pow(x, -0.3) - 0.02916 * x * x * x;
        }
        return Math.max(0.0, tau);
    }
}
