package io.sedstream.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLocatorTest {

    @Test
    void picksTheNewestVersionThatHasAManifest(@TempDir Path root) throws Exception {
        for (String v : new String[] {"1.9.0", "1.10.0", "2.0.0"}) {
            Files.createDirectories(root.resolve("default").resolve(v));
        }
        Files.writeString(root.resolve("default/1.9.0/manifest.json"), "{}");
        Files.writeString(root.resolve("default/1.10.0/manifest.json"), "{}");
        // 2.0.0 has no manifest: not a bundle, skipped
        assertEquals(root.resolve("default/1.10.0"), ModelLocator.newestTrained(root).orElseThrow());
    }

    @Test
    void anyNamedBundleIsFoundTheSameWay(@TempDir Path root) throws Exception {
        for (String v : new String[] {"0.9", "0.10"}) {
            Files.createDirectories(root.resolve("delayed-tau").resolve(v));
            Files.writeString(root.resolve("delayed-tau").resolve(v).resolve("manifest.json"), "{}");
        }
        assertEquals(root.resolve("delayed-tau/0.10"), ModelLocator.newest(root, ModelLocator.SECOND_MODEL_NAME).orElseThrow());
        assertTrue(ModelLocator.newest(root, ModelLocator.EVIDENCE_MODEL_NAME).isEmpty());
        assertTrue(ModelLocator.newestTrained(root).isEmpty(), "the default model is looked up under its own name only");
    }

    @Test
    void noModelsDirectoryMeansNoTrainedModel(@TempDir Path root) {
        assertTrue(ModelLocator.newestTrained(root).isEmpty());
    }

    @Test
    void anExplicitDirectoryWithoutManifestIsRefusedNamingIt(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelLocator.explicit(dir));
        assertTrue(e.getMessage().contains(dir.toString()));
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(ModelLocator.compareVersions("v2", "v10") < 0);
        assertTrue(ModelLocator.compareVersions("2026-05-01", "2026-04-30") > 0);
        assertEquals(0, ModelLocator.compareVersions("1.0", "1.0"));
    }
}
