package io.sedstream.inference.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.Estimator;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.features.BandFlux;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureBundleSmokeTest {
    @TempDir
    Path dir;

    @Test
    void fixtureLoadsAndEstimates() throws Exception {
        Manifest m = FixtureBundleWriter.write(dir);
        assertTrue(m.fixture());
        try (Estimator est = Estimator.load(dir)) {
            List<BandFlux> phot = new ArrayList<>();
            for (String b : FixtureBundleWriter.JADES_GS_14) {
                phot.add(BandFlux.observed(b, 30.0, 3.0));
            }
            phot.set(3, BandFlux.missing(FixtureBundleWriter.JADES_GS_14.get(3)));
            PosteriorResult r = est.estimate(phot);
            assertEquals(12, r.parameters().size());
            assertTrue(r.fixture());
            System.out.println(r);
        }
    }
}
