package io.sedstream.sed.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataRootTest {
    @Test
    void resolvesTheSharedDataFromTheSurefireProperty() {
        DataRoot root = DataRoot.resolve();
        assertTrue(Files.isDirectory(root.path().resolve("filters/sedpy")), "surefire points at ../shared/data");
    }

    @Test
    void missingDirectoryNamesThePath() {
        Path missing = Path.of("/nonexistent/sedstream-data");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataRoot.resolve(missing));
        assertTrue(e.getMessage().contains("/nonexistent/sedstream-data"), e.getMessage());
    }

    @Test
    void missingFileNamesThePath() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataRoot.resolve().file("no/such.file"));
        assertTrue(e.getMessage().contains("no/such.file"), e.getMessage());
    }
}
