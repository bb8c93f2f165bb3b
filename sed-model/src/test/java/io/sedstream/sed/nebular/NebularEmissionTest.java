package io.sedstream.sed.nebular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.TestModels;
import io.sedstream.sed.dust.Calzetti2000;
import io.sedstream.sed.model.ForwardModel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NebularEmissionTest {
    private final ForwardModel model = TestModels.defaultModel();
    private final NebularLines lines = model.lines();
    private final int ha = lines.indexOf(NebularLines.H_ALPHA);
    private final int hb = lines.indexOf(NebularLines.H_BETA);

    private double[] starForming(double log10Av) {
        double[] free = model.prior().sample(new SplittableRandom(21));
        free[model.redshiftIndex()] = 2;
        free[4] = -8; // log sSFR
        free[model.avIndex()] = log10Av;
        return free;
    }

    @Test
    void intrinsicBalmerDecrementIsCaseB() {
        double[] l = model.lineLuminositiesErgPerS(starForming(-3)); // A_V = 0.001
        assertEquals(2.86, l[ha] / l[hb], 0.02);
    }

    @Test
    void reddenedBalmerDecrementFollowsCalzetti() {
        double av = 1.0;
        double[] l = model.lineLuminositiesErgPerS(starForming(0));
        double gasAv = av * model.config().nebularDustFactor();
        double expected = 2.87 * Math.pow(10, -0.4 * gasAv
                * (Calzetti2000.relativeAttenuation(lines.lines().get(ha).lambdaVacuumAngstrom())
                        - Calzetti2000.relativeAttenuation(lines.lines().get(hb).lambdaVacuumAngstrom())));
        assertEquals(expected, l[ha] / l[hb], 1e-9 * expected);
        assertTrue(l[ha] / l[hb] > 2.87, "dust raises the decrement");
    }

    @Test
    void hbetaLuminosityIsCaseBPerIonisingPhoton() {
        double[] free = starForming(-3);
        double q = model.ionisingRate(free);
        double[] l = model.lineLuminositiesErgPerS(free);
        double att = Math.exp(-0.4 * Math.log(10) * 1e-3 * model.config().nebularDustFactor()
                * Calzetti2000.relativeAttenuation(lines.lines().get(hb).lambdaVacuumAngstrom()));
        assertEquals(4.757e-13 * q * att, l[hb], 1e-9 * l[hb]);
    }

    @Test
    void ionisingRateOfConstantStarFormationMatchesTheHalphaCalibration() {
        // Kennicutt & Evans 2012 (Kroupa IMF, close to Chabrier): log SFR = log L(Halpha) - 41.27, i.e.
        // L(Halpha) = 1.86e41 erg/s per Msun/yr, Q = L / 1.37e-12 erg = 1.36e53 photons/s, after ~100 Myr.
        // Delayed-tau with a very long tau is constant star formation.
        ForwardModel dt = io.sedstream.sed.model.ForwardModel.load(io.sedstream.sed.model.ModelConfig.load("delayed-tau"),
                TestModels.jades(), TestModels.data());
        // free: z, logM, logZ, logAv, log tau, age fraction
        double z = 6; // t_univ ~ 0.93 Gyr; age fraction picks a 100-Myr-old population
        double tUniv = dt.cosmology().ageYr(z);
        double age = 1e8;
        double tau = 1e13; // SFR(t') ~ t' for t' << tau: a ramp; use the mean SFR over the last 10 Myr to normalise
        double[] free = {z, 8, Math.log10(0.02), -3, Math.log10(tau), age / tUniv};
        double q = dt.ionisingRate(free);
        double sfr = dt.starFormationHistory(free).meanSfrMsunPerYr(1e7);
        double qPerSfr = q / sfr;
        assertTrue(qPerSfr > 1.36e53 / 1.6 && qPerSfr < 1.36e53 * 1.6, "Q per unit SFR = " + qPerSfr);
    }

    @Test
    void lineRatiosInterpolateBetweenTheAf03Groups() {
        int o3 = lines.indexOf("[OIII]_5007");
        assertEquals(4.752, lines.ratioToHbeta(o3, Math.log10(0.004)), 1e-12);
        assertEquals(4.081, lines.ratioToHbeta(o3, Math.log10(0.02)), 1e-12);
        double mid = lines.ratioToHbeta(o3, 0.5 * (Math.log10(0.004) + Math.log10(0.008)));
        assertEquals(0.5 * (4.752 + 4.081), mid, 1e-9);
    }

    @Test
    void airWavelengthsBecomeVacuum() {
        // H-alpha: 6562.80 A in air is 6564.6 A in vacuum
        assertEquals(6564.6, lines.lines().get(ha).lambdaVacuumAngstrom(), 0.1);
        assertEquals(1215.67, lines.lines().get(lines.indexOf(NebularLines.LYMAN_ALPHA)).lambdaVacuumAngstrom(), 1e-9);
    }

    @Test
    void nebularContinuumHasABalmerJumpAndTwoPhotonBlueEnd() {
        NebularContinuum c = new NebularContinuum();
        double blue = c.lNuPerIonisingPhoton(3640);
        double red = c.lNuPerIonisingPhoton(3650);
        assertTrue(blue > 3 * red, "Balmer jump: " + blue / red);
        // H-beta equivalent width against the pure nebular continuum: of order 10^3 A (case B, 10^4 K)
        double lnu = c.lNuPerIonisingPhoton(4861);
        double llambda = lnu * 2.99792458e18 / (4861.0 * 4861.0);
        double ew = 4.757e-13 / llambda;
        assertTrue(ew > 500 && ew < 3000, "EW(Hbeta) vs nebular continuum = " + ew);
    }
}
