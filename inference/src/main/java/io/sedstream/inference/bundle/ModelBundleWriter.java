package io.sedstream.inference.bundle;

import io.sedstream.inference.onnx.MlpWeights;
import io.sedstream.inference.onnx.OnnxMlpWriter;
import io.sedstream.inference.onnx.SessionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a model bundle directory of either kind (member ONNX files + {@code manifest.json}) and
 * proves it by loading it back, so a bundle that would be refused at serving time is refused at
 * writing time.
 */
public final class ModelBundleWriter {
    private ModelBundleWriter() {
    }

    /**
     * @param memberModels serialised ONNX model per member file name, one for every manifest member
     * @throws InvalidModelBundleException when a member is missing or the written bundle does not load
     */
    public static void write(Path directory, Manifest manifest, Map<String, byte[]> memberModels) throws IOException {
        for (MemberSpec member : manifest.members()) {
            if (!memberModels.containsKey(member.file())) {
                throw new InvalidModelBundleException("no ONNX model given for member " + member.file());
            }
        }
        if (memberModels.size() != manifest.members().size()) {
            throw new InvalidModelBundleException(memberModels.size() + " ONNX models given for " + manifest.members().size() + " members");
        }
        Files.createDirectories(directory);
        for (MemberSpec member : manifest.members()) {
            Files.write(directory.resolve(member.file()), memberModels.get(member.file()));
        }
        ManifestJson.write(manifest, directory.resolve(ManifestJson.FILE_NAME));
        try (ModelBundle check = ModelBundle.load(directory, SessionConfig.defaults(), manifest.kind())) {
            if (!check.manifest().equals(manifest)) {
                throw new IllegalStateException("manifest did not survive its JSON round trip: " + manifest.label());
            }
        }
    }

    /**
     * Writes each member's MLP through the one ONNX writer ({@link OnnxMlpWriter}, input
     * {@value BundleKind#INPUT_NAME}, output the kind's {@link Manifest#outputName()}, metadata
     * {@code sedstream.kind}, {@code sedstream.fixture}, {@code sedstream.seed}), then as {@link #write}.
     *
     * @param memberWeights the network of every manifest member, by member file name; each must take
     *                      the manifest's F features and give {@link Manifest#outputWidth()} values
     * @throws InvalidModelBundleException when a member is missing or mis-shaped, or the written bundle does not load
     */
    public static void writeNetworks(Path directory, Manifest manifest, Map<String, MlpWeights> memberWeights) throws IOException {
        if (memberWeights.size() != manifest.members().size()) {
            throw new InvalidModelBundleException(memberWeights.size() + " networks given for " + manifest.members().size() + " members");
        }
        Map<String, byte[]> models = new LinkedHashMap<>();
        for (MemberSpec member : manifest.members()) {
            MlpWeights mlp = memberWeights.get(member.file());
            if (mlp == null) {
                throw new InvalidModelBundleException("no network given for member " + member.file());
            }
            if (mlp.inputSize() != manifest.featureCount() || mlp.outputSize() != manifest.outputWidth()) {
                throw new InvalidModelBundleException("member " + member.file() + " maps " + mlp.inputSize() + " -> " + mlp.outputSize()
                        + " values; the manifest needs " + manifest.featureCount() + " -> " + manifest.outputWidth());
            }
            models.put(member.file(), OnnxMlpWriter.toBytes(mlp, manifest.name() + "-" + member.file(),
                    Map.of("sedstream.kind", manifest.kind().jsonName(), "sedstream.fixture", Boolean.toString(manifest.fixture()),
                            "sedstream.seed", Long.toString(member.seed())),
                    BundleKind.INPUT_NAME, manifest.outputName()));
        }
        write(directory, manifest, models);
    }
}
