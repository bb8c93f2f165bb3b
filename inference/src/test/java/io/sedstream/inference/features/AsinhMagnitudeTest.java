package io.sedstream.inference.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AsinhMagnitudeTest {
    @Test
    void brightSourcesHaveTheirAbMagnitude() {
        // For f >> b the asinh magnitude tends to m_AB = 31.4 - 2.5 log10(f / nJy).
        double b = 3.0;
        for (double f : new double[] {1e4, 1e6, 3.631e12}) {
            assertEquals(31.4 - 2.5 * Math.log10(f), AsinhMagnitude.magnitude(f, b), 1e-7, "f = " + f);
        }
        // 3631 Jy is AB magnitude 0 (the AB zero point).
        assertEquals(0.0, AsinhMagnitude.magnitude(3.631e12, 1.0), 1e-3);
    }

    @Test
    void zeroFluxSitsAtTheSofteningMagnitude() {
        // asinh(0) = 0, so m(0) = 31.4 - 2.5 log10(b): the AB magnitude of the softening flux.
        assertEquals(31.4 - 2.5 * Math.log10(7.5), AsinhMagnitude.magnitude(0.0, 7.5), 1e-12);
    }

    @Test
    void negativeFluxesAreFiniteAndMonotone() {
        double b = 2.0;
        double previous = Double.POSITIVE_INFINITY;
        for (double f = -100; f <= 100; f += 0.5) {
            double m = AsinhMagnitude.magnitude(f, b);
            assertEquals(true, Double.isFinite(m));
            assertEquals(true, m < previous, "magnitude decreases with flux");
            previous = m;
        }
    }

    @Test
    void errorIsTheFirstOrderPropagation() {
        double b = 4.0;
        for (double f : new double[] {-20, 0, 3, 50, 1e4}) {
            double h = 1e-4 * Math.max(1.0, Math.abs(f));
            double dmdf = (AsinhMagnitude.magnitude(f + h, b) - AsinhMagnitude.magnitude(f - h, b)) / (2 * h);
            assertEquals(Math.abs(dmdf) * 1.7, AsinhMagnitude.magnitudeError(f, 1.7, b), 1e-8 * Math.abs(dmdf) + 1e-12);
        }
    }

    @Test
    void fluxInvertsMagnitude() {
        for (double b : new double[] {0.5, 3.0, 40.0}) {
            for (double f : new double[] {-50, -1e-3, 1e-6, 0.3, 7, 1e3, 1e8}) {
                double back = AsinhMagnitude.fluxNJy(AsinhMagnitude.magnitude(f, b), b);
                assertEquals(f, back, 1e-9 * Math.max(Math.abs(f), b), "b=" + b + " f=" + f);
            }
        }
    }
}
