package io.sedstream.inference.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Reads and writes {@code manifest.json}. Reading checks every field's presence and type and
 * reports the JSON path of the first problem; {@link Manifest}'s constructor then checks meaning.
 */
public final class ManifestJson {
    public static final String FILE_NAME = "manifest.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestJson() {
    }

    public static Manifest read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidModelBundleException("manifest file missing: " + file, e);
        } catch (IOException e) {
            throw new InvalidModelBundleException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (InvalidModelBundleException e) {
            throw new InvalidModelBundleException(file + ": " + e.getMessage(), e);
        }
    }

    public static Manifest parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidModelBundleException("manifest is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidModelBundleException("manifest must be a JSON object");
        }
        List<BandSpec> bands = new ArrayList<>();
        JsonNode bandArray = array(root, "bands", "bands");
        for (int i = 0; i < bandArray.size(); i++) {
            JsonNode b = object(bandArray.get(i), "bands[" + i + "]");
            bands.add(new BandSpec(text(b, "name", "bands[" + i + "].name"), number(b, "softeningNJy", "bands[" + i + "].softeningNJy")));
        }
        JsonNode f = object(root.get("features"), "features");
        JsonNode redshiftNode = f.get("redshiftInput");
        if (redshiftNode != null && !redshiftNode.isBoolean()) {
            throw new InvalidModelBundleException("features.redshiftInput must be true or false");
        }
        FeatureSpec features = new FeatureSpec(text(f, "encoding", "features.encoding"),
                redshiftNode != null && redshiftNode.booleanValue(),
                numbers(f, "means", "features.means"), numbers(f, "stds", "features.stds"));
        List<ParameterSpec> parameters = new ArrayList<>();
        JsonNode paramArray = array(root, "parameters", "parameters");
        for (int i = 0; i < paramArray.size(); i++) {
            String at = "parameters[" + i + "]";
            JsonNode p = object(paramArray.get(i), at);
            parameters.add(new ParameterSpec(text(p, "name", at + ".name"), text(p, "unit", at + ".unit"),
                    number(p, "lower", at + ".lower"), number(p, "upper", at + ".upper"),
                    number(p, "mean", at + ".mean"), number(p, "std", at + ".std")));
        }
        JsonNode mixture = object(root.get("mixture"), "mixture");
        int components = integer(mixture, "components", "mixture.components");
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
        Provenance provenance = new Provenance(text(prov, "trainingLibrary", "provenance.trainingLibrary"),
                text(prov, "createdAt", "provenance.createdAt"), metrics);
        JsonNode fixture = root.get("fixture");
        if (fixture == null || !fixture.isBoolean()) {
            throw new InvalidModelBundleException("fixture must be true or false");
        }
        return new Manifest(integer(root, "formatVersion", "formatVersion"), text(root, "name", "name"),
                text(root, "version", "version"), text(root, "description", "description"), fixture.booleanValue(),
                bands, features, parameters, components, members, provenance);
    }

    public static String toJson(Manifest m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", m.formatVersion());
        root.put("name", m.name());
        root.put("version", m.version());
        root.put("description", m.description());
        root.put("fixture", m.fixture());
        ArrayNode bands = root.putArray("bands");
        for (BandSpec b : m.bands()) {
            bands.addObject().put("name", b.name()).put("softeningNJy", b.softeningNJy());
        }
        ObjectNode features = root.putObject("features");
        features.put("encoding", m.features().encoding());
        features.put("redshiftInput", m.features().redshiftInput());
        m.features().means().forEach(features.putArray("means")::add);
        m.features().stds().forEach(features.putArray("stds")::add);
        ArrayNode params = root.putArray("parameters");
        for (ParameterSpec p : m.parameters()) {
            params.addObject().put("name", p.name()).put("unit", p.unit()).put("lower", p.lower()).put("upper", p.upper())
                    .put("mean", p.mean()).put("std", p.std());
        }
        root.putObject("mixture").put("components", m.mixtureComponents());
        ArrayNode members = root.putArray("members");
        for (MemberSpec s : m.members()) {
            members.addObject().put("file", s.file()).put("weight", s.weight()).put("seed", s.seed());
        }
        ObjectNode prov = root.putObject("provenance");
        prov.put("trainingLibrary", m.provenance().trainingLibrary());
        prov.put("createdAt", m.provenance().createdAt());
        ObjectNode metrics = prov.putObject("metrics");
        new java.util.TreeMap<>(m.provenance().metrics()).forEach(metrics::put);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
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
}
