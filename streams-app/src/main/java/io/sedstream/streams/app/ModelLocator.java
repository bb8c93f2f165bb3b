package io.sedstream.streams.app;

import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.inference.bundle.ModelIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the bundles to serve: an explicit directory, else the newest shipped version of a named bundle
 * ({@code models/<name>/<version>/}), else (demo only) a fixture.
 */
public final class ModelLocator {

    public static final String DEFAULT_MODEL_NAME = "default";
    /** The second forward model's NPE, M2 of the demo's comparison (issue 5). */
    public static final String SECOND_MODEL_NAME = "delayed-tau";
    /** The evidence network comparing the default model (M1) with delayed-tau (M2). */
    public static final String EVIDENCE_MODEL_NAME = "evidence-default-vs-delayed-tau";
    private static final String MANIFEST = "manifest.json";

    private ModelLocator() {
    }

    /** The newest {@code <root>/default/<version>} holding a manifest.json. */
    public static Optional<Path> newestTrained(Path modelsRoot) {
        return newest(modelsRoot, DEFAULT_MODEL_NAME);
    }

    /** The newest {@code <root>/<name>/<version>} holding a manifest.json, comparing versions part by part. */
    public static Optional<Path> newest(Path modelsRoot, String name) {
        Path dir = modelsRoot.resolve(name);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(dir)) {
            return versions.filter(v -> Files.isRegularFile(v.resolve(MANIFEST)))
                    .max(Comparator.comparing(v -> v.getFileName().toString(), ModelLocator::compareVersions));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list model versions in " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Resolves an explicit bundle directory, failing with a message naming the path when it is not a bundle. */
    public static Path explicit(Path dir) {
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
            throw new IllegalArgumentException("model directory " + dir.toAbsolutePath() + " has no " + MANIFEST
                    + " (expected a bundle: manifest.json + ONNX files)");
        }
        return dir;
    }

    /** Writes the seeded, UNTRAINED default-size fixture bundle into a fresh temporary directory. */
    public static Path writeFixture() throws IOException {
        Path dir = Files.createTempDirectory("sedstream-fixture-model");
        FixtureBundleWriter.write(dir);
        return dir;
    }

    /**
     * Writes a seeded, UNTRAINED NPE fixture labelled {@code name} (e.g. the second model's stand-in),
     * into a fresh temporary directory. The label is only a name: the weights are the fixture's.
     */
    public static Path writeFixture(String name, FixtureBundleWriter.Options options) throws IOException {
        Path dir = Files.createTempDirectory("sedstream-fixture-" + name);
        FixtureBundleWriter.write(dir, options);
        Path file = dir.resolve(MANIFEST);
        Manifest m = ManifestJson.read(file);
        ManifestJson.write(new Manifest(m.formatVersion(), name, m.version(), m.description() + " Labelled '" + name
                + "' to stand in for that model until a trained bundle ships.", m.fixture(), m.bands(), m.features(), m.parameters(),
                m.mixtureComponents(), m.members(), m.provenance()), file);
        return dir;
    }

    /**
     * Writes the seeded, UNTRAINED evidence-network fixture into a fresh temporary directory, labelled
     * as comparing {@code model1Name} with {@code model2Name} (the names are only labels; the weights
     * are the fixture's).
     */
    public static Path writeEvidenceFixture(String model1Name, String model2Name) throws IOException {
        Path dir = Files.createTempDirectory("sedstream-fixture-evidence");
        Manifest m = FixtureBundleWriter.writeEvidence(dir);
        if (!m.model1Name().equals(model1Name) || !m.model2Name().equals(model2Name)) {
            ManifestJson.write(Manifest.evidence(m.formatVersion(), m.name(), m.version(), m.description()
                    + " Labelled as comparing '" + model1Name + "' with '" + model2Name + "'.", m.fixture(),
                    new ModelIdentity(model1Name, m.model1().version(), m.model1().forwardModel()),
                    new ModelIdentity(model2Name, m.model2().version(), m.model2().forwardModel()),
                    m.bands(), m.features(), m.members(), m.provenance()), dir.resolve(MANIFEST));
        }
        return dir;
    }

    /** Natural order of version strings: numeric parts compare as numbers ("1.10" after "1.9"). */
    static int compareVersions(String a, String b) {
        List<String> pa = List.of(a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)"));
        List<String> pb = List.of(b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)"));
        for (int i = 0; i < Math.min(pa.size(), pb.size()); i++) {
            String x = pa.get(i);
            String y = pb.get(i);
            int c;
            if (x.chars().allMatch(Character::isDigit) && y.chars().allMatch(Character::isDigit)) {
                c = new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y));
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.size(), pb.size());
    }
}
