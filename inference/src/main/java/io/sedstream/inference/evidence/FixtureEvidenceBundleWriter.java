package io.sedstream.inference.evidence;

import io.sedstream.inference.bundle.BandSpec;
import io.sedstream.inference.bundle.FeatureSpec;
import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.inference.bundle.MemberSpec;
import io.sedstream.inference.bundle.Provenance;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.onnx.DenseLayer;
import io.sedstream.inference.onnx.MlpWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the FIXTURE evidence bundle: a classifier MLP with seeded random, UNTRAINED weights on
 * the default {@code jades-gs-14} bands and the NPE fixture's feature standardisation, comparing
 * model 1 {@code default} with model 2 {@code delayed-tau}. Its manifest says
 * {@code "fixture": true} and its name and description say FIXTURE; its ln K values are well-formed
 * numbers (of order a few) that carry no physical information. For tests and the demo.
 */
public final class FixtureEvidenceBundleWriter {
    /** Model 1 of the fixture: the default forward model. */
    public static final ModelIdentity FIXTURE_MODEL1 = new ModelIdentity("default", "fixture", "default");
    /** Model 2 of the fixture: the delayed-tau forward model. */
    public static final ModelIdentity FIXTURE_MODEL2 = new ModelIdentity("delayed-tau", "fixture", "delayed-tau");
    public static final long DEFAULT_SEED = 20261126L;
    private static final int HIDDEN_WIDTH = 64;
    private static final int HIDDEN_LAYERS = 2;

    private FixtureEvidenceBundleWriter() {
    }

    /** Writes the default fixture (2 x 64 SiLU hidden layers, one member, default seed) into {@code directory}. */
    public static EvidenceManifest write(Path directory) throws IOException {
        return write(directory, 1, DEFAULT_SEED);
    }

    /** Writes a fixture with {@code members} equally weighted members drawn from {@code seed}. */
    public static EvidenceManifest write(Path directory, int members, long seed) throws IOException {
        if (members < 1) {
            throw new IllegalArgumentException("members must be at least 1, got " + members);
        }
        List<BandSpec> bands = FixtureBundleWriter.defaultBands();
        FeatureSpec features = FixtureBundleWriter.fixtureFeatures(bands.size(), false);
        int f = FeatureEncoder.featureCount(bands.size(), false);
        SplittableRandom seeds = new SplittableRandom(seed);
        List<MemberSpec> specs = new ArrayList<>();
        Map<String, MlpWeights> nets = new LinkedHashMap<>();
        for (int m = 0; m < members; m++) {
            long memberSeed = seeds.nextLong();
            String file = "member-" + m + ".onnx";
            specs.add(new MemberSpec(file, 1.0 / members, memberSeed));
            nets.put(file, randomClassifier(f, memberSeed));
        }
        EvidenceManifest manifest = new EvidenceManifest(EvidenceManifest.FORMAT_VERSION, "sedstream-evidence-fixture",
                "0.0.0-fixture." + seed,
                "FIXTURE, UNTRAINED: seeded random weights (seed " + seed + ") in a " + HIDDEN_LAYERS + " x " + HIDDEN_WIDTH
                        + " SiLU classifier; its log Bayes factors carry no physical information. For tests and the demo only.",
                true, FIXTURE_MODEL1, FIXTURE_MODEL2, bands, features, specs,
                new Provenance("none (untrained fixture)", LocalDate.of(2026, 11, 26).toString(), Map.of()));
        EvidenceBundleWriter.write(directory, manifest, nets);
        return manifest;
    }

    /** Gaussian weights scaled by fan-in: outputs of order one to a few in ln K. */
    static MlpWeights randomClassifier(int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DenseLayer> layers = new ArrayList<>();
        int in = features;
        for (int l = 0; l < HIDDEN_LAYERS; l++) {
            layers.add(DenseLayer.gaussian(random, in, HIDDEN_WIDTH, 1.5 / Math.sqrt(in), 0.05));
            in = HIDDEN_WIDTH;
        }
        layers.add(DenseLayer.gaussian(random, in, 1, 2.0 / Math.sqrt(in), 0.1));
        return new MlpWeights(layers, Activation.SILU);
    }

    /** {@code FixtureEvidenceBundleWriter <directory> [seed]}; refuses to overwrite a bundle. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: FixtureEvidenceBundleWriter <bundle directory> [seed]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        if (Files.exists(dir.resolve(ManifestJson.FILE_NAME))) {
            System.err.println("refusing to overwrite the bundle at " + dir.toAbsolutePath());
            System.exit(1);
        }
        EvidenceManifest m = write(dir, 1, args.length == 2 ? Long.parseLong(args[1]) : DEFAULT_SEED);
        System.out.println("wrote " + m.label() + " to " + dir.toAbsolutePath());
    }
}
