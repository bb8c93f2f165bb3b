package io.sedstream.trainer.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.catalogue.ColumnMap;
import io.sedstream.sed.noise.EmpiricalNoiseModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseModelsTest {

    /** A survey-style catalogue: quoted ids with commas, ra/dec, an unreadable cell; the fit reads it through the catalogue reader. */
    @Test
    void fitsTheNoiseOfACatalogueAsAstronomersWriteIt(@TempDir Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("\uFEFFid,ra,dec,x.a_flux,x.a_err\n");
        for (int i = 0; i < 2000; i++) {
            double err = 4.0 * Math.pow(10, 0.05 * rng.nextGaussian());
            csv.append("\"GS, ").append(i).append("\",53.1,-27.8,").append(err * rng.nextGaussian()).append(',').append(err).append('\n');
        }
        csv.append("\"GS, bad\",53.1,-27.8,abc,1\n");
        Path cat = dir.resolve("survey.csv");
        Files.writeString(cat, csv);
        EmpiricalNoiseModel m = (EmpiricalNoiseModel) NoiseModels.resolve(cat.toString(), List.of("x.a"), dir);
        assertEquals(Math.log10(4.0), m.log10ErrorAt(0, 0.0)[0], 0.02);
        assertTrue(Files.isRegularFile(dir.resolve("noise-model.json")));
    }

    @Test
    void anEazyCatalogueIsConvertedFromItsZeroPointAndItsMissingBandIsNamed(@TempDir Path dir) throws Exception {
        StringBuilder cat = new StringBuilder("# id f_x.a e_x.a z_spec\n");
        for (int i = 0; i < 500; i++) {
            cat.append(i).append(' ').append(i % 7 == 0 ? "-99" : "0.01").append(' ').append(i % 7 == 0 ? "-99" : "0.002").append(" -1\n");
        }
        Path f = dir.resolve("eazy.cat");
        Files.writeString(f, cat);
        // uJy catalogue (zero point 23.9): an error of 0.002 uJy is 2 nJy.
        EmpiricalNoiseModel m = (EmpiricalNoiseModel) NoiseModels.resolve(f.toString(), ColumnMap.resolve("eazy", 23.9), List.of("x.a"), null);
        assertEquals(Math.log10(2.0), m.log10ErrorAt(0, 10.0)[0], 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoiseModels.resolve(f.toString(), ColumnMap.resolve("eazy", 23.9), List.of("x.a", "x.b"), null));
        assertTrue(e.getMessage().contains("[x.b]"), e.getMessage());
    }
}
