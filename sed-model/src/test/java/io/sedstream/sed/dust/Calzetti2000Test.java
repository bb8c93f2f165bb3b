package io.sedstream.sed.dust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Calzetti2000Test {
    @Test
    void vBandAttenuationEqualsAv() {
        // k'(5500 A) = R'_V by construction of the curve
        assertEquals(1.0, Calzetti2000.relativeAttenuation(5500), 0.01);
        assertEquals(Math.pow(10, -0.4), Calzetti2000.transmission(5500, 1.0), 0.01);
    }

    @Test
    void piecesJoinContinuously() {
        assertEquals(Calzetti2000.k(1499.999), Calzetti2000.k(1500.001), 0.02 * Calzetti2000.k(1500));
        assertEquals(Calzetti2000.k(6299.999), Calzetti2000.k(6300.001), 0.01 * Calzetti2000.k(6300));
    }

    @Test
    void attenuationFallsWithWavelengthAndVanishesInTheMidInfrared() {
        double prev = Double.POSITIVE_INFINITY;
        for (double l = 912; l < 60000; l *= 1.05) {
            double k = Calzetti2000.k(l);
            assertTrue(k <= prev + 1e-12 && k >= 0, "at " + l);
            prev = k;
        }
        assertEquals(0.0, Calzetti2000.k(50000), 0.0);
    }
}
