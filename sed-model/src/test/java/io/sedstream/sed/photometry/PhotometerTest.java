package io.sedstream.sed.photometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sedstream.sed.TestModels;
import io.sedstream.sed.filter.FilterCurve;
import io.sedstream.sed.filter.FilterSet;
import io.sedstream.sed.units.PhysicalConstants;
import org.junit.jupiter.api.Test;

class PhotometerTest {
    private final FilterSet jades = TestModels.jades();
    private final Photometer photometer = TestModels.defaultModel().photometer();

    @Test
    void flatFnuSourceHasTheSameAbMagnitudeInEveryBand() {
        RestFrameGrid g = photometer.grid();
        double[] flat = new double[g.size()];
        java.util.Arrays.fill(flat, 100.0); // 100 nJy = AB 26.4
        for (double z : new double[] {0.01, 1, 3, 7, 14}) {
            for (int b = 0; b < jades.size(); b++) {
                double mag = PhysicalConstants.abMagnitude(photometer.bandAverage(b, flat, z));
                assertEquals(26.4, mag, 0.01, jades.band(b).name() + " at z=" + z);
            }
        }
    }

    @Test
    void powerLawMatchesDirectIntegrationOnTheFilterCurves() {
        // f_nu proportional to lambda^2 (a red source): grid photometry vs trapezoid on the filter's own samples.
        RestFrameGrid g = photometer.grid();
        double z = 1.7;
        double[] spec = new double[g.size()];
        for (int i = 0; i < g.size(); i++) {
            double lobs = g.lambdaAngstrom(i) * (1 + z);
            spec[i] = Math.pow(lobs / 1e4, 2);
        }
        for (int b = 0; b < jades.size(); b++) {
            FilterCurve f = jades.band(b);
            double[] l = f.lambdaAngstrom();
            double[] r = f.throughput();
            double num = 0;
            double den = 0;
            for (int k = 1; k < l.length; k++) {
                double dl = l[k] - l[k - 1];
                num += 0.5 * dl * (r[k] * Math.pow(l[k] / 1e4, 2) / l[k] + r[k - 1] * Math.pow(l[k - 1] / 1e4, 2) / l[k - 1]);
                den += 0.5 * dl * (r[k] / l[k] + r[k - 1] / l[k - 1]);
            }
            double direct = num / den;
            assertEquals(direct, photometer.bandAverage(b, spec, z), 2e-3 * direct, f.name());
        }
    }

    @Test
    void lineFluxIsSpreadOverTheBandWidth() {
        // A line of flux F at the band's pivot adds F lambda R(lambda) / (c int R dln lambda) to f_nu:
        // integrating that back over the band (times c/lambda) returns F.
        FilterCurve f = jades.band(8);
        double lam = f.pivotWavelengthAngstrom();
        double fnu = photometer.lineBandAverage(8, 1e-17, lam);
        double[] l = f.lambdaAngstrom();
        double[] r = f.throughput();
        double intR = 0;
        for (int k = 1; k < l.length; k++) {
            intR += 0.5 * (l[k] - l[k - 1]) * (r[k] / l[k] + r[k - 1] / l[k - 1]);
        }
        double expected = 1e-17 * lam * f.throughputAt(lam) / (PhysicalConstants.C_ANGSTROM_PER_S * intR);
        assertEquals(expected, fnu, 2e-3 * expected);
    }
}
