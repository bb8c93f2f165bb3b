package io.sedstream.trainer.nested;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PhotometryLikelihoodTest {

    /** A "model" whose flux in every band is the first parameter (a flat f_nu source). */
    private static final PhotometryLikelihood.FluxPredictor FLAT = (p, out) -> java.util.Arrays.fill(out, p[0]);

    @Test
    void gaussianInEachObservedBandAndMissingBandsSkipped() {
        double[] flux = {10.0, Double.NaN, 14.0};
        double[] err = {2.0, Double.NaN, 4.0};
        PhotometryLikelihood l = new PhotometryLikelihood(flux, err, FLAT);
        assertEquals(2, l.observedBandCount());
        double m = 12.0;
        double expected = -0.5 * (1.0 + 0.25) - Math.log(2.0 * Math.sqrt(2 * Math.PI)) - Math.log(4.0 * Math.sqrt(2 * Math.PI));
        assertEquals(expected, l.logLikelihood(new double[] {m}), 1e-12);
    }

    @Test
    void flatSourceEvidenceMatchesTheAnalyticIntegral() {
        // one parameter f ~ U(0, 100) nJy, two bands: Z = (1/100) * integral of the product of two
        // normals in f = N(f1 - f2; 0, s1^2 + s2^2) / 100 when the box holds the peak
        double[] flux = {40.0, 44.0};
        double[] err = {3.0, 4.0};
        PhotometryLikelihood l = new PhotometryLikelihood(flux, err, FLAT);
        double s2 = 9.0 + 16.0;
        double expected = -Math.log(100.0) - 0.5 * Math.log(2 * Math.PI * s2) - 0.5 * 16.0 / s2;
        PriorTransform prior = new PriorTransform() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public void toPhysical(double[] u, double[] out) {
                out[0] = 100.0 * u[0];
            }
        };
        NestedSamplingResult r = new NestedSampler(NestedSamplerConfig.defaults(4).withNLive(300)).run(prior, l);
        assertEquals(expected, r.logZ(), 3 * r.logZError());
        // posterior of f: inverse-variance mean (40/9 + 44/16) / (1/9 + 1/16) = 41.44
        assertEquals(41.44, r.mean(0), 0.3);
    }

    @Test
    void badInputsAreNamed() {
        assertThrows(IllegalArgumentException.class,
                () -> new PhotometryLikelihood(new double[] {1.0}, new double[] {0.0}, FLAT));
        assertThrows(IllegalArgumentException.class,
                () -> new PhotometryLikelihood(new double[] {Double.NaN}, new double[] {1.0}, FLAT));
        assertThrows(IllegalArgumentException.class,
                () -> new PhotometryLikelihood(new double[] {1.0, 2.0}, new double[] {1.0}, FLAT));
    }
}
