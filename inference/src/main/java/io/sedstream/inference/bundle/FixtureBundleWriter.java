package io.sedstream.inference.bundle;

import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.onnx.DenseLayer;
import io.sedstream.inference.onnx.MlpWeights;
import io.sedstream.inference.onnx.OnnxMlpWriter;
import io.sedstream.inference.posterior.MixtureLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the FIXTURE bundles of both kinds, for tests and the demo: an MLP mixture-density network of
 * the default size ({@link #write}) and an evidence-network classifier comparing model 1
 * {@code default} with model 2 {@code delayed-tau} ({@link #writeEvidence}), both with seeded
 * random, UNTRAINED weights on the default {@code jades-gs-14} bands and the same feature
 * standardisation. Their manifests say {@code "fixture": true} and their descriptions say they are
 * untrained; their posteriors and ln K values are well-formed numbers that carry no physical
 * information.
 */
public final class FixtureBundleWriter {
    /** The default band set {@code jades-gs-14}, in order (cross-module contract). */
    public static final List<String> JADES_GS_14 = List.of(
            "hst.acs.f435w", "hst.acs.f606w", "hst.acs.f775w", "hst.acs.f814w", "hst.acs.f850lp",
            "jwst.nircam.f090w", "jwst.nircam.f115w", "jwst.nircam.f150w", "jwst.nircam.f200w",
            "jwst.nircam.f277w", "jwst.nircam.f335m", "jwst.nircam.f356w", "jwst.nircam.f410m", "jwst.nircam.f444w");

    /**
     * Plausible 5-sigma point-source depths (AB) for the fixture's softenings, JADES GOODS-S-like
     * (order of the depths reported by Eisenstein et al. 2023, JADES survey paper); b is the flux
     * at this depth, i.e. 5 x the 1-sigma error, synference's softening rule. Illustrative only.
     */
    private static final double[] FIXTURE_DEPTH_5SIGMA_AB = {
        28.8, 29.1, 28.7, 28.5, 28.3, 29.3, 29.6, 29.7, 29.8, 30.1, 29.6, 30.1, 29.6, 29.9};

    /** The default model's 12 parameters with units and fixture prior bounds (synference-like priors). */
    // The forward model's output table (sed-model's OutputParameter: names, order, units) with the fixture's
    // own prior boxes. A copy because inference does not depend on sed-model (a served bundle's manifest is
    // its contract); trainer's FixtureBundleParametersTest keeps it equal to the table.
    private static final List<ParameterSpec> DEFAULT_PARAMETERS = List.of(
            uniform("redshift", "dimensionless", 0.01, 14.0),
            uniform("log10_formed_mass", "log10 Msun", 4.0, 12.0),
            uniform("log10_surviving_mass", "log10 Msun", 3.5, 12.0),
            uniform("log10_metallicity", "log10 (absolute Z)", -4.0, -1.39),
            uniform("log10_av", "log10 mag", -3.0, 0.7),
            uniform("log10_sfr_100myr", "log10 Msun/yr", -8.0, 5.0),
            uniform("log10_sfr_10myr", "log10 Msun/yr", -8.0, 5.0),
            uniform("t25", "fraction of the age of the Universe at z", 0.0, 1.0),
            uniform("t50", "fraction of the age of the Universe at z", 0.0, 1.0),
            uniform("t75", "fraction of the age of the Universe at z", 0.0, 1.0),
            uniform("log10_mass_weighted_age", "log10 yr", 6.0, 10.2),
            uniform("beta_uv", "dimensionless", -4.0, 2.0));

    /**
     * Fixture shape and seed.
     *
     * @param hiddenWidth  width of each hidden layer (default 256)
     * @param hiddenLayers number of hidden layers (default 3)
     * @param components   mixture components K (default 20)
     * @param members      ensemble members (default 1)
     */
    public record Options(int hiddenWidth, int hiddenLayers, int components, int members, Activation activation,
            boolean redshiftInput, long seed) {
        public Options {
            if (hiddenWidth < 1 || hiddenLayers < 0 || components < 1 || members < 1) {
                throw new IllegalArgumentException("fixture sizes must be positive: width " + hiddenWidth + ", layers "
                        + hiddenLayers + ", components " + components + ", members " + members);
            }
        }

        /** The default size of the project: three 256-wide hidden layers, K = 20, one member. */
        public static Options defaults() {
            return new Options(256, 3, 20, 1, Activation.SILU, false, 20260401L);
        }

        public Options withMembers(int n) {
            return new Options(hiddenWidth, hiddenLayers, components, n, activation, redshiftInput, seed);
        }

        public Options withSeed(long s) {
            return new Options(hiddenWidth, hiddenLayers, components, members, activation, redshiftInput, s);
        }

        public Options withSize(int width, int layers, int k) {
            return new Options(width, layers, k, members, activation, redshiftInput, seed);
        }

        public Options withRedshiftInput(boolean z) {
            return new Options(hiddenWidth, hiddenLayers, components, members, activation, z, seed);
        }
    }

    /** Model 1 of the evidence fixture: the default forward model. */
    public static final ModelIdentity EVIDENCE_MODEL1 = new ModelIdentity("default", "fixture", "default");
    /** Model 2 of the evidence fixture: the delayed-tau forward model. */
    public static final ModelIdentity EVIDENCE_MODEL2 = new ModelIdentity("delayed-tau", "fixture", "delayed-tau");
    public static final long EVIDENCE_DEFAULT_SEED = 20261126L;
    private static final int EVIDENCE_HIDDEN_WIDTH = 64;
    private static final int EVIDENCE_HIDDEN_LAYERS = 2;

    private FixtureBundleWriter() {
    }

    private static ParameterSpec uniform(String name, String unit, double lo, double hi) {
        // Standardise as a uniform prior would: centre and std (hi - lo) / sqrt(12).
        return new ParameterSpec(name, unit, lo, hi, 0.5 * (lo + hi), (hi - lo) / Math.sqrt(12.0));
    }

    /** The 12 default parameters with the fixture's prior bounds and standardisation. */
    public static List<ParameterSpec> defaultParameters() {
        return DEFAULT_PARAMETERS;
    }

    /** The 14 jades-gs-14 bands with the fixture's softenings. */
    public static List<BandSpec> defaultBands() {
        List<BandSpec> bands = new ArrayList<>();
        for (int i = 0; i < JADES_GS_14.size(); i++) {
            bands.add(new BandSpec(JADES_GS_14.get(i), Math.pow(10.0, -0.4 * (FIXTURE_DEPTH_5SIGMA_AB[i] - 31.4))));
        }
        return bands;
    }

    /**
     * The fixture's plausible, fixed standardisation of the {@code asinh-mag-err-flag/v1} features
     * (faint galaxies around 28 AB, errors around 0.3 mag, flags unscaled, redshift around 7).
     */
    public static FeatureSpec fixtureFeatures(int n, boolean redshiftInput) {
        int features = FeatureEncoder.featureCount(n, redshiftInput);
        List<Double> means = new ArrayList<>();
        List<Double> stds = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            if (i < n) {            // asinh magnitudes: faint galaxies around 28 AB
                means.add(28.0);
                stds.add(1.5);
            } else if (i < 2 * n) { // magnitude errors
                means.add(0.3);
                stds.add(0.25);
            } else if (i < 3 * n) { // missing flags stay 0/1
                means.add(0.0);
                stds.add(1.0);
            } else {                // redshift
                means.add(7.0);
                stds.add(4.0);
            }
        }
        return new FeatureSpec(FeatureEncoder.ENCODING_ASINH_V1, redshiftInput, means, stds);
    }

    /** Writes the default fixture bundle into {@code directory}. */
    public static Manifest write(Path directory) throws IOException {
        return write(directory, Options.defaults());
    }

    /** Writes a fixture bundle of the given shape into {@code directory} (created if needed). */
    public static Manifest write(Path directory, Options options) throws IOException {
        List<BandSpec> bands = defaultBands();
        int n = bands.size();
        int features = FeatureEncoder.featureCount(n, options.redshiftInput());
        FeatureSpec featureSpec = fixtureFeatures(n, options.redshiftInput());
        MixtureLayout layout = new MixtureLayout(options.components(), DEFAULT_PARAMETERS.size());
        List<MemberSpec> members = new ArrayList<>();
        Map<String, byte[]> models = new LinkedHashMap<>();
        SplittableRandom seeds = new SplittableRandom(options.seed());
        for (int m = 0; m < options.members(); m++) {
            long seed = seeds.nextLong();
            String file = "member-" + m + ".onnx";
            members.add(new MemberSpec(file, 1.0 / options.members(), seed));
            MlpWeights mlp = randomMlp(features, layout, options, seed);
            models.put(file, OnnxMlpWriter.toBytes(mlp, "sedstream-fixture-member-" + m,
                    Map.of("sedstream.fixture", "true", "sedstream.seed", Long.toString(seed))));
        }
        // Exact 1/M weights may not sum to 1 in floating point by a few ulps; the manifest tolerance covers it.
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, "sedstream-fixture",
                "0.0.0-fixture." + options.seed(),
                "FIXTURE, UNTRAINED: seeded random weights (seed " + options.seed() + ") in an MLP mixture-density network of "
                        + options.hiddenLayers() + " x " + options.hiddenWidth() + " " + options.activation() + " hidden units, K = "
                        + options.components() + "; its posteriors carry no physical information. For tests and the demo only.",
                true, bands, featureSpec, DEFAULT_PARAMETERS, options.components(), members,
                new Provenance("none (untrained fixture)", LocalDate.of(2026, 4, 1).toString(), Map.of()));
        ModelBundleWriter.write(directory, manifest, models);
        return manifest;
    }

    /** Writes the evidence fixture (2 x 64 SiLU hidden layers, one member, default seed) into {@code directory}. */
    public static Manifest writeEvidence(Path directory) throws IOException {
        return writeEvidence(directory, 1, EVIDENCE_DEFAULT_SEED);
    }

    /** Writes an evidence fixture with {@code members} equally weighted members drawn from {@code seed}. */
    public static Manifest writeEvidence(Path directory, int members, long seed) throws IOException {
        if (members < 1) {
            throw new IllegalArgumentException("members must be at least 1, got " + members);
        }
        List<BandSpec> bands = defaultBands();
        FeatureSpec features = fixtureFeatures(bands.size(), false);
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
        Manifest manifest = Manifest.evidence(Manifest.FORMAT_VERSION, "sedstream-evidence-fixture", "0.0.0-fixture." + seed,
                "FIXTURE, UNTRAINED: seeded random weights (seed " + seed + ") in a " + EVIDENCE_HIDDEN_LAYERS + " x "
                        + EVIDENCE_HIDDEN_WIDTH + " SiLU classifier; its log Bayes factors carry no physical information. For tests and the demo only.",
                true, EVIDENCE_MODEL1, EVIDENCE_MODEL2, bands, features, specs,
                new Provenance("none (untrained fixture)", LocalDate.of(2026, 11, 26).toString(), Map.of()));
        ModelBundleWriter.writeNetworks(directory, manifest, nets);
        return manifest;
    }

    /** The evidence fixture's classifier: Gaussian weights scaled by fan-in, outputs of order one to a few in ln K. */
    static MlpWeights randomClassifier(int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DenseLayer> layers = new ArrayList<>();
        int in = features;
        for (int l = 0; l < EVIDENCE_HIDDEN_LAYERS; l++) {
            layers.add(DenseLayer.gaussian(random, in, EVIDENCE_HIDDEN_WIDTH, 1.5 / Math.sqrt(in), 0.05));
            in = EVIDENCE_HIDDEN_WIDTH;
        }
        layers.add(DenseLayer.gaussian(random, in, 1, 2.0 / Math.sqrt(in), 0.1));
        return new MlpWeights(layers, Activation.SILU);
    }

    /**
     * Writes a fixture bundle: {@code FixtureBundleWriter [--evidence] <directory> [seed]} (the
     * posterior estimator, or with {@code --evidence} the evidence network). The directory must not
     * hold a manifest already.
     */
    public static void main(String[] args) throws IOException {
        boolean evidence = args.length > 0 && args[0].equals("--evidence");
        int first = evidence ? 1 : 0;
        int n = args.length - first;
        if (n < 1 || n > 2) {
            System.err.println("usage: FixtureBundleWriter [--evidence] <bundle directory> [seed]");
            System.exit(2);
        }
        Path dir = Path.of(args[first]);
        if (java.nio.file.Files.exists(dir.resolve(ManifestJson.FILE_NAME))) {
            System.err.println("refusing to overwrite the bundle at " + dir.toAbsolutePath());
            System.exit(1);
        }
        Manifest m;
        if (evidence) {
            m = writeEvidence(dir, 1, n == 2 ? Long.parseLong(args[first + 1]) : EVIDENCE_DEFAULT_SEED);
        } else {
            Options options = Options.defaults();
            if (n == 2) {
                options = options.withSeed(Long.parseLong(args[first + 1]));
            }
            m = write(dir, options);
        }
        System.out.println("wrote " + m.label() + " to " + dir.toAbsolutePath());
    }

    /** The seeded untrained network: Gaussian weights scaled by fan-in, output biases giving a sane mixture. */
    static MlpWeights randomMlp(int features, MixtureLayout layout, Options options, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DenseLayer> layers = new ArrayList<>();
        int in = features;
        for (int l = 0; l < options.hiddenLayers(); l++) {
            layers.add(DenseLayer.gaussian(random, in, options.hiddenWidth(), 1.5 / Math.sqrt(in), 0.05));
            in = options.hiddenWidth();
        }
        int width = layout.width();
        float[] w = new float[width * in];
        double scale = 0.15 / Math.sqrt(in);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (scale * random.nextGaussian());
        }
        float[] bias = new float[width];
        int kk = layout.components();
        int dd = layout.dimensions();
        for (int k = 0; k < kk; k++) {
            bias[layout.logitOffset(k)] = (float) (0.5 * random.nextGaussian());
            for (int d = 0; d < dd; d++) {
                bias[layout.meanOffset(k, d)] = (float) (0.8 * random.nextGaussian());
                // log diag(U) ~ ln 2: component sd about 0.5 in standardised units.
                bias[layout.logDiagonalOffset(k, d)] = (float) (Math.log(2.0) + 0.2 * random.nextGaussian());
            }
            int base = layout.upperBlockOffset(k);
            for (int t = 0; t < layout.triangleSize(); t++) {
                bias[base + t] = (float) (0.15 * random.nextGaussian());
            }
        }
        layers.add(new DenseLayer(in, width, w, bias));
        return new MlpWeights(layers, options.activation());
    }
}
