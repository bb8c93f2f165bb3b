package io.sedstream.sed.cosmology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CosmologyTest {
    private final Cosmology planck = Cosmology.planck18();

    @Test
    void luminosityDistanceAtRedshiftOneIsPlanck18() {
        // astropy Planck18.luminosity_distance(1) = 6791 Mpc
        assertEquals(6791.0, planck.luminosityDistanceMpc(1.0), 0.005 * 6791.0);
    }

    @Test
    void ageOfTheUniverseTodayIsPlanck18() {
        // Planck 2018 / astropy Planck18: t0 = 13.787 Gyr
        assertEquals(13.79, planck.ageGyr(0.0), 0.005 * 13.79);
    }

    @Test
    void ageFallsAndDistanceGrowsWithRedshift() {
        double prevAge = Double.POSITIVE_INFINITY;
        double prevDl = -1;
        for (double z = 0; z <= 20; z += 0.25) {
            assertTrue(planck.ageGyr(z) < prevAge);
            assertTrue(planck.luminosityDistanceMpc(z) > prevDl);
            prevAge = planck.ageGyr(z);
            prevDl = planck.luminosityDistanceMpc(z);
        }
        // matter era: t(z) ~ (2/3) t_H / sqrt(Om) (1+z)^-1.5, within 2% at z = 10
        double tH = 977.8 / 67.66; // Gyr
        double approx = 2.0 / 3.0 * tH / Math.sqrt(planck.omegaMatter()) * Math.pow(11, -1.5);
        assertEquals(approx, planck.ageGyr(10), 0.02 * approx);
    }

    @Test
    void refusesRedshiftsOutsideTheTable() {
        assertThrows(IllegalArgumentException.class, () -> planck.ageGyr(-0.1));
        assertThrows(IllegalArgumentException.class, () -> planck.luminosityDistanceMpc(100));
    }
}
