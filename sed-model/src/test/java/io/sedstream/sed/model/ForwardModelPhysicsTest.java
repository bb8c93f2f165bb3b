package io.sedstream.sed.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.TestModels;
import io.sedstream.sed.sfh.StarFormationHistory;
import io.sedstream.sed.units.PhysicalConstants;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Physical facts the whole forward model must respect (not numbers copied from its own output). */
class ForwardModelPhysicsTest {
    private final ForwardModel model = TestModels.defaultModel();
    private static final int F090W = 5;
    private static final int F115W = 6;

    private double[] draw(SplittableRandom rng) {
        return model.prior().sample(rng);
    }

    @Test
    void oneDexMoreMassIsMinus2point5Magnitudes() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int n = 0; n < 50; n++) {
            double[] free = draw(rng);
            free[model.formedMassIndex()] = 8 + 3 * rng.nextDouble();
            free[model.redshiftIndex()] = 0.5 + 5 * rng.nextDouble();
            double[] f1 = model.simulate(free).fluxNJy();
            free[model.formedMassIndex()] += 1.0;
            double[] f2 = model.simulate(free).fluxNJy();
            for (int b = 0; b < f1.length; b++) {
                if (f1[b] < 1e-3) {
                    continue; // fully absorbed bands carry no magnitude
                }
                double dm = PhysicalConstants.abMagnitude(f2[b]) - PhysicalConstants.abMagnitude(f1[b]);
                assertEquals(-2.5, dm, 0.001, "band " + b);
            }
        }
    }

    /**
     * Lyman break. At z = 7 Lyman-alpha falls at 9725 A, inside the red wing of F090W (7800 - 10400 A, 16% of
     * its photon weight lies redward): F090W keeps at most that part, so F090W/F115W < 0.2 for every galaxy
     * (0.07 - 0.18 measured; the "< 0.1 at z = 7" holds only for red galaxies with these curves); at
     * z = 7.5 the break lies beyond the band and F090W/F115W < 0.1 for every galaxy.
     * At z = 2 there is no break between the two bands.
     */
    @Test
    void lymanBreakAtRedshiftSevenButNotAtTwo() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 40;
        for (int i = 0; i < n; i++) {
            double[] free = draw(rng);
            free[model.avIndex()] = -2; // nearly dust-free so the break is the IGM's, not the dust's
            free[model.redshiftIndex()] = 7.0;
            double[] f7 = model.simulate(free).fluxNJy();
            assertTrue(f7[F090W] / f7[F115W] < 0.2, "z=7 F090W/F115W = " + f7[F090W] / f7[F115W]);
            free[model.redshiftIndex()] = 7.5;
            double[] f75 = model.simulate(free).fluxNJy();
            assertTrue(f75[F090W] / f75[F115W] < 0.1, "z=7.5 F090W/F115W = " + f75[F090W] / f75[F115W]);
            free[model.redshiftIndex()] = 2.0;
            double[] f2 = model.simulate(free).fluxNJy();
            double ratio = f2[F090W] / f2[F115W];
            assertTrue(ratio > 0.3 && ratio < 3, "z=2 F090W/F115W = " + ratio);
        }
    }

    @Test
    void noStarsOlderThanTheUniverse() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] edges = model.ageBinEdgesYr();
        for (int n = 0; n < 300; n++) {
            double[] free = draw(rng);
            double tUniv = model.cosmology().ageYr(free[model.redshiftIndex()]);
            double[] mass = model.formedMassPerBin(free);
            double total = 0;
            for (int k = 0; k < mass.length; k++) {
                if (edges[k] >= tUniv) {
                    assertEquals(0.0, mass[k], 0.0, "bin starting at " + edges[k] + " yr > t_univ " + tUniv);
                }
                total += mass[k];
            }
            double formed = Math.pow(10, free[model.formedMassIndex()]);
            assertEquals(formed, total, 1e-9 * formed, "all formed mass within the age of the Universe");
            StarFormationHistory sfh = model.starFormationHistory(free);
            assertTrue(sfh.oldestAgeYr() <= tUniv * (1 + 1e-12));
        }
    }

    @Test
    void outputsAreConsistentWithEachOther() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int n = 0; n < 300; n++) {
            double[] free = draw(rng);
            double[] o = model.simulate(free).outputParameters();
            double z = o[0];
            assertEquals(free[model.redshiftIndex()], z, 0);
            assertTrue(o[2] < o[1] && o[2] > o[1] + Math.log10(0.4), "surviving < formed, > 40% of it: " + o[2] + " vs " + o[1]);
            assertTrue(o[7] < o[8] && o[8] < o[9], "t25 < t50 < t75");
            double tUniv = model.cosmology().ageYr(z);
            assertTrue(Math.pow(10, o[10]) < tUniv, "mass-weighted age below the age of the Universe");
            // SFR over 100 Myr cannot exceed all the mass formed in 100 Myr
            assertTrue(o[5] <= o[1] - 8 + 1e-9, "SFR100 " + o[5]);
            assertTrue(o[11] > -3.5 && o[11] < 5, "beta " + o[11]);
        }
    }

    @Test
    void youngDustFreePopulationsAreBlueAndDustReddensThem() {
        double[] free = draw(new SplittableRandom(6));
        free[model.redshiftIndex()] = 3;
        free[4] = -7.5; // log sSFR: strongly star-forming
        free[model.avIndex()] = -3;
        double beta0 = model.simulate(free).outputParameters()[11];
        assertTrue(beta0 < -2.0 && beta0 > -3.0, "young dust-free beta = " + beta0);
        free[model.avIndex()] = 0; // A_V = 1
        double beta1 = model.simulate(free).outputParameters()[11];
        // Calzetti: A_lambda/A_V falls from ~3 to ~2 over 1270-2580 A, so A_V = 1 reddens beta by about +1
        assertTrue(beta1 - beta0 > 0.6 && beta1 - beta0 < 1.6, "delta beta for A_V = 1: " + (beta1 - beta0));
    }

    @Test
    void sameInputSameOutputBitForBit() {
        double[] free = draw(new SplittableRandom(7));
        ForwardModel.Workspace ws = model.newWorkspace();
        double[] a = new double[14];
        double[] b = new double[14];
        double[] pa = new double[12];
        double[] pb = new double[12];
        model.simulate(free, ws, a, pa);
        model.simulate(draw(new SplittableRandom(8)), ws, b, pb); // dirty the workspace
        model.simulate(free, ws, b, pb);
        assertArrayEquals(a, b, 0.0);
        assertArrayEquals(pa, pb, 0.0);
    }

    @Test
    void refusesParametersOutsideTheModel() {
        double[] free = draw(new SplittableRandom(9));
        free[model.metallicityIndex()] = Math.log10(0.05);
        assertThrows(IllegalArgumentException.class, () -> model.simulate(free));
        free[model.metallicityIndex()] = -2;
        free[model.redshiftIndex()] = 20;
        assertThrows(IllegalArgumentException.class, () -> model.simulate(free));
    }
}
