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

    @Test
    void thePopulationModelsMagnitudeLimitHoldsForEveryGalaxyAndTheRecipeIsRecorded(@TempDir Path tmp) throws Exception {
        Path dir = Path.of("src/test/resources/surveys/hdfn");
        Path out = tmp.resolve("lib");
        assertEquals(0, run("simulate", "--n", "400", "--seed", "8", "--out", out.toString(), "--threads", "2",
                "--model", dir.resolve("population-z7.model").toString(), "--filters", dir.resolve("hdfn-7.filters").toString(),
                "--noise", dir.resolve("hdfn-depths.txt").toString(), "--no-progress"));
        LibraryReader lib = LibraryReader.open(out);
        int band = lib.manifest().bands().indexOf("hst.wfpc2.f814w");
        double limitNJy = io.sedstream.sed.units.PhysicalConstants.fluxNJyFromAb(26.0);
        int n = 0;
        int fainterNoiseless = 0;
        for (io.sedstream.trainer.library.LibraryRecord r : lib) {
            assertTrue(r.observedFluxNJy()[band] >= limitNJy, "galaxy " + r.id() + " observed F814W "
                    + r.observedFluxNJy()[band] + " nJy below the 26 AB limit " + limitNJy);
            if (r.fluxNJy()[band] < limitNJy) {
                fainterNoiseless++; // scattered up by the noise: selection is on the measured flux, as in a survey
            }
            n++;
        }
        assertEquals(400, n);
        assertTrue(fainterNoiseless < 100, fainterNoiseless + " of 400 kept galaxies are intrinsically fainter than the limit");
        String selection = lib.manifest().selection();
        assertTrue(selection != null && selection.startsWith("observed hst.wfpc2.f814w <= 26.0 AB: 400 kept of "), selection);
        long drawn = Long.parseLong(selection.replaceAll(".* kept of (\\d+) drawn.*", "$1"));
        assertTrue(drawn > 800, "the limit rejected most prior draws: " + selection);
        assertTrue(lib.manifest().noiseModel().contains("template error 0.050 of the flux, zero-point jitter 0.040 mag"),
                lib.manifest().noiseModel());
        assertTrue(lib.manifest().prior().get(0).distribution().startsWith("population leja2020-speagle2014"));
        assertTrue(lib.manifest().modelConfig().contains("population = leja2020-speagle2014"));
    }
}
