package io.sedstream.sed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sedstream.sed.TestModels;
import io.sedstream.sed.filter.FilterCurve;
import io.sedstream.sed.sps.Bc03Ised;
import io.sedstream.sed.units.PhysicalConstants;
import org.junit.jupiter.api.Test;

/**
 * End-to-end units: an old burst simulated by the model (delayed tau, tau = 10 Myr, started 10 Gyr ago)
 * must have the band fluxes that the BC03 file itself gives for a 10-Gyr-old, tau = 0.1 Gyr population of
 * the same mass, computed independently here: L_lambda [Lsun/A] -> L_nu -> f_nu = (1+z) L_nu / (4 pi D_L^2)
 * through each filter's own samples.
 */
class AbsoluteFluxTest {
    @Test
    void oldBurstFluxesMatchTheBc03File() {
        ForwardModel model = ForwardModel.load(ModelConfig.load("delayed-tau"), TestModels.jades(), TestModels.data());
        double z = 0.05;
        double mass = 1e10;
        double age = 1e10;
        double tUniv = model.cosmology().ageYr(z);
        // free: redshift, log10 formed mass, log10 Z, log10 A_V, log10 tau, age fraction
        double[] free = {z, Math.log10(mass), Math.log10(0.02), -3, 7, age / tUniv};
        double[] flux = model.simulate(free).fluxNJy();

        Bc03Ised bc = Bc03Ised.read(TestModels.data().file("sps/bc03-chabrier-tau/bc2003_lr_m62_chab_tau01_dust00.ised"));
        int a = 0;
        while (bc.agesYr()[a] < age * 0.999) {
            a++;
        }
        double[] lam = bc.lambdaAngstrom();
        float[] lLambda = bc.lLambdaLsunPerAngstrom()[a];
        double dl = model.cosmology().luminosityDistanceCm(z);
        for (int b = 0; b < TestModels.jades().size(); b++) {
            FilterCurve f = TestModels.jades().band(b);
            double num = 0;
            double den = 0;
            double[] lo = f.lambdaAngstrom();
            double[] r = f.throughput();
            for (int k = 0; k < lo.length; k++) {
                double w = (k == 0 ? lo[1] - lo[0] : k == lo.length - 1 ? lo[k] - lo[k - 1] : 0.5 * (lo[k + 1] - lo[k - 1])) / lo[k];
                double rest = lo[k] / (1 + z);
                double ll = interpolate(lam, lLambda, rest) * PhysicalConstants.LSUN_BC03_ERG_PER_S;
                double lnu = ll * rest * rest / PhysicalConstants.C_ANGSTROM_PER_S;
                double fnu = (1 + z) * mass * lnu / (4 * Math.PI * dl * dl) / PhysicalConstants.NJY_CGS;
                num += r[k] * fnu * w;
                den += r[k] * w;
            }
            double expected = num / den;
            // 2%: the burst's mean age (10 Gyr) vs the tau = 0.1 Gyr file's (9.9 Gyr), and grid resampling
            assertEquals(expected, flux[b], 0.02 * expected, f.name());
        }
    }

    private static double interpolate(double[] x, float[] y, double v) {
        int i = java.util.Arrays.binarySearch(x, v);
        if (i >= 0) {
            return y[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double w = (v - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + w * (y[hi] - y[lo]);
    }
}
