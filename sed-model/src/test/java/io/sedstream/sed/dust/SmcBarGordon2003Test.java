package io.sedstream.sed.dust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmcBarGordon2003Test {
    /** Gordon et al. (2003) tabulated SMC Bar A(x)/A(V) for x = 3.375 - 8.625 um^-1 in steps of 0.25. */
    private static final double[] TABLE_UV = {2.000, 2.220, 2.428, 2.661, 2.947, 3.161, 3.293, 3.489, 3.637, 3.866,
            4.013, 4.243, 4.472, 4.776, 5.000, 5.272, 5.575, 5.795, 6.074, 6.297, 6.436, 6.992};

    @Test
    void vBandIsOneAndAnchorsAreReproduced() {
        assertEquals(1.0, SmcBarGordon2003.relativeAttenuation(5500), 1e-12);
        assertEquals(0.110, SmcBarGordon2003.relativeAttenuation(21980), 1e-9);
        assertEquals(1.374, SmcBarGordon2003.relativeAttenuation(4400), 1e-9);
    }

    @Test
    void ultravioletFormFollowsThePublishedTableWithinSixPercent() {
        // The FM90 form with the paper's parameters is a fit to these noisy points: within 1% at most of them, 5.9% at
        // the worst (8.375 um^-1, where the measured point dips below its neighbours' trend).
        for (int i = 0; i < TABLE_UV.length; i++) {
            double x = 3.375 + 0.25 * i;
            double model = SmcBarGordon2003.relativeAttenuation(1e4 / x);
            assertEquals(TABLE_UV[i], model, 0.06 * TABLE_UV[i], "x = " + x);
        }
    }

    @Test
    void continuousAtTheJoinsAndMonotoneInWavelength() {
        double join = 1e4 / SmcBarGordon2003.UV_START_PER_MICRON;
        assertEquals(SmcBarGordon2003.relativeAttenuation(join * 1.0001), SmcBarGordon2003.relativeAttenuation(join * 0.9999),
                1e-3);
        double prev = Double.POSITIVE_INFINITY;
        for (double l = 912; l < 60000; l *= 1.02) {
            double a = SmcBarGordon2003.relativeAttenuation(l);
            assertTrue(a <= prev + 1e-12 && a >= 0, "at " + l);
            prev = a;
        }
    }

    @Test
    void steeperThanCalzettiInTheUltraviolet() {
        // The point of the second model: at 1500 A the SMC Bar curve gives far more attenuation per A_V.
        assertTrue(SmcBarGordon2003.relativeAttenuation(1500) > 1.5 * Calzetti2000.relativeAttenuation(1500));
    }

    @Test
    void lawsAreSelectedByTheirModelFileName() {
        assertEquals(DustLaw.SMC_BAR_GORDON2003, DustLaw.byName("smc-bar-gordon2003"));
        assertEquals(Calzetti2000.relativeAttenuation(2000), DustLaw.byName("calzetti2000").relativeAttenuation(2000), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DustLaw.byName("mw"));
        assertTrue(e.getMessage().contains("smc-bar-gordon2003"), e.getMessage());
    }
}
