package io.sedstream.streams.testing;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Seeded, UNTRAINED fixture bundles written by the inference module's writer, once per JVM. */
public final class FixtureModels {

    private static Path defaultBundle;
    private static Path redshiftInputBundle;

    private FixtureModels() {
    }

    /** The default-size fixture (3 x 256 hidden, K = 20, 12 parameters, jades-gs-14). */
    public static synchronized Path defaultBundle() {
        if (defaultBundle == null) {
            defaultBundle = write("sedstream-fixture-default", FixtureBundleWriter.Options.defaults());
        }
        return defaultBundle;
    }

    /** A small fixture that conditions on redshift: records without specZ make the estimator refuse them. */
    public static synchronized Path redshiftInputBundle() {
        if (redshiftInputBundle == null) {
            redshiftInputBundle = write("sedstream-fixture-zin",
                    FixtureBundleWriter.Options.defaults().withSize(32, 2, 3).withRedshiftInput(true));
        }
        return redshiftInputBundle;
    }

    private static void deleteRecursively(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete fixture " + dir + ": " + e.getMessage());
        }
    }

    private static Path write(String prefix, FixtureBundleWriter.Options options) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            FixtureBundleWriter.write(dir, options);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fixture bundle", e);
        }
    }
}
