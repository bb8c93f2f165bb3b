package io.sedstream.inference.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.posterior.GaussianMixtureKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code manifest.json} of every bundle kind ({@link BundleKind}). Reading checks every field's presence and type and
 * reports the JSON path of the first problem; {@link Manifest}'s constructor then checks meaning.
 */
public final class ManifestJson {
    public static final String FILE_NAME = "manifest.json";
    /** Field naming the bundle kind; absent in NPE posterior manifests. */
    public static final String KIND_FIELD = "kind";
    /** Field naming the posterior estimator kind and its settings (absent: the full-covariance mixture's {@code mixture} block). */
    public static final String ESTIMATOR_FIELD = "estimator";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestJson() {
    }

    /** Reads a posterior-estimator manifest, refusing one of another kind with the class that serves it. */
    public static Manifest read(Path file) {
        return read(file, BundleKind.POSTERIOR_ESTIMATOR);
    }

    /** Reads a manifest of any kind. */
    public static Manifest readAny(Path file) {
        String text = readText(file);
        try {
            return parseAny(text);
        } catch (InvalidModelBundleException e) {
            throw new InvalidModelBundleException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a manifest and requires its kind.
     *
     * @throws InvalidModelBundleException for a manifest of another kind, naming the class that serves it
     */
    public static Manifest read(Path file, BundleKind expected) {
        Manifest m = readAny(file);
        if (m.kind() != expected) {
            throw new InvalidModelBundleException(file + ": " + wrongKind(m.kind(), expected));
        }
        return m;
    }

    /** Why a bundle of kind {@code actual} is refused where one of kind {@code expected} is needed. */
    public static String wrongKind(BundleKind actual, BundleKind expected) {
        if (actual == BundleKind.EVIDENCE_CLASSIFIER) {
            return "this is an evidence-network bundle (\"kind\": \"" + actual.jsonName() + "\"), not an NPE posterior bundle: load it with "
                    + actual.loader();
        }
        return "this is an NPE posterior bundle (no \"" + KIND_FIELD + "\": \"" + expected.jsonName()
                + "\"), not an evidence network: load it with " + actual.loader();
    }

    /** The text of a manifest file, refusing a missing or unreadable one. */
    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidModelBundleException("manifest file missing: " + file, e);
        } catch (IOException e) {
            throw new InvalidModelBundleException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** The manifest's JSON object, refusing text that is not one. */
    private static JsonNode tree(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidModelBundleException("manifest is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidModelBundleException("manifest must be a JSON object");
        }
        return root;
    }

    /**
     * The bundle kind a manifest declares: {@link BundleKind#POSTERIOR_ESTIMATOR} when the field is
     * absent (NPE manifests predate the field and stay as they are), else the kind it names.
     */
    private static BundleKind kind(JsonNode root) {
        JsonNode node = root.get(KIND_FIELD);
        if (node == null) {
            return BundleKind.POSTERIOR_ESTIMATOR;
        }
        if (!node.isTextual()) {
            throw new InvalidModelBundleException(KIND_FIELD + " must be a string");
        }
        return BundleKind.byJsonName(node.textValue());
    }

    /** Parses a posterior-estimator manifest, refusing one of another kind with the class that serves it. */
    public static Manifest parse(String json) {
        Manifest m = parseAny(json);
        if (m.kind() != BundleKind.POSTERIOR_ESTIMATOR) {
            throw new InvalidModelBundleException(wrongKind(m.kind(), BundleKind.POSTERIOR_ESTIMATOR));
        }
        return m;
    }

    /** Parses a manifest of any kind: the shared blocks, then the kind's own. */
    public static Manifest parseAny(String json) {
        JsonNode root = tree(json);
        BundleKind kind = kind(root);
        int formatVersion = integer(root, "formatVersion", "formatVersion");
        String name = text(root, "name", "name");
        String version = text(root, "version", "version");
        String description = text(root, "description", "description");
        boolean fixture = readFixture(root);
        List<BandSpec> bands = readBands(root);
        FeatureSpec features = readFeatures(root);
        if (kind == BundleKind.EVIDENCE_CLASSIFIER) {
            readEvidenceOutput(root);
            return Manifest.evidence(formatVersion, name, version, description, fixture, identity(root, "model1"),
                    identity(root, "model2"), bands, features, readMembers(root), readProvenance(root));
        }
        List<ParameterSpec> parameters = new ArrayList<>();
        JsonNode paramArray = array(root, "parameters", "parameters");
        for (int i = 0; i < paramArray.size(); i++) {
            String at = "parameters[" + i + "]";
            JsonNode p = object(paramArray.get(i), at);
            parameters.add(new ParameterSpec(text(p, "name", at + ".name"), text(p, "unit", at + ".unit"),
                    number(p, "lower", at + ".lower"), number(p, "upper", at + ".upper"),
                    number(p, "mean", at + ".mean"), number(p, "std", at + ".std"), readTransform(p, at)));
        }
        EstimatorSpec estimator = readEstimator(root);
        List<MemberSpec> members = readMembers(root);
        Provenance provenance = readProvenance(root);
        // Optional: bundles written before the misfit model existed have no such block.
        String misfitFile = root.has("misfit") ? text(object(root.get("misfit"), "misfit"), "file", "misfit.file") : null;
        return new Manifest(formatVersion, name, version, description, fixture, bands, features, parameters, estimator, members,
                provenance, misfitFile);
    }

    /** An evidence classifier's {@code output} block must say what every member's output is. */
    private static void readEvidenceOutput(JsonNode root) {
        JsonNode output = object(root.get("output"), "output");
        String outputName = text(output, "name", "output.name");
        String expected = BundleKind.EVIDENCE_CLASSIFIER.outputName();
        if (!expected.equals(outputName)) {
            throw new InvalidModelBundleException("output.name is '" + outputName + "', expected '" + expected + "'");
        }
        int width = integer(output, "width", "output.width");
        if (width != Manifest.EVIDENCE_OUTPUT_WIDTH) {
            throw new InvalidModelBundleException("output.width is " + width + ", expected " + Manifest.EVIDENCE_OUTPUT_WIDTH + " (ln K per row)");
        }
    }

    private static ModelIdentity identity(JsonNode root, String field) {
        JsonNode m = object(root.get(field), field);
        return new ModelIdentity(text(m, "name", field + ".name"), text(m, "version", field + ".version"),
                text(m, "forwardModel", field + ".forwardModel"));
    }

    /**
     * {@code estimator}: {@code {"kind": name, setting: integer...}}; a manifest without it (every
     * bundle written before estimator kinds existed, and every full-covariance mixture bundle since)
     * has {@code "mixture": {"components": K}}, the full-covariance Gaussian mixture.
     */
    private static EstimatorSpec readEstimator(JsonNode root) {
        JsonNode block = root.get(ESTIMATOR_FIELD);
        if (block == null) {
            JsonNode mixture = object(root.get("mixture"), "mixture");
            int components = integer(mixture, GaussianMixtureKind.COMPONENTS, "mixture.components");
            if (components < 1) {
                throw new InvalidModelBundleException("mixture.components must be at least 1, got " + components);
            }
            return EstimatorSpec.gaussianMixture(components);
        }
        if (root.has("mixture")) {
            throw new InvalidModelBundleException("give either estimator or mixture, not both");
        }
        object(block, ESTIMATOR_FIELD);
        String kind = text(block, "kind", "estimator.kind");
        Map<String, Integer> settings = new LinkedHashMap<>();
        block.properties().forEach(e -> {
            if (!e.getKey().equals("kind")) {
                settings.put(e.getKey(), integer(block, e.getKey(), "estimator." + e.getKey()));
            }
        });
        return new EstimatorSpec(kind, settings);
    }

    /** The full-covariance mixture keeps the {@code mixture} block (manifests byte-identical to before); other kinds write {@code estimator}. */
    private static void writeEstimator(ObjectNode root, EstimatorSpec estimator) {
        if (estimator.kind().equals(GaussianMixtureKind.NAME)) {
            root.putObject("mixture").put(GaussianMixtureKind.COMPONENTS, estimator.setting(GaussianMixtureKind.COMPONENTS));
            return;
        }
        ObjectNode block = root.putObject(ESTIMATOR_FIELD);
        block.put("kind", estimator.kind());
        estimator.settings().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> block.put(e.getKey(), e.getValue()));
    }

    /** {@code bands}: name and asinh softening per band . */
    private static List<BandSpec> readBands(JsonNode root) {
        List<BandSpec> bands = new ArrayList<>();
        JsonNode bandArray = array(root, "bands", "bands");
        for (int i = 0; i < bandArray.size(); i++) {
            JsonNode b = object(bandArray.get(i), "bands[" + i + "]");
            bands.add(new BandSpec(text(b, "name", "bands[" + i + "].name"), number(b, "softeningNJy", "bands[" + i + "].softeningNJy")));
        }
        return bands;
    }

    /** {@code features}: encoding, redshift-input flag, standardisation . */
    private static FeatureSpec readFeatures(JsonNode root) {
        JsonNode f = object(root.get("features"), "features");
        JsonNode redshiftNode = f.get("redshiftInput");
        if (redshiftNode != null && !redshiftNode.isBoolean()) {
            throw new InvalidModelBundleException("features.redshiftInput must be true or false");
        }
        return new FeatureSpec(text(f, "encoding", "features.encoding"),
                redshiftNode != null && redshiftNode.booleanValue(),
                numbers(f, "means", "features.means"), numbers(f, "stds", "features.stds"));
    }

    /** {@code members}: file, weight and seed per ONNX member. */
    private static List<MemberSpec> readMembers(JsonNode root) {
        List<MemberSpec> members = new ArrayList<>();
        JsonNode memberArray = array(root, "members", "members");
        for (int i = 0; i < memberArray.size(); i++) {
            String at = "members[" + i + "]";
            JsonNode m = object(memberArray.get(i), at);
            JsonNode seed = m.get("seed");
            if (seed == null || !seed.canConvertToLong() || !seed.isIntegralNumber()) {
                throw new InvalidModelBundleException(at + ".seed must be an integer");
            }
            members.add(new MemberSpec(text(m, "file", at + ".file"), number(m, "weight", at + ".weight"), seed.longValue()));
        }
        return members;
    }

    /** {@code provenance}: training library, creation date, metrics. */
    private static Provenance readProvenance(JsonNode root) {
        JsonNode prov = object(root.get("provenance"), "provenance");
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode metricNode = prov.get("metrics");
        if (metricNode != null && !metricNode.isNull()) {
            object(metricNode, "provenance.metrics").properties().forEach(e -> {
                if (!e.getValue().isNumber()) {
                    throw new InvalidModelBundleException("provenance.metrics." + e.getKey() + " must be a number");
                }
                metrics.put(e.getKey(), e.getValue().doubleValue());
            });
        }
        List<Provenance.TrainingLibraryId> libraries = new ArrayList<>();
        JsonNode libs = prov.get("trainingLibraries");
        if (libs != null && !libs.isNull()) {
            if (!libs.isArray()) {
                throw new InvalidModelBundleException("provenance.trainingLibraries must be an array");
            }
            for (int i = 0; i < libs.size(); i++) {
                String at = "provenance.trainingLibraries[" + i + "]";
                JsonNode lib = object(libs.get(i), at);
                JsonNode seed = lib.get("seed");
                if (seed == null || !seed.canConvertToLong() || !seed.isIntegralNumber()) {
                    throw new InvalidModelBundleException(at + ".seed must be an integer");
                }
                libraries.add(new Provenance.TrainingLibraryId(text(lib, "model", at + ".model"), seed.longValue()));
            }
        }
        return new Provenance(text(prov, "trainingLibrary", "provenance.trainingLibrary"),
                text(prov, "createdAt", "provenance.createdAt"), metrics, libraries);
    }

    /** {@code fixture}: true for untrained fixtures. */
    private static boolean readFixture(JsonNode root) {
        JsonNode fixture = root.get("fixture");
        if (fixture == null || !fixture.isBoolean()) {
            throw new InvalidModelBundleException("fixture must be true or false");
        }
        return fixture.booleanValue();
    }

    /**
     * The manifest's JSON: a posterior estimator's without a {@code kind} field (exactly as written
     * before kinds existed), an evidence classifier's with {@code "kind": "evidence-network"}.
     */
    public static String toJson(Manifest m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", m.formatVersion());
        if (m.kind() != BundleKind.POSTERIOR_ESTIMATOR) {
            root.put(KIND_FIELD, m.kind().jsonName());
        }
        root.put("name", m.name());
        root.put("version", m.version());
        root.put("description", m.description());
        root.put("fixture", m.fixture());
        if (m.kind() == BundleKind.EVIDENCE_CLASSIFIER) {
            putIdentity(root, "model1", m.model1());
            putIdentity(root, "model2", m.model2());
        }
        writeBands(root, m.bands());
        writeFeatures(root, m.features());
        if (m.kind() == BundleKind.EVIDENCE_CLASSIFIER) {
            root.putObject("output").put("name", m.outputName()).put("width", Manifest.EVIDENCE_OUTPUT_WIDTH)
                    .put("definition", Manifest.EVIDENCE_OUTPUT_DEFINITION);
        } else {
            ArrayNode params = root.putArray("parameters");
            for (ParameterSpec p : m.parameters()) {
                params.addObject().put("name", p.name()).put("unit", p.unit()).put("lower", p.lower()).put("upper", p.upper())
                        .put("mean", p.mean()).put("std", p.std()).put("transform", p.transform().jsonName());
            }
            writeEstimator(root, m.estimator());
        }
        writeMembers(root, m.members());
        if (m.misfitFile() != null) {
            root.putObject("misfit").put("file", m.misfitFile());
        }
        writeProvenance(root, m.provenance());
        return render(root);
    }

    private static void putIdentity(ObjectNode root, String field, ModelIdentity id) {
        root.putObject(field).put("name", id.name()).put("version", id.version()).put("forwardModel", id.forwardModel());
    }

    /** The indented manifest text of {@code root}. */
    private static String render(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
    }

    private static void writeBands(ObjectNode root, List<BandSpec> bandSpecs) {
        ArrayNode bands = root.putArray("bands");
        for (BandSpec b : bandSpecs) {
            bands.addObject().put("name", b.name()).put("softeningNJy", b.softeningNJy());
        }
    }

    private static void writeFeatures(ObjectNode root, FeatureSpec spec) {
        ObjectNode features = root.putObject("features");
        features.put("encoding", spec.encoding());
        features.put("redshiftInput", spec.redshiftInput());
        spec.means().forEach(features.putArray("means")::add);
        spec.stds().forEach(features.putArray("stds")::add);
    }

    private static void writeMembers(ObjectNode root, List<MemberSpec> memberSpecs) {
        ArrayNode members = root.putArray("members");
        for (MemberSpec s : memberSpecs) {
            members.addObject().put("file", s.file()).put("weight", s.weight()).put("seed", s.seed());
        }
    }

    private static void writeProvenance(ObjectNode root, Provenance provenance) {
        ObjectNode prov = root.putObject("provenance");
        prov.put("trainingLibrary", provenance.trainingLibrary());
        prov.put("createdAt", provenance.createdAt());
        if (!provenance.trainingLibraries().isEmpty()) {
            ArrayNode libs = prov.putArray("trainingLibraries");
            for (Provenance.TrainingLibraryId id : provenance.trainingLibraries()) {
                libs.addObject().put("model", id.model()).put("seed", id.seed());
            }
        }
        ObjectNode metrics = prov.putObject("metrics");
        new java.util.TreeMap<>(provenance.metrics()).forEach(metrics::put);
    }

    public static void write(Manifest m, Path file) throws IOException {
        Files.writeString(file, toJson(m), StandardCharsets.UTF_8);
    }

    private static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new InvalidModelBundleException(path + " must be a JSON object");
        }
        return node;
    }

    private static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw new InvalidModelBundleException(path + " must be a JSON array");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new InvalidModelBundleException(path + " must be a string");
        }
        return node.textValue();
    }

    private static double number(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isNumber()) {
            throw new InvalidModelBundleException(path + " must be a number");
        }
        return node.doubleValue();
    }

    private static int integer(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidModelBundleException(path + " must be an integer");
        }
        return node.intValue();
    }

    private static List<Double> numbers(JsonNode parent, String field, String path) {
        JsonNode node = array(parent, field, path);
        List<Double> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isNumber()) {
                throw new InvalidModelBundleException(path + "[" + i + "] must be a number");
            }
            out.add(node.get(i).doubleValue());
        }
        return out;
    }

    /** A parameter's transform; bundles written before transforms existed have none, meaning identity. */
    private static ParameterTransform readTransform(JsonNode p, String at) {
        JsonNode t = p.get("transform");
        if (t == null || t.isNull()) {
            return ParameterTransform.IDENTITY;
        }
        if (!t.isTextual()) {
            throw new InvalidModelBundleException(at + ".transform must be a string (identity or logit), got " + t);
        }
        try {
            return ParameterTransform.byName(t.asText());
        } catch (InvalidModelBundleException e) {
            throw new InvalidModelBundleException(at + ".transform: " + e.getMessage());
        }
    }
}
