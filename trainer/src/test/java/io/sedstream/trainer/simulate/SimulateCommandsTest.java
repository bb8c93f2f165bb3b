package io.sedstream.trainer.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.trainer.TrainerCli;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.testing.PlotAssertions;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandsTest {

    private static int run(String... args) {
        CommandLine cl = new CommandLine(new TrainerCli());
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void simulateWritesALibraryFromTheCommandLine(@TempDir Path tmp) {
        Path out = tmp.resolve("lib");
        assertEquals(0, run("simulate", "--n", "300", "--seed", "7", "--out", out.toString(), "--threads", "2",
                "--chunk-size", "128", "--noise", "medium", "--no-progress"));
        LibraryReader lib = LibraryReader.open(out);
        assertEquals(300, lib.size());
        assertEquals(3, lib.manifest().chunks().size());
        assertTrue(lib.manifest().noiseModel().contains("medium"));
        // existing library: refused without --overwrite, replaced with it
        assertNotEquals(0, run("simulate", "--n", "10", "--seed", "7", "--out", out.toString(), "--no-progress"));
        assertEquals(0, run("simulate", "--n", "10", "--seed", "7", "--out", out.toString(), "--no-progress", "--overwrite"));
        assertEquals(10, LibraryReader.open(out).size());
    }

    @Test
    void badArgumentsFail(@TempDir Path tmp) {
        assertNotEquals(0, run("simulate", "--n", "0", "--seed", "3", "--out", tmp.toString(), "--no-progress"));
        assertNotEquals(0, run("simulate", "--n", "5", "--seed", "3", "--out", tmp.toString(), "--model", "no-such-model", "--no-progress"));
        assertNotEquals(0, run("simulate", "--n", "5", "--seed", "3", "--out", tmp.toString(), "--noise", "no-such-noise", "--no-progress"));
        // No default seed (issue 13: the old default, 1, was the shipped model's training seed).
        assertNotEquals(0, run("simulate", "--n", "5", "--out", tmp.resolve("unseeded").toString(), "--no-progress"));
        assertFalse(Files.exists(tmp.resolve("unseeded")), "nothing written without a seed");
    }

    @Test
    void simulateFitsAnEmpiricalNoiseModelFromACatalogue(@TempDir Path tmp) throws Exception {
        var bands = io.sedstream.sed.filter.FilterSets.load("jades-gs-14", io.sedstream.sed.data.DataRoot.resolve()).bandNames();
        StringBuilder csv = new StringBuilder("id");
        for (String b : bands) {
            csv.append(',').append(b).append("_flux,").append(b).append("_err");
        }
        csv.append('\n');
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < 300; i++) {
            csv.append(i);
            for (int b = 0; b < bands.size(); b++) {
                double f = Math.pow(10, 3 * rng.nextDouble());
                csv.append(',').append(f).append(',').append(Math.hypot(3, 0.05 * f));
            }
            csv.append('\n');
        }
        Path cat = tmp.resolve("catalogue.csv");
        Files.writeString(cat, csv);
        Path out = tmp.resolve("lib");
        assertEquals(0, run("simulate", "--n", "50", "--seed", "5", "--out", out.toString(), "--noise", cat.toString(), "--no-progress"));
        assertTrue(Files.isRegularFile(out.resolve("noise-model.json")));
        assertTrue(LibraryReader.open(out).manifest().noiseModel().startsWith("empirical:"));
    }

    @Test
    void previewWritesAPng(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("preview.png");
        assertEquals(0, run("preview", "--out", png.toString(), "--redshifts", "2,7"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(2 * 820, img.getWidth(), "two panels side by side");
        PlotAssertions.assertDrawnPlot(png);
        // the spectra and the noisy band fluxes, in their own colours
        PlotAssertions.assertColourDrawn(png, SedPlot.SPECTRUM, 1500);
        PlotAssertions.assertColourDrawn(png, SedPlot.NOISY, 400);
    }
}
