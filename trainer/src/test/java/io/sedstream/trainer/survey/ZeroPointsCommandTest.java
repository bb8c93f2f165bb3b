package io.sedstream.trainer.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.catalogue.ZeroPointOffsets;
import io.sedstream.sed.filter.FilterSet;
import io.sedstream.sed.model.ModelConfig;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.library.LibraryRecord;
import io.sedstream.trainer.testing.SmallSurvey;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zero-points} on a catalogue whose bands carry known offsets (+0.1, -0.1, +0.1, -0.1 mag, the model
 * file's {@code noise.zero_point_offset_mag}), calibrated against a library of the same model without them.
 */
class ZeroPointsCommandTest {
    @TempDir
    static Path work;
    static SmallSurvey survey;
    static Path library;
    static Path catalogue;
    static final double OFFSET_MAG = 0.1;

    @BeforeAll
    static void simulate() throws Exception {
        survey = SmallSurvey.write(work, "zp", SmallSurvey.FOUR_BANDS);
        String text = ModelConfig.load("default").text().replace("prior.redshift = uniform 0.01 14", "prior.redshift = uniform 0.01 3");
        Path clean = work.resolve("clean.model");
        Files.writeString(clean, text.replace("name = default", "name = zp-clean"));
        Path shifted = work.resolve("shifted.model");
        Files.writeString(shifted, text.replace("name = default", "name = zp-shifted") + "\nnoise.zero_point_offset_mag = " + OFFSET_MAG + "\n");
        library = survey.simulate(clean.toString(), 20000, 1, work.resolve("lib"));
        Path observed = survey.simulate(shifted.toString(), 400, 2, work.resolve("observed"));
        catalogue = work.resolve("cat.csv");
        LibraryReader reader = LibraryReader.open(observed);
        List<String> bands = reader.manifest().bands();
        try (BufferedWriter w = Files.newBufferedWriter(catalogue)) {
            StringBuilder h = new StringBuilder("id,z_spec");
            bands.forEach(b -> h.append(',').append(b).append("_flux,").append(b).append("_err"));
            w.write(h.append('\n').toString());
            for (LibraryRecord r : reader) {
                // Every other galaxy without a spectrum: those rows are read and skipped.
                StringBuilder line = new StringBuilder("g" + r.id() + "," + (r.id() % 2 == 0 ? String.format(Locale.ROOT, "%.6f", r.parameters()[0]) : ""));
                for (int b = 0; b < bands.size(); b++) {
                    line.append(String.format(Locale.ROOT, ",%.6g,%.6g", r.observedFluxNJy()[b], r.fluxErrNJy()[b]));
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    @Test
    void theKnownOffsetsAreRecoveredAboutTheirLineInLogWavelength() throws Exception {
        Path out = work.resolve("zp.json");
        SurveyModelCommandTest.Run run = SurveyModelCommandTest.cli("zero-points", "--library", library.toString(), "--catalogue",
                catalogue.toString(), "--out", out.toString(), "--dz", "0.03");
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("200 galaxies with spec-z (400 rows, 0 refused)"), run.out());
        assertTrue(run.out().contains("converged"), run.out());
        ZeroPointOffsets zp = ZeroPointOffsets.read(out);
        // The truth, alternating by band, about its own least-squares line in log10 pivot wavelength.
        FilterSet set = survey.model("default").filters();
        List<String> bands = set.bandNames();
        int n = bands.size();
        double[] x = new double[n];
        double[] t = new double[n];
        for (int b = 0; b < n; b++) {
            x[b] = Math.log10(set.band(b).pivotWavelengthAngstrom());
            t[b] = b % 2 == 0 ? OFFSET_MAG : -OFFSET_MAG;
        }
        double mx = 0;
        double mt = 0;
        for (int b = 0; b < n; b++) {
            mx += x[b] / n;
            mt += t[b] / n;
        }
        double sxx = 0;
        double sxt = 0;
        for (int b = 0; b < n; b++) {
            sxx += (x[b] - mx) * (x[b] - mx);
            sxt += (x[b] - mx) * (t[b] - mt);
        }
        double worst = 0;
        for (int b = 0; b < n; b++) {
            double truth = t[b] - mt - sxt / sxx * (x[b] - mx);
            double got = zp.offsetMagByBand().get(bands.get(b));
            worst = Math.max(worst, Math.abs(got - truth));
        }
        assertTrue(worst < 0.03, "every band within 0.03 mag of its detrended offset (offsets +/-0.1): worst " + worst + " in " + zp);
        assertTrue(Files.readString(out).contains("\"galaxies_with_spec_z\" : 200"));
    }

    @Test
    void aCatalogueWithoutSpectroscopicRedshiftsIsRefusedByName() throws Exception {
        Path noSpecZ = work.resolve("no-specz.csv");
        List<String> lines = Files.readAllLines(catalogue);
        Files.write(noSpecZ, lines.stream().map(l -> l.replaceFirst("^([^,]*),[^,]*,", "$1,")).toList());
        SurveyModelCommandTest.Run run = SurveyModelCommandTest.cli("zero-points", "--library", library.toString(), "--catalogue",
                noSpecZ.toString(), "--out", work.resolve("never.json").toString());
        assertNotEquals(0, run.exit());
        assertTrue(run.out().contains("has no spec-z column (spec_z, z_spec or zspec"), run.out());
        assertTrue(!Files.exists(work.resolve("never.json")));
        SurveyModelCommandTest.Run bad = SurveyModelCommandTest.cli("zero-points", "--library", library.toString(), "--catalogue",
                catalogue.toString(), "--out", work.resolve("never.json").toString(), "--dz", "0.5");
        assertTrue(bad.out().contains("--dz must be in (0, 0.2]"), bad.out());
    }
}
