package io.sedstream.inference.misfit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.EstimateOptions;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.bundle.InvalidModelBundleException;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.features.BandFlux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle that names a misfit model serves its score and p-value; one without still loads; a broken one is refused. */
class MisfitBundleTest {
    @TempDir
    Path dir;

    private static MisfitModel unitModel(int n) {
        double[] cov = new double[n * n];
        for (int i = 0; i < n; i++) {
            cov[i * n + i] = 1.0;
        }
        double[][] tables = new double[n][];
        long[] counts = new long[n];
        for (int c = 1; c <= n; c++) {
            // For a unit Gaussian, -ln p = c/2 ln(2 pi) + chi2_c / 2: a table spanning its bulk is enough here.
            double base = 0.5 * c * Math.log(2 * Math.PI);
            tables[c - 1] = new double[] {base, base + 0.5 * c, base + c, base + 3 * c};
            counts[c - 1] = 1000;
        }
        return new MisfitModel(FixtureBundleWriter.JADES_GS_14, new double[] {1.0}, new double[][] {new double[n]}, new double[][] {cov},
                tables, counts);
    }

    private Path bundleWithMisfit(String name) throws Exception {
        Path b = dir.resolve(name);
        FixtureBundleWriter.write(b);
        MisfitJson.write(unitModel(14), Map.of(), b.resolve("misfit.json"));
        Manifest m = ManifestJson.read(b.resolve(ManifestJson.FILE_NAME));
        ManifestJson.write(m.withMisfitFile("misfit.json"), b.resolve(ManifestJson.FILE_NAME));
        return b;
    }

    private static List<BandFlux> photometry(double fluxNJy) {
        List<BandFlux> phot = new ArrayList<>();
        for (String band : FixtureBundleWriter.JADES_GS_14) {
            phot.add(BandFlux.observed(band, fluxNJy, 0.1 * fluxNJy + 1));
        }
        return phot;
    }

    @Test
    void theEstimatorReportsTheScoreOfTheEncodedMagnitudes() throws Exception {
        Path b = bundleWithMisfit("with");
        try (Estimator est = Estimator.load(b)) {
            assertTrue(est.bundle().misfit().isPresent());
            assertEquals("misfit.json", est.manifest().misfitFile());
            List<BandFlux> phot = photometry(30);
            phot.set(3, BandFlux.missing(FixtureBundleWriter.JADES_GS_14.get(3)));
            PosteriorResult r = est.estimate(phot, null, EstimateOptions.summariesOnly());
            MisfitResult fit = r.misfit();
            assertEquals(13, fit.observedBands());
            double[] features = new double[est.manifest().featureCount()];
            est.bundle().encoder().encode(phot, null, features, 0);
            double q = 0;
            for (int band = 0; band < 14; band++) {
                if (band != 3) {
                    q += features[band] * features[band];
                }
            }
            assertEquals(0.5 * 13 * Math.log(2 * Math.PI) + 0.5 * q, fit.score(), 1e-9, "-ln N(m; 0, I) over the 13 observed bands");
            assertEquals(est.bundle().misfit().get().pValue(fit.score(), 13), fit.pValue(), 0.0);
            // All bands (the scorer's cached factors): the direct score over all 14.
            List<BandFlux> full = photometry(30);
            est.bundle().encoder().encode(full, null, features, 0);
            boolean[] all = new boolean[14];
            java.util.Arrays.fill(all, true);
            MisfitResult fullFit = est.estimate(full, null, EstimateOptions.summariesOnly()).misfit();
            assertEquals(14, fullFit.observedBands());
            assertEquals(est.bundle().misfit().get().score(features, 0, all), fullFit.score(), 1e-12);
            // Batched: the same.
            var batch = est.estimateBatch(List.of(new Estimator.BatchItem(phot, null, EstimateOptions.summariesOnly())));
            assertEquals(fit.score(), batch.get(0).result().misfit().score(), 1e-12);
        }
    }

    @Test
    void aBundleWithoutAMisfitModelStillLoads() throws Exception {
        Path b = dir.resolve("without");
        FixtureBundleWriter.write(b);
        try (Estimator est = Estimator.load(b)) {
            assertFalse(est.bundle().misfit().isPresent());
            assertNull(est.manifest().misfitFile());
            assertNull(est.estimate(photometry(30)).misfit());
        }
    }

    @Test
    void aMissingOrMalformedMisfitModelIsRefusedAtLoadWithTheReason() throws Exception {
        Path b = bundleWithMisfit("broken");
        Files.writeString(b.resolve("misfit.json"), Files.readString(b.resolve("misfit.json")).replace("\"weight\" : 1.0", "\"weight\" : 0.5"));
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(b));
        assertTrue(e.getMessage().contains("misfit.json") && e.getMessage().contains("weights sum to"), e.getMessage());
        Files.delete(b.resolve("misfit.json"));
        e = assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(b));
        assertTrue(e.getMessage().contains("misfit model file missing"), e.getMessage());
        Manifest m = ManifestJson.read(b.resolve(ManifestJson.FILE_NAME));
        e = assertThrows(InvalidModelBundleException.class, () -> m.withMisfitFile("../elsewhere.json"));
        assertTrue(e.getMessage().contains("misfit.file must be a plain file name"), e.getMessage());
        String text = Files.readString(b.resolve(ManifestJson.FILE_NAME)).replace("\"misfit\" : {", "\"misfit\" : { \"other\" : 1,")
                .replace("\"file\" : \"misfit.json\"", "\"file\" : 3");
        e = assertThrows(InvalidModelBundleException.class, () -> ManifestJson.parse(text));
        assertTrue(e.getMessage().contains("misfit.file"), e.getMessage());
    }
}
