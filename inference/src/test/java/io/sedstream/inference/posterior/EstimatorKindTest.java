package io.sedstream.inference.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.EstimateOptions;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.bundle.BandSpec;
import io.sedstream.inference.bundle.EstimatorSpec;
import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.inference.bundle.InvalidModelBundleException;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.inference.bundle.MemberSpec;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.bundle.ModelBundleWriter;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.bundle.Provenance;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.features.FeatureEncoder;
import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.onnx.DenseLayer;
import io.sedstream.inference.onnx.MlpWeights;
import io.sedstream.inference.onnx.OnnxMlpWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second estimator kind ({@link DiagonalMixtureKind}, registered by one line in the test
 * resources' {@code META-INF/services}) goes through the shared manifest, writer, bundle loader and
 * {@link Estimator} unchanged, and its summaries are right (checked against direct quadrature of the
 * diagonal mixture the network emitted); an unknown kind is refused at load with the reason.
 */
class EstimatorKindTest {
    private static final int K = 3;
    private static final int MEMBERS = 2;
    private static final List<ParameterSpec> PARAMETERS = FixtureBundleWriter.defaultParameters();
    private static final int D = PARAMETERS.size();

    @TempDir
    Path dir;

    /** A seeded two-member diagonal-mixture bundle written by the shared {@link ModelBundleWriter}. */
    private static Manifest writeDiagonalBundle(Path directory) throws IOException {
        List<BandSpec> bands = FixtureBundleWriter.defaultBands();
        int f = FeatureEncoder.featureCount(bands.size(), false);
        int width = DiagonalMixtureKind.width(K, D);
        SplittableRandom seeds = new SplittableRandom(7);
        List<MemberSpec> members = new ArrayList<>();
        Map<String, byte[]> models = new LinkedHashMap<>();
        for (int m = 0; m < MEMBERS; m++) {
            long seed = seeds.nextLong();
            SplittableRandom random = new SplittableRandom(seed);
            DenseLayer hidden = DenseLayer.gaussian(random, f, 32, 1.5 / Math.sqrt(f), 0.05);
            float[] w = new float[width * 32];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (0.1 / Math.sqrt(32) * random.nextGaussian());
            }
            float[] bias = new float[width];
            for (int c = 0; c < K; c++) {
                bias[c] = (float) (0.5 * random.nextGaussian());
                for (int d = 0; d < D; d++) {
                    bias[K + c * D + d] = (float) (0.8 * random.nextGaussian());
                    bias[K + K * D + c * D + d] = (float) (Math.log(0.5) + 0.2 * random.nextGaussian());
                }
            }
            MlpWeights mlp = new MlpWeights(List.of(hidden, new DenseLayer(32, width, w, bias)), Activation.SILU);
            String file = "member-" + m + ".onnx";
            members.add(new MemberSpec(file, m == 0 ? 0.4 : 0.6, seed));
            models.put(file, OnnxMlpWriter.toBytes(mlp, "diagonal-" + m, Map.of()));
        }
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, "diagonal-test", "0.0.1", "test bundle of a second estimator kind",
                true, bands, FixtureBundleWriter.fixtureFeatures(bands.size(), false), PARAMETERS,
                new EstimatorSpec(DiagonalMixtureKind.NAME, Map.of(GaussianMixtureKind.COMPONENTS, K)), members,
                new Provenance("none", "2026-12-03", Map.of()), null);
        ModelBundleWriter.write(directory, manifest, models);
        return manifest;
    }

    private static List<BandFlux> photometry() {
        List<BandFlux> phot = new ArrayList<>();
        for (String band : FixtureBundleWriter.JADES_GS_14) {
            phot.add(BandFlux.observed(band, 30, 4));
        }
        return phot;
    }

    /** Physical-unit quantiles, mean and mass outside of a weighted 1-D Gaussian mixture truncated to [lo, hi], by quadrature. */
    private static double[] quadrature(double[] weight, double[] mean, double[] sd, double lo, double hi, double... levels) {
        int n = 400_000;
        double h = (hi - lo) / n;
        double[] cdf = new double[n + 1];
        double prev = density(weight, mean, sd, lo);
        double firstMoment = 0;
        for (int i = 1; i <= n; i++) {
            double x = lo + i * h;
            double mid = density(weight, mean, sd, x - 0.5 * h);
            double cur = density(weight, mean, sd, x);
            double piece = h / 6 * (prev + 4 * mid + cur); // Simpson on each cell
            cdf[i] = cdf[i - 1] + piece;
            firstMoment += h / 6 * ((x - h) * prev + 4 * (x - 0.5 * h) * mid + x * cur);
            prev = cur;
        }
        double inside = cdf[n];
        double[] out = new double[levels.length + 2];
        for (int l = 0; l < levels.length; l++) {
            double target = levels[l] * inside;
            int i = 1;
            while (cdf[i] < target) {
                i++;
            }
            out[l] = lo + (i - 1 + (target - cdf[i - 1]) / (cdf[i] - cdf[i - 1])) * h;
        }
        out[levels.length] = firstMoment / inside;
        out[levels.length + 1] = 1 - inside / total(weight);
        return out;
    }

    private static double total(double[] weight) {
        double s = 0;
        for (double w : weight) {
            s += w;
        }
        return s;
    }

    private static double density(double[] weight, double[] mean, double[] sd, double x) {
        double s = 0;
        for (int c = 0; c < weight.length; c++) {
            double z = (x - mean[c]) / sd[c];
            s += weight[c] * Math.exp(-0.5 * z * z) / (sd[c] * Math.sqrt(2 * Math.PI));
        }
        return s;
    }

    /** The components of every member's diagonal output, in physical units, for parameter {@code dim}; weights optionally times each component's density at a known standardised value of {@code knownDim}. */
    private static double[][] components(Estimator estimator, Manifest manifest, int dim, int knownDim, double knownStandardised) {
        int width = DiagonalMixtureKind.width(K, D);
        float[] row = new float[width];
        ParameterSpec p = PARAMETERS.get(dim);
        double[] w = new double[MEMBERS * K];
        double[] mu = new double[MEMBERS * K];
        double[] sd = new double[MEMBERS * K];
        for (int m = 0; m < MEMBERS; m++) {
            estimator.lastNetworkOutput(m, row);
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < K; c++) {
                max = Math.max(max, row[c]);
            }
            double norm = 0;
            for (int c = 0; c < K; c++) {
                norm += Math.exp(row[c] - max);
            }
            for (int c = 0; c < K; c++) {
                int i = m * K + c;
                w[i] = manifest.members().get(m).weight() * Math.exp(row[c] - max) / norm;
                mu[i] = p.mean() + p.std() * row[K + c * D + dim];
                sd[i] = p.std() * Math.exp(row[K + K * D + c * D + dim]);
                if (knownDim >= 0) {
                    double ks = Math.exp(row[K + K * D + c * D + knownDim]);
                    double z = (knownStandardised - row[K + c * D + knownDim]) / ks;
                    w[i] *= Math.exp(-0.5 * z * z) / ks;
                }
            }
        }
        return new double[][] {w, mu, sd};
    }

    @Test
    void aSecondKindIsWrittenLoadedAndSummarisedThroughTheSharedCode() throws IOException {
        Manifest written = writeDiagonalBundle(dir);
        String json = Files.readString(dir.resolve(ManifestJson.FILE_NAME));
        assertTrue(json.contains("\"kind\" : \"" + DiagonalMixtureKind.NAME + "\""), json);
        assertFalse(json.contains("\"mixture\""), "a non-mixture kind writes the estimator block only");
        try (Estimator estimator = Estimator.load(dir)) {
            Manifest m = estimator.manifest();
            assertEquals(written, m);
            assertInstanceOf(DiagonalMixtureKind.class, m.estimatorKind());
            assertEquals(DiagonalMixtureKind.width(K, D), estimator.bundle().outputWidth());
            assertThrows(IllegalStateException.class, m::mixtureLayout);

            PosteriorResult r = estimator.estimate(photometry(), null, EstimateOptions.withSamples(200, 3));
            assertEquals(D, r.parameters().size());
            assertEquals(200, r.samples().count());
            for (int dim = 0; dim < D; dim++) {
                ParameterSpec p = PARAMETERS.get(dim);
                double[][] c = components(estimator, m, dim, -1, 0);
                double[] q = quadrature(c[0], c[1], c[2], p.lower(), p.upper(), 0.025, 0.16, 0.5, 0.84, 0.975);
                var s = r.parameters().get(dim);
                double tol = 1e-6 * (p.upper() - p.lower());
                assertEquals(q[0], s.p2_5(), tol, p.name() + " p2.5");
                assertEquals(q[1], s.p16(), tol, p.name() + " p16");
                assertEquals(q[2], s.median(), tol, p.name() + " median");
                assertEquals(q[3], s.p84(), tol, p.name() + " p84");
                assertEquals(q[4], s.p97_5(), tol, p.name() + " p97.5");
                assertEquals(q[5], s.mean(), tol, p.name() + " mean");
                assertEquals(q[6], s.massOutsidePrior(), 1e-6, p.name() + " mass outside");
                assertEquals(0.5, estimator.lastPosterior().marginalCdf(dim, s.median()), 1e-8);
            }
        }
    }

    @Test
    void aSecondKindConditionsOnAGivenRedshiftThroughTheEstimator() throws IOException {
        Manifest written = writeDiagonalBundle(dir);
        int z = written.parameterNames().indexOf(Estimator.REDSHIFT_PARAMETER);
        ParameterSpec zSpec = PARAMETERS.get(z);
        double specZ = 0.3 * zSpec.lower() + 0.7 * zSpec.upper();
        try (Estimator estimator = Estimator.load(dir)) {
            PosteriorResult r = estimator.estimate(photometry(), specZ, EstimateOptions.summariesOnly());
            assertEquals(specZ, r.parameters().get(z).median());
            assertEquals(0.0, r.parameters().get(z).std());
            double knownStd = (specZ - zSpec.mean()) / zSpec.std();
            for (int dim = 0; dim < D; dim++) {
                if (dim == z) {
                    continue;
                }
                ParameterSpec p = PARAMETERS.get(dim);
                double[][] c = components(estimator, written, dim, z, knownStd);
                double[] q = quadrature(c[0], c[1], c[2], p.lower(), p.upper(), 0.16, 0.5, 0.84);
                var s = r.parameters().get(dim);
                // The conditioned mixture passes through float32 (ConditionalMixture): 1e-5 of the box.
                double tol = 1e-5 * (p.upper() - p.lower());
                assertEquals(q[0], s.p16(), tol, p.name() + " p16");
                assertEquals(q[1], s.median(), tol, p.name() + " median");
                assertEquals(q[2], s.p84(), tol, p.name() + " p84");
                assertEquals(q[3], s.mean(), tol, p.name() + " mean");
            }
        }
    }

    @Test
    void anUnknownKindIsRefusedAtLoadWithTheReason() throws IOException {
        writeDiagonalBundle(dir);
        Path manifestFile = dir.resolve(ManifestJson.FILE_NAME);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(manifestFile.toFile());
        ((ObjectNode) root.get("estimator")).put("kind", "normalizing-flow-maf");
        Files.writeString(manifestFile, mapper.writeValueAsString(root));
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("estimator.kind 'normalizing-flow-maf' is unknown"), e.getMessage());
        assertTrue(e.getMessage().contains(GaussianMixtureKind.NAME) && e.getMessage().contains(DiagonalMixtureKind.NAME), e.getMessage());
        assertTrue(e.getMessage().contains(manifestFile.toString()), e.getMessage());

        ((ObjectNode) root.get("estimator")).put("kind", DiagonalMixtureKind.NAME).remove(GaussianMixtureKind.COMPONENTS);
        Files.writeString(manifestFile, mapper.writeValueAsString(root));
        e = assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("estimator.components must be given"), e.getMessage());

        root.putObject("mixture").put("components", 3);
        Files.writeString(manifestFile, mapper.writeValueAsString(root));
        e = assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("either estimator or mixture"), e.getMessage());
    }

    @Test
    void aMemberOfTheWrongWidthForItsKindIsRefused() throws IOException {
        writeDiagonalBundle(dir);
        Path manifestFile = dir.resolve(ManifestJson.FILE_NAME);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(manifestFile.toFile());
        // The same members read as a full-covariance mixture: their width no longer matches.
        root.remove("estimator");
        root.putObject("mixture").put("components", K);
        Files.writeString(manifestFile, mapper.writeValueAsString(root));
        InvalidModelBundleException e = assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("width " + DiagonalMixtureKind.width(K, D)), e.getMessage());
        assertTrue(e.getMessage().contains("K=3 components x D=12 parameters"), e.getMessage());
    }

    @Test
    void theShippedBundlesAreFullCovarianceMixturesAndTheirManifestsRoundTripByteForByte() throws IOException {
        for (String bundle : List.of("default/1.2.0", "delayed-tau/1.1.0")) {
            Path file = Path.of("..", "models").resolve(bundle).resolve(ManifestJson.FILE_NAME);
            Manifest m = ManifestJson.read(file);
            assertInstanceOf(GaussianMixtureKind.class, m.estimatorKind(), bundle);
            assertEquals(m.mixtureLayout().width(), m.outputWidth(), bundle);
            assertEquals(Files.readString(file), ManifestJson.toJson(m), bundle);
        }
    }
}
