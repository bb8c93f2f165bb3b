package io.sedstream.trainer.misfit;

import io.sedstream.sed.filter.FilterCurve;
import io.sedstream.sed.filter.FilterSet;
import io.sedstream.sed.noise.NoiseModel;
import io.sedstream.sed.units.PhysicalConstants;
import java.util.SplittableRandom;

/**
 * Stars as blackbodies through the same filters and noise as the galaxies: a test population the
 * galaxy models cannot produce. Temperature log-uniform in [{@value #MIN_TEMPERATURE_K},
 * {@value #MAX_TEMPERATURE_K}] K; scaled so the reddest band's AB magnitude is uniform in
 * [{@value #BRIGHTEST_AB}, {@value #FAINTEST_AB}].
 */
final class BlackbodyStars {
    static final double MIN_TEMPERATURE_K = 2500;
    static final double MAX_TEMPERATURE_K = 30000;
    static final double BRIGHTEST_AB = 22;
    static final double FAINTEST_AB = 28;
    /** Quadrature points per band (log-spaced over the filter's support). */
    private static final int POINTS = 2000;

    private BlackbodyStars() {
    }

    /** Noisy fluxes and errors (nJy), row-major [count][bands]. */
    static double[][] simulate(FilterSet filters, NoiseModel noise, int count, long seed) {
        int n = filters.size();
        int reddest = 0;
        for (int b = 1; b < n; b++) {
            if (filters.band(b).pivotWavelengthAngstrom() > filters.band(reddest).pivotWavelengthAngstrom()) {
                reddest = b;
            }
        }
        double[] flux = new double[count * n];
        double[] err = new double[count * n];
        double[] noiseless = new double[n];
        double[] observed = new double[n];
        double[] sigma = new double[n];
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + i);
            double t = Math.exp(Math.log(MIN_TEMPERATURE_K) + rng.nextDouble() * Math.log(MAX_TEMPERATURE_K / MIN_TEMPERATURE_K));
            for (int b = 0; b < n; b++) {
                noiseless[b] = bandAverage(filters.band(b), t);
            }
            double mag = BRIGHTEST_AB + rng.nextDouble() * (FAINTEST_AB - BRIGHTEST_AB);
            double scale = Math.pow(10, -0.4 * (mag - PhysicalConstants.AB_ZERO_POINT_NJY)) / noiseless[reddest];
            for (int b = 0; b < n; b++) {
                noiseless[b] *= scale;
            }
            noise.apply(noiseless, rng, observed, sigma);
            System.arraycopy(observed, 0, flux, i * n, n);
            System.arraycopy(sigma, 0, err, i * n, n);
        }
        return new double[][] {flux, err};
    }

    /** Photon-counting band average of B_nu(T) (arbitrary units): int B_nu R dln(lambda) / int R dln(lambda). */
    static double bandAverage(FilterCurve f, double temperatureK) {
        double lo = Math.log(f.minSupportAngstrom());
        double hi = Math.log(f.maxSupportAngstrom());
        double h = (hi - lo) / POINTS;
        double num = 0;
        double den = 0;
        for (int i = 0; i < POINTS; i++) {
            double lambda = Math.exp(lo + (i + 0.5) * h);
            double r = f.throughputAt(lambda);
            num += planckNu(lambda, temperatureK) * r;
            den += r;
        }
        return num / den;
    }

    /** B_nu at wavelength lambda, up to a constant: nu^3 / (exp(h nu / k T) - 1) (Planck 1901). */
    static double planckNu(double lambdaAngstrom, double temperatureK) {
        double nu = PhysicalConstants.C_ANGSTROM_PER_S / lambdaAngstrom;
        double x = PhysicalConstants.H_ERG_S * nu / (PhysicalConstants.K_ERG_PER_K * temperatureK);
        return Math.pow(nu / 1e15, 3) / Math.expm1(x);
    }
}
