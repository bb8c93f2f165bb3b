package io.sedstream.streams.testing;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.streams.app.ModelLocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Seeded, UNTRAINED fixture bundles written by the inference module's writer, once per JVM. */
public final class FixtureModels {

    private static Path defaultBundle;
    private static Path redshiftInputBundle;
    private static Path secondModelBundle;
    private static Path secondModelNeedingRedshift;
    private static Path evidenceBundle;

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

    /** Name of the primary fixtures' manifests (what the evidence fixture must call model 1). */
    public static final String PRIMARY_NAME = "sedstream-fixture";

    /** A small NPE fixture labelled as the second model, {@code delayed-tau} (32 x 2 hidden, K = 3, 12 parameters). */
    public static synchronized Path secondModelBundle() {
        if (secondModelBundle == null) {
            secondModelBundle = labelled(ModelLocator.SECOND_MODEL_NAME, FixtureBundleWriter.Options.defaults().withSize(32, 2, 3).withSeed(7));
        }
        return secondModelBundle;
    }

    /** The second model's fixture conditioning on redshift: it refuses records without specZ. */
    public static synchronized Path secondModelNeedingRedshift() {
        if (secondModelNeedingRedshift == null) {
            secondModelNeedingRedshift = labelled(ModelLocator.SECOND_MODEL_NAME,
                    FixtureBundleWriter.Options.defaults().withSize(32, 2, 3).withSeed(8).withRedshiftInput(true));
        }
        return secondModelNeedingRedshift;
    }

    /** The evidence-network fixture, labelled as comparing the primary fixtures with {@link #secondModelBundle()}. */
    public static synchronized Path evidenceBundle() {
        if (evidenceBundle == null) {
            try {
                evidenceBundle = ModelLocator.writeEvidenceFixture(PRIMARY_NAME, ModelLocator.SECOND_MODEL_NAME);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write evidence fixture", e);
            }
            deleteOnExit(evidenceBundle);
        }
        return evidenceBundle;
    }

    private static Path labelled(String name, FixtureBundleWriter.Options options) {
        try {
            return deleteOnExit(ModelLocator.writeFixture(name, options));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fixture bundle " + name, e);
        }
    }

    private static Path deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
        return dir;
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
