package io.sedstream.sed.nebular;

import java.util.ArrayList;
import java.util.List;

/**
 * Nebular emission lines relative to H-beta, L(H-beta) = 4.757e-13 erg x Q(H) (case B).
 *
 * <p>Table: Anders &amp; Fritze-v. Alvensleben 2003 (A&amp;A 401, 1063), three metallicity groups, as
 * transcribed in CIGALE's {@code lines.py} (commit 6d1b31b; values in ../shared/reference/physics-facts.md
 * section 2b). Additions, case B at 10^4 K: H-gamma/H-beta = 0.468 (Osterbrock &amp; Ferland 2006) [T];
 * Pa-beta 0.162 and Br-gamma 0.0275 (Hummer &amp; Storey 1987 / OF06) [T]; Pa-alpha 0.332 (Hummer &amp;
 * Storey 1987) [T, not re-checked]. The AF03 wavelengths above 2000 A are air values; they are converted
 * to vacuum here (Morton 1991, ApJS 77, 119, eq. 3).
 *
 * <p>Between groups the ratio is interpolated linearly in log Z; below Z = 0.0004 and above Z = 0.008
 * the end groups apply (AF03 use one column for Z = 0.008 - 0.05).
 */
public final class NebularLines {
    /** Metallicities of the three AF03 groups. */
    private static final double LOG_Z0 = Math.log10(0.0004);
    private static final double LOG_Z1 = Math.log10(0.004);
    private static final double LOG_Z2 = Math.log10(0.008);

    /** Index of H-alpha and H-beta and Lyman-alpha in {@link #lines()}. */
    public static final String LYMAN_ALPHA = "Lya";
    public static final String H_ALPHA = "Halpha";
    public static final String H_BETA = "Hbeta";

    private final List<EmissionLine> lines;

    private NebularLines(List<EmissionLine> lines) {
        this.lines = List.copyOf(lines);
    }

    /** The default table (AF03 + case-B hydrogen additions). */
    public static NebularLines anders2003() {
        List<EmissionLine> l = new ArrayList<>();
        // name, wavelength as tabulated (air above 2000 A), Z<=0.0004, Z=0.004, Z>=0.008
        add(l, LYMAN_ALPHA, 1215.67, 22.20, 22.20, 22.20);
        add(l, "CII_1335", 1335, 0, 0, 0.110);
        add(l, "OIII]_1663", 1663, 0, 0.058, 0.010);
        add(l, "CIII]_1909", 1909, 0, 0, 0.180);
        add(l, "[NII]_2141", 2141, 0, 0, 0.010);
        add(l, "CII]_2326", 2326, 0, 0, 0.290);
        add(l, "MgII_2798", 2798, 0, 0.310, 0.070);
        add(l, "[OII]_3727", 3727, 0.489, 1.791, 3.010);
        add(l, "[NeIII]_3869", 3869, 0.295, 0.416, 0.300);
        add(l, "HeI+H8_3889", 3889, 0.203, 0.192, 0.107);
        add(l, "[NeIII]+Heps_3970", 3970, 0.270, 0.283, 0.159);
        add(l, "HeI_4026", 4026, 0.015, 0.015, 0.015);
        add(l, "[SII]_4069", 4068.6, 0.005, 0.017, 0.029);
        add(l, "[SII]_4076", 4076.35, 0.002, 0.007, 0.011);
        add(l, "Hdelta", 4101.73, 0.256, 0.256, 0.256);
        add(l, "Hgamma", 4340.47, 0.468, 0.468, 0.468); // case B, OF06 [T]
        add(l, "[OIII]_4363", 4363, 0.109, 0.066, 0.010);
        add(l, "HeI_4471", 4471, 0.036, 0.036, 0.050);
        add(l, "[ArIV]_4711", 4711, 0.010, 0.014, 0.000);
        add(l, H_BETA, 4861.32, 1.000, 1.000, 1.000);
        add(l, "[OIII]_4959", 4958.91, 1.097, 1.617, 1.399);
        add(l, "[OIII]_5007", 5006.84, 3.159, 4.752, 4.081);
        add(l, "[NI]_5199", 5199, 0.003, 0.010, 0.030);
        add(l, "[NII]_5755", 5755, 0.000, 0.000, 0.010);
        add(l, "HeI_5876", 5876, 0.096, 0.108, 0.140);
        add(l, "[OI]_6300", 6300, 0.008, 0.041, 0.130);
        add(l, "[SIII]_6312", 6312, 0.009, 0.017, 0.030);
        add(l, "[NII]_6548", 6548.05, 0.005, 0.059, 0.136);
        add(l, H_ALPHA, 6562.8, 2.870, 2.870, 2.870);
        add(l, "[NII]_6583", 6583.45, 0.015, 0.175, 0.404);
        add(l, "HeI_6678", 6678, 0.026, 0.030, 0.030);
        add(l, "[SII]_6716", 6716, 0.037, 0.188, 0.300);
        add(l, "[SII]_6730", 6730, 0.029, 0.138, 0.210);
        add(l, "HeI_7065", 7065, 0.028, 0.023, 0.040);
        add(l, "[ArIII]_7136", 7135.79, 0.027, 0.071, 0.035);
        add(l, "[OII]_7320", 7319.99, 0.012, 0.027, 0.026);
        add(l, "[OII]_7331", 7330.73, 0.007, 0.014, 0.014);
        add(l, "[ArIII]_7751", 7751.11, 0.067, 0.176, 0.086);
        add(l, "[SIII]_9069", 9068.6, 0.000, 0.510, 0.945);
        add(l, "[SIII]_9531", 9530.85, 0.000, 0.000, 0.365);
        add(l, "[SII]_10287", 10286.73, 0, 0, 0.048);
        add(l, "[SII]_10320", 10320.49, 0, 0, 0.058);
        add(l, "[SII]_10336", 10336.41, 0, 0, 0.054);
        add(l, "Pabeta", 12818.08, 0.162, 0.162, 0.162); // case B, HS87/OF06 [T]
        add(l, "Paalpha", 18751.0, 0.332, 0.332, 0.332); // case B, HS87 [T]
        add(l, "Brgamma", 21655.0, 0.0275, 0.0275, 0.0275); // case B, HS87/OF06 [T]
        return new NebularLines(l);
    }

    private static void add(List<EmissionLine> l, String name, double lambdaTable, double r0, double r1, double r2) {
        l.add(new EmissionLine(name, lambdaTable >= 2000 ? airToVacuum(lambdaTable) : lambdaTable, r0, r1, r2));
    }

    /** Air to vacuum wavelength [Angstrom] (Morton 1991, ApJS 77, 119, eq. 3, Edlen 1966 refractivity). */
    public static double airToVacuum(double lambdaAirAngstrom) {
        double s2 = Math.pow(1e4 / lambdaAirAngstrom, 2);
        double n = 1 + 6.4328e-5 + 2.94981e-2 / (146 - s2) + 2.5540e-4 / (41 - s2);
        return lambdaAirAngstrom * n;
    }

    public List<EmissionLine> lines() {
        return lines;
    }

    public int size() {
        return lines.size();
    }

    /** Index of a line by name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Flux of line {@code i} relative to H-beta at metallicity log10(Z) (see class comment). */
    public double ratioToHbeta(int i, double log10Z) {
        EmissionLine l = lines.get(i);
        if (log10Z <= LOG_Z0) {
            return l.ratioZ0004();
        }
        if (log10Z >= LOG_Z2) {
            return l.ratioZ008();
        }
        if (log10Z <= LOG_Z1) {
            double w = (log10Z - LOG_Z0) / (LOG_Z1 - LOG_Z0);
            return l.ratioZ0004() + w * (l.ratioZ004() - l.ratioZ0004());
        }
        double w = (log10Z - LOG_Z1) / (LOG_Z2 - LOG_Z1);
        return l.ratioZ004() + w * (l.ratioZ008() - l.ratioZ004());
    }
}
