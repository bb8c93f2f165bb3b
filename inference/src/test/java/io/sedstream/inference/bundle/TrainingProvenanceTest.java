package io.sedstream.inference.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training-library identities in a manifest's provenance (issue 13: held-out means held out). */
class TrainingProvenanceTest {
    @Test
    void shippedBundlesNameTheLibrariesTheyWereTrainedOn() {
        Provenance p = ManifestJson.read(Path.of("../models/default/1.2.0/manifest.json")).provenance();
        assertEquals(List.of(new Provenance.TrainingLibraryId("default", 1)), p.trainingLibraries());
        assertTrue(p.trainedOn("default", 1));
        assertFalse(p.trainedOn("default", 9001), "the held-out seed of the shipped report");
        assertFalse(p.trainedOn("delayed-tau", 1), "same seed, other forward model: other galaxies");
    }

    @Test
    void roundTripsAndRefusesMalformedEntries(@TempDir Path dir) throws IOException {
        Path bundle = dir.resolve("b");
        FixtureBundleWriter.write(bundle);
        Path file = bundle.resolve(ManifestJson.FILE_NAME);
        Manifest m = ManifestJson.read(file);
        assertEquals(List.of(), m.provenance().trainingLibraries(), "fixtures and older bundles name none");
        Manifest withLibraries = new Manifest(m.formatVersion(), m.name(), m.version(), m.description(), m.fixture(), m.bands(),
                m.features(), m.parameters(), m.mixtureComponents(), m.members(),
                new Provenance("lib", "2026-12-02", m.provenance().metrics(), List.of(new Provenance.TrainingLibraryId("default", 42))));
        ManifestJson.write(withLibraries, file);
        assertTrue(ManifestJson.read(file).provenance().trainedOn("default", 42));
        Files.writeString(file, Files.readString(file).replace("\"seed\" : 42", "\"seed\" : \"forty-two\""));
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class, () -> ManifestJson.read(file));
        assertTrue(e.getMessage().contains("provenance.trainingLibraries[0].seed"), e.getMessage());
    }
}
