package io.sedstream.inference.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.inference.onnx.MlpWeights;
import io.sedstream.inference.onnx.OnnxMlpWriter;
import io.sedstream.inference.posterior.MixtureLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a bundle is refused at load, each with its reason in the message. */
class ModelBundleRefusalTest {
    private static final FixtureBundleWriter.Options SMALL = FixtureBundleWriter.Options.defaults().withSize(16, 1, 3).withMembers(2);

    @TempDir
    static Path shared;
    static Path good;
    static String goodManifest;

    @TempDir
    Path dir;
    private int copies;

    @BeforeAll
    static void writeGoodBundle() throws IOException {
        good = shared.resolve("good");
        FixtureBundleWriter.write(good, SMALL);
        goodManifest = Files.readString(good.resolve("manifest.json"));
    }

    private Path copyOfGood() throws IOException {
        Path copy = dir.resolve("bundle-" + copies++);
        Files.createDirectories(copy);
        try (var files = Files.list(good)) {
            for (Path p : files.toList()) {
                Files.copy(p, copy.resolve(p.getFileName()));
            }
        }
        return copy;
    }

    private String refusal(UnaryOperator<String> editManifest) throws IOException {
        Path bundle = copyOfGood();
        Files.writeString(bundle.resolve("manifest.json"), editManifest.apply(goodManifest), StandardCharsets.UTF_8);
        return assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(bundle)).getMessage();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Refusal message after editing the manifest as a JSON tree. */
    private String refusalAfter(Consumer<ObjectNode> edit) throws IOException {
        return refusal(text -> {
            try {
                ObjectNode root = (ObjectNode) JSON.readTree(text);
                edit.accept(root);
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static ObjectNode at(ObjectNode root, String array, int index) {
        return (ObjectNode) root.get(array).get(index);
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message should mention '" + part + "': " + message);
        }
    }

    @Test
    void goodBundleLoads() {
        try (ModelBundle b = ModelBundle.load(good)) {
            assertEquals(2, b.memberCount());
            assertTrue(b.toString().contains("FIXTURE"), b.toString());
        }
    }

    @Test
    void missingDirectory() {
        String msg = assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(dir.resolve("nope"))).getMessage();
        assertMentions(msg, "not found", "nope");
    }

    @Test
    void missingManifest() throws IOException {
        Path bundle = copyOfGood();
        Files.delete(bundle.resolve("manifest.json"));
        assertMentions(assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(bundle)).getMessage(), "manifest file missing");
    }

    @Test
    void missingMemberFile() throws IOException {
        Path bundle = copyOfGood();
        Files.delete(bundle.resolve("member-1.onnx"));
        assertMentions(assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(bundle)).getMessage(),
                "member file missing", "member-1.onnx");
    }

    @Test
    void corruptMemberFile() throws IOException {
        Path bundle = copyOfGood();
        Files.write(bundle.resolve("member-0.onnx"), "not a model".getBytes(StandardCharsets.UTF_8));
        assertMentions(assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(bundle)).getMessage(),
                "member-0.onnx", "not a loadable ONNX model");
    }

    @Test
    void weightsNotSummingToOne() throws IOException {
        assertMentions(refusalAfter(m -> at(m, "members", 0).put("weight", 0.6)), "weights sum to 1.1");
    }

    @Test
    void nonPositiveWeight() throws IOException {
        assertMentions(refusalAfter(m -> at(m, "members", 0).put("weight", -0.5)), "weight must be positive");
    }

    @Test
    void boundsInverted() throws IOException {
        assertMentions(refusalAfter(m -> at(m, "parameters", 0).put("lower", 14.5)), "redshift", "lower bound 14.5 must be below upper bound 14.0");
        assertMentions(refusalAfter(m -> at(m, "parameters", 7).put("upper", 0.0)), "t25", "lower bound 0.0 must be below upper bound 0.0");
    }

    @Test
    void nonFiniteStandardisation() throws IOException {
        // 1e999 in JSON parses as infinity.
        assertMentions(refusal(m -> m.replaceFirst("\"means\" : \\[ 28.0", "\"means\" : [ 1e999")), "features.means[0] is not finite");
        assertMentions(refusalAfter(m -> ((ArrayNode) m.get("features").get("stds")).set(3, 0.0)), "features.stds[3] must be positive");
        assertMentions(refusalAfter(m -> at(m, "parameters", 0).put("std", Double.NaN)), "parameters[0].std must be a number");
        assertMentions(refusalAfter(m -> at(m, "parameters", 1).put("mean", "x")), "parameters[1].mean must be a number");
    }

    @Test
    void flagStandardisationMustBeIdentity() throws IOException {
        assertMentions(refusalAfter(m -> ((ArrayNode) m.get("features").get("stds")).set(28, 2.0)),
                "features.means/stds[28] (missing flag of band 0) must be 0 and 1");
    }

    @Test
    void unknownEncoding() throws IOException {
        assertMentions(refusal(m -> m.replace("asinh-mag-err-flag/v1", "linear-flux/v9")), "unknown feature encoding 'linear-flux/v9'");
    }

    @Test
    void unsupportedFormatVersion() throws IOException {
        assertMentions(refusal(m -> m.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2")), "unsupported manifest formatVersion 2");
    }

    @Test
    void missingField() throws IOException {
        assertMentions(refusalAfter(m -> m.remove("fixture")), "fixture must be true or false");
        assertMentions(refusalAfter(m -> at(m, "bands", 2).remove("softeningNJy")), "bands[2].softeningNJy must be a number");
        assertMentions(refusalAfter(m -> at(m, "bands", 2).put("softeningNJy", -1.0)), "band hst.acs.f775w: softeningNJy must be a positive");
        assertMentions(refusal(m -> "{ not json"), "manifest is not valid JSON");
    }

    @Test
    void duplicateBand() throws IOException {
        assertMentions(refusalAfter(m -> at(m, "bands", 1).put("name", "hst.acs.f435w")), "band hst.acs.f435w is listed twice");
    }

    @Test
    void memberPathOutsideBundle() throws IOException {
        assertMentions(refusalAfter(m -> at(m, "members", 0).put("file", "../member-0.onnx")), "plain file name");
    }

    @Test
    void featureCountDisagreesWithManifestBands() throws IOException {
        // One band fewer in the manifest: means/stds no longer fit 3 x bands.
        assertMentions(refusalAfter(m -> ((ArrayNode) m.get("bands")).remove(0)), "features.means/stds hold 42/42 values but 13 bands need 39");
    }

    @Test
    void manifestSaysRedshiftInputButOnnxTakesNone() throws IOException {
        // A consistent manifest (43 features) against members built for 42: the ONNX input shape disagrees.
        String msg = refusalAfter(m -> {
            ObjectNode f = (ObjectNode) m.get("features");
            f.put("redshiftInput", true);
            ((ArrayNode) f.get("means")).add(7.0);
            ((ArrayNode) f.get("stds")).add(4.0);
        });
        assertMentions(msg, "member-0.onnx", "input 'features' has width 42", "43 features");
    }

    @Test
    void outputWidthDisagreesWithComponents() throws IOException {
        String msg = refusalAfter(m -> ((ObjectNode) m.get("mixture")).put("components", 4));
        assertMentions(msg, "output 'mdn' has width 273", "K=4 components x D=12 parameters (364 values)");
    }

    @Test
    void outputWidthDisagreesWithParameterCount() throws IOException {
        Manifest m = ManifestJson.parse(goodManifest);
        Manifest fewer = new Manifest(m.formatVersion(), m.name(), m.version(), m.description(), m.fixture(), m.bands(), m.features(),
                m.parameters().subList(0, 11), m.mixtureComponents(), m.members(), m.provenance());
        String msg = refusal(x -> ManifestJson.toJson(fewer));
        assertMentions(msg, "output 'mdn' has width 273", "D=11 parameters");
    }

    @Test
    void wrongTensorNames() throws IOException {
        Path bundle = copyOfGood();
        Manifest m = ManifestJson.parse(goodManifest);
        MlpWeights mlp = FixtureBundleWriter.randomMlp(m.featureCount(), new MixtureLayout(3, 12), SMALL, 1L);
        Files.write(bundle.resolve("member-1.onnx"), OnnxMlpWriter.toBytes(mlp, "g", Map.of(), "photometry", OnnxMlpWriter.OUTPUT_NAME));
        assertMentions(assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(bundle)).getMessage(),
                "member-1.onnx", "expected exactly one input named 'features'", "photometry");
        Files.write(bundle.resolve("member-1.onnx"), OnnxMlpWriter.toBytes(mlp, "g", Map.of(), OnnxMlpWriter.INPUT_NAME, "posterior"));
        assertMentions(assertThrows(InvalidModelBundleException.class, () -> ModelBundle.load(bundle)).getMessage(),
                "member-1.onnx", "expected an output named 'mdn'", "posterior");
    }

    @Test
    void writerRefusesMissingMemberModel() {
        Manifest m = ManifestJson.parse(goodManifest);
        assertMentions(assertThrows(InvalidModelBundleException.class,
                () -> ModelBundleWriter.write(dir.resolve("w"), m, Map.of("member-0.onnx", new byte[1]))).getMessage(),
                "no ONNX model given for member member-1.onnx");
    }

    @Test
    void unknownParameterTransform() throws IOException {
        assertMentions(refusalAfter(m -> at(m, "parameters", 7).put("transform", "log")), "parameters[7].transform",
                "unknown parameter transform 'log'", "identity, logit");
        assertMentions(refusalAfter(m -> at(m, "parameters", 7).put("transform", 3)), "parameters[7].transform must be a string");
    }

    @Test
    void parameterTransformRoundTripsAndDefaultsToIdentity() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(goodManifest);
        at(root, "parameters", 7).put("transform", "logit");
        at(root, "parameters", 0).remove("transform");
        Manifest m = ManifestJson.parse(root.toString());
        assertEquals(ParameterTransform.LOGIT, m.parameters().get(7).transform());
        assertEquals(ParameterTransform.IDENTITY, m.parameters().get(0).transform(), "a bundle written before transforms existed");
        assertEquals(m, ManifestJson.parse(ManifestJson.toJson(m)));
    }

    @Test
    void manifestRoundTripsThroughJson() {
        Manifest m = ManifestJson.parse(goodManifest);
        assertEquals(m, ManifestJson.parse(ManifestJson.toJson(m)));
        assertTrue(m.description().contains("UNTRAINED"));
        assertTrue(m.label().contains("FIXTURE"));
    }
}
