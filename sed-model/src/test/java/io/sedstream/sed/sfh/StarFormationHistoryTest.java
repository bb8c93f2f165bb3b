package io.sedstream.sed.sfh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.prior.Distributions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StarFormationHistoryTest {

    @Test
    void denseBasisHonoursTheQuantileTimesAndTheMass() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int n = 0; n < 2000; n++) {
            double[] tx = new double[3];
            Distributions.dirichletCumulative(rng, 1.0, 3, tx, 0);
            double m = Math.pow(10, 4 + 8 * rng.nextDouble());
            double ssfr = Math.pow(10, -12 + 5 * rng.nextDouble());
            double tUniv = 3e8 + 1.35e10 * rng.nextDouble();
            DenseBasisSfh sfh = new DenseBasisSfh(m, ssfr * m, tx, tUniv);
            assertEquals(m, sfh.formedMassMsun(), 0);
            assertEquals(m, sfh.massOlderThanMsun(0), 1e-9 * m);
            assertEquals(0.0, sfh.massOlderThanMsun(tUniv), 0.0, "nothing older than the Universe");
            assertEquals(0.0, sfh.massOlderThanMsun(2 * tUniv), 0.0);
            for (int i = 0; i < 3; i++) {
                assertEquals(tx[i], sfh.formationTimeFraction(0.25 * (i + 1), tUniv), 1e-6, "t" + (25 * (i + 1)));
            }
            // cumulative mass never decreases: the SFR is never negative
            double prev = -1;
            for (int k = 0; k <= 200; k++) {
                double c = sfh.cumulativeFraction(k / 200.0);
                assertTrue(c >= prev - 1e-12, "monotone cumulative");
                prev = c;
            }
        }
    }

    @Test
    void denseBasisRecentSfrFollowsTheRequestWhenCompatible() {
        // 50% of the mass by t = 0.5, 75% by 0.8: a gently declining history; sSFR 1e-10 over 13 Gyr is compatible.
        double m = 1e10;
        double tUniv = 1.3e10;
        DenseBasisSfh sfh = new DenseBasisSfh(m, 1e-10 * m, new double[] {0.3, 0.5, 0.8}, tUniv);
        double sfr100 = sfh.meanSfrMsunPerYr(1e8);
        assertEquals(1.0, sfr100, 0.05, "SFR over the last 100 Myr vs requested 1 Msun/yr");
    }

    @Test
    void denseBasisRejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new DenseBasisSfh(1e9, 1, new double[] {0.5, 0.4, 0.9}, 1e10));
        assertThrows(IllegalArgumentException.class, () -> new DenseBasisSfh(-1, 1, new double[] {0.2, 0.4, 0.9}, 1e10));
    }

    @Test
    void delayedTauMatchesItsAnalyticCumulative() {
        double tau = 1e9;
        double start = 5e9;
        DelayedTauSfh sfh = new DelayedTauSfh(1e10, tau, start);
        // fraction formed by x = t'/tau: 1 - e^-x (1 + x)
        double x = 3.0;
        double expectedOlder = (1 - Math.exp(-x) * (1 + x)) / (1 - Math.exp(-5) * 6);
        assertEquals(expectedOlder * 1e10, sfh.massOlderThanMsun(start - x * tau), 1e-6 * 1e10);
        assertEquals(0.0, sfh.massOlderThanMsun(start), 0.0);
        // SFR in the last Myr ~ M t e^{-t/tau} / tau^2 / norm
        double sfrNow = 1e10 * (start / tau) * Math.exp(-start / tau) / tau / (1 - Math.exp(-5) * 6);
        assertEquals(sfrNow, sfh.meanSfrMsunPerYr(1e6), 1e-3 * sfrNow);
    }

    @Test
    void exactAgeIntegralsMatchQuadrature() {
        StarFormationHistory db = new DenseBasisSfh(1e10, 3, new double[] {0.2, 0.45, 0.9}, 1.2e10);
        StarFormationHistory dt = new DelayedTauSfh(1e9, 3e8, 4e9);
        StarFormationHistory longTau = new DelayedTauSfh(1e9, 3e10, 4e9); // small u: the series branch
        for (StarFormationHistory h : new StarFormationHistory[] {db, dt, longTau}) {
            for (double[] r : new double[][] {{0, 1e6}, {1e7, 3e8}, {1e9, 1.3e9}, {3.9e9, 5e9}, {0, 1.5e10}}) {
                // reference: the interface's Simpson default on many sub-intervals
                double ref = 0;
                int pieces = 64;
                for (int i = 0; i < pieces; i++) {
                    double a = r[0] + (r[1] - r[0]) * i / pieces;
                    double b = r[0] + (r[1] - r[0]) * (i + 1) / pieces;
                    ref += new StarFormationHistory() {
                        public double formedMassMsun() {
                            return h.formedMassMsun();
                        }

                        public double massOlderThanMsun(double x) {
                            return h.massOlderThanMsun(x);
                        }

                        public double oldestAgeYr() {
                            return h.oldestAgeYr();
                        }
                    }.integralOfMassOlderThan(a, b);
                }
                double exact = h.integralOfMassOlderThan(r[0], r[1]);
                assertEquals(ref, exact, 1e-6 * Math.abs(ref) + 1e-3, h.getClass().getSimpleName() + " over " + r[0] + ".." + r[1]);
            }
        }
    }

    @Test
    void pchipIsMonotoneOnMonotoneData() {
        Pchip p = new Pchip(new double[] {0, 0.01, 0.2, 0.21, 0.9, 1}, new double[] {0, 0, 0.25, 0.5, 0.75, 1});
        double prev = -1;
        for (int k = 0; k <= 10000; k++) {
            double v = p.value(k / 10000.0);
            assertTrue(v >= prev - 1e-15);
            prev = v;
        }
        assertEquals(0.5, p.value(0.21), 1e-15);
    }
}
