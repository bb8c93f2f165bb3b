package io.sedstream.sed.igm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.sed.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class Inoue2014Test {
    private final Inoue2014 igm = Inoue2014.load(TestModels.data());

    @Test
    void tablesHaveTheLymanSeries() {
        assertEquals(39, igm.lineCount()); // j = 2..40
    }

    @Test
    void factorisedSumsEqualTheTermByTermSums() {
        for (double z : new double[] {0.5, 2.3, 5.1, 9.7}) {
            for (double lobs = 800; lobs < 1216 * (1 + z); lobs *= 1.013) {
                assertEquals(igm.lymanSeriesLafDirect(lobs, z), igm.lymanSeriesLaf(lobs, z), 1e-12 * (1 + igm.lymanSeriesLafDirect(lobs, z)));
                assertEquals(igm.lymanSeriesDlaDirect(lobs, z), igm.lymanSeriesDla(lobs, z), 1e-12 * (1 + igm.lymanSeriesDlaDirect(lobs, z)));
            }
        }
    }

    @Test
    void noAbsorptionRedwardOfLymanAlpha() {
        for (double z : new double[] {0.1, 3, 7, 12}) {
            assertEquals(1.0, igm.transmission(1216.0 * (1 + z) * 1.001, z), 0.0);
        }
    }

    @Test
    void opaqueBelowTheLymanLimitAtHighRedshift() {
        // rest 800 A at z = 6: the photon stays ionising from z = 6 down to z = 5.1 (just below 912 A rest it
        // would escape the absorbers within a few percent of z, so the edge itself is not opaque)
        assertTrue(igm.transmission(800 * 7, 6) < 1e-4, "T = " + igm.transmission(800 * 7, 6));
        assertTrue(igm.transmission(1100 * 8, 7) < 0.05, "Lyman-alpha forest nearly opaque at z = 7");
    }

    @Test
    void forestTransmissionAgreesWithMadau1995AtRedshiftThree() throws Exception {
        // Cross-check with LePhare's ready-made Madau (1995) transmission at z = 3, mean over 1050-1170 A rest.
        List<String> rows = Files.readAllLines(TestModels.data().file("igm/madau1995/tau30.out"));
        double sumM = 0;
        double sumI = 0;
        int n = 0;
        for (String row : rows) {
            String[] p = row.strip().split("\\s+");
            if (p.length < 2 || p[0].startsWith("#")) {
                continue;
            }
            double lrest = Double.parseDouble(p[0]);
            if (lrest < 1050 || lrest > 1170) {
                continue;
            }
            sumM += Double.parseDouble(p[1]);
            sumI += igm.transmission(lrest * 4, 3.0);
            n++;
        }
        assertTrue(n > 5, "Madau table rows in range: " + n);
        double madau = sumM / n;
        double inoue = sumI / n;
        assertTrue(inoue > 0.55 && inoue < 0.9, "Inoue mean forest transmission at z=3: " + inoue);
        assertEquals(madau, inoue, 0.1, "Madau " + madau + " vs Inoue " + inoue);
    }
}
