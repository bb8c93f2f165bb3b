package io.sedstream.inference.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.Estimator;
import io.sedstream.inference.evidence.EvidenceNetwork;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.onnx.SessionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every bundle shipped in {@code models/} (both kinds) is read by the one manifest reader, written
 * back by the one writer to exactly its file's text, loaded by the one loader with its kind, and
 * served.
 */
class ShippedBundlesTest {
    private static final Path MODELS = Path.of("..", "models");

    private static List<Path> shippedBundles() throws IOException {
        try (Stream<Path> files = Files.walk(MODELS, 3)) {
            return files.filter(p -> p.getFileName().toString().equals(ManifestJson.FILE_NAME)).map(Path::getParent).sorted().toList();
        }
    }

    private static List<BandFlux> photometry(Manifest m) {
        List<BandFlux> phot = new ArrayList<>();
        for (String band : m.bandNames()) {
            phot.add(BandFlux.observed(band, 25, 3));
        }
        return phot;
    }

    @Test
    void everyShippedBundleRoundTripsAndLoadsThroughTheSharedCode() throws IOException {
        List<Path> bundles = shippedBundles();
        assertEquals(3, bundles.size(), "shipped bundles: " + bundles);
        int posterior = 0;
        int evidence = 0;
        for (Path dir : bundles) {
            Path file = dir.resolve(ManifestJson.FILE_NAME);
            Manifest m = ManifestJson.readAny(file);
            assertEquals(Files.readString(file), ManifestJson.toJson(m), dir.toString());
            try (ModelBundle bundle = ModelBundle.load(dir, SessionConfig.defaults(), m.kind())) {
                assertEquals(m, bundle.manifest(), dir.toString());
            }
            if (m.kind() == BundleKind.POSTERIOR_ESTIMATOR) {
                posterior++;
                try (Estimator e = Estimator.load(dir)) {
                    assertEquals(m.parameterCount(), e.estimate(photometry(m)).parameters().size());
                }
            } else {
                evidence++;
                try (EvidenceNetwork net = EvidenceNetwork.load(dir)) {
                    assertTrue(Double.isFinite(net.evaluate(photometry(m)).lnBayesFactor()), dir.toString());
                }
            }
        }
        assertEquals(2, posterior);
        assertEquals(1, evidence);
    }
}
