package io.sedstream.inference.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.bundle.InvalidModelBundleException;
import io.sedstream.inference.bundle.ManifestJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes an evidence bundle's {@code manifest.json}. The band, feature, member and
 * provenance blocks are read and written by {@link ManifestJson}, exactly as in NPE manifests.
 */
public final class EvidenceManifestJson {
    private EvidenceManifestJson() {
    }

    public static EvidenceManifest read(Path file) {
        String text = ManifestJson.readText(file);
        try {
            return parse(text);
        } catch (InvalidModelBundleException e) {
            throw new InvalidModelBundleException(file + ": " + e.getMessage(), e);
        }
    }

    public static EvidenceManifest parse(String json) {
        JsonNode root = ManifestJson.tree(json);
        String kind = ManifestJson.kind(root);
        if (ManifestJson.KIND_POSTERIOR.equals(kind)) {
            throw new InvalidModelBundleException("this is an NPE posterior bundle (no \"" + ManifestJson.KIND_FIELD + "\": \""
                    + ManifestJson.KIND_EVIDENCE + "\"), not an evidence network: load it with io.sedstream.inference.Estimator");
        }
        if (!ManifestJson.KIND_EVIDENCE.equals(kind)) {
            throw new InvalidModelBundleException("unknown bundle kind '" + kind + "', expected \"" + ManifestJson.KIND_EVIDENCE + "\"");
        }
        JsonNode output = ManifestJson.object(root.get("output"), "output");
        String outputName = ManifestJson.text(output, "name", "output.name");
        if (!EvidenceManifest.OUTPUT_NAME.equals(outputName)) {
            throw new InvalidModelBundleException("output.name is '" + outputName + "', expected '" + EvidenceManifest.OUTPUT_NAME + "'");
        }
        int width = ManifestJson.integer(output, "width", "output.width");
        if (width != EvidenceManifest.OUTPUT_WIDTH) {
            throw new InvalidModelBundleException("output.width is " + width + ", expected " + EvidenceManifest.OUTPUT_WIDTH + " (ln K per row)");
        }
        return new EvidenceManifest(ManifestJson.integer(root, "formatVersion", "formatVersion"),
                ManifestJson.text(root, "name", "name"), ManifestJson.text(root, "version", "version"),
                ManifestJson.text(root, "description", "description"), ManifestJson.readFixture(root),
                identity(root, "model1"), identity(root, "model2"),
                ManifestJson.readBands(root), ManifestJson.readFeatures(root), ManifestJson.readMembers(root),
                ManifestJson.readProvenance(root));
    }

    private static ModelIdentity identity(JsonNode root, String field) {
        JsonNode m = ManifestJson.object(root.get(field), field);
        return new ModelIdentity(ManifestJson.text(m, "name", field + ".name"), ManifestJson.text(m, "version", field + ".version"),
                ManifestJson.text(m, "forwardModel", field + ".forwardModel"));
    }

    public static String toJson(EvidenceManifest m) {
        ObjectNode root = ManifestJson.newObject();
        root.put("formatVersion", m.formatVersion());
        root.put(ManifestJson.KIND_FIELD, ManifestJson.KIND_EVIDENCE);
        root.put("name", m.name());
        root.put("version", m.version());
        root.put("description", m.description());
        root.put("fixture", m.fixture());
        putIdentity(root, "model1", m.model1());
        putIdentity(root, "model2", m.model2());
        ManifestJson.writeBands(root, m.bands());
        ManifestJson.writeFeatures(root, m.features());
        root.putObject("output").put("name", EvidenceManifest.OUTPUT_NAME).put("width", EvidenceManifest.OUTPUT_WIDTH)
                .put("definition", EvidenceManifest.OUTPUT_DEFINITION);
        ManifestJson.writeMembers(root, m.members());
        ManifestJson.writeProvenance(root, m.provenance());
        return ManifestJson.render(root);
    }

    private static void putIdentity(ObjectNode root, String field, ModelIdentity id) {
        root.putObject(field).put("name", id.name()).put("version", id.version()).put("forwardModel", id.forwardModel());
    }

    public static void write(EvidenceManifest m, Path file) throws IOException {
        Files.writeString(file, toJson(m), StandardCharsets.UTF_8);
    }
}
