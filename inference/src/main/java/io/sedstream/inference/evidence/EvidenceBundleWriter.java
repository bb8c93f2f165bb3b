package io.sedstream.inference.evidence;

import io.sedstream.inference.bundle.InvalidModelBundleException;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.inference.bundle.MemberSpec;
import io.sedstream.inference.onnx.MlpWeights;
import io.sedstream.inference.onnx.OnnxMlpWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes an evidence bundle: each member's {@link MlpWeights} through the one ONNX writer
 * ({@link OnnxMlpWriter}, input {@value EvidenceManifest#INPUT_NAME}, output
 * {@value EvidenceManifest#OUTPUT_NAME}), then {@code manifest.json}, and proves the bundle by
 * loading it back, so a bundle that would be refused at serving time is refused at writing time.
 */
public final class EvidenceBundleWriter {
    private EvidenceBundleWriter() {
    }

    /**
     * @param memberWeights the network of every manifest member, by member file name; each must
     *                      take the manifest's F features and give one output
     * @throws InvalidModelBundleException when a member is missing or mis-shaped, or the written bundle does not load
     */
    public static void write(Path directory, EvidenceManifest manifest, Map<String, MlpWeights> memberWeights) throws IOException {
        if (memberWeights.size() != manifest.members().size()) {
            throw new InvalidModelBundleException(memberWeights.size() + " networks given for " + manifest.members().size() + " members");
        }
        for (MemberSpec member : manifest.members()) {
            MlpWeights mlp = memberWeights.get(member.file());
            if (mlp == null) {
                throw new InvalidModelBundleException("no network given for member " + member.file());
            }
            if (mlp.inputSize() != manifest.featureCount() || mlp.outputSize() != EvidenceManifest.OUTPUT_WIDTH) {
                throw new InvalidModelBundleException("member " + member.file() + " maps " + mlp.inputSize() + " -> " + mlp.outputSize()
                        + " values; the manifest needs " + manifest.featureCount() + " -> " + EvidenceManifest.OUTPUT_WIDTH);
            }
        }
        Files.createDirectories(directory);
        for (MemberSpec member : manifest.members()) {
            byte[] onnx = OnnxMlpWriter.toBytes(memberWeights.get(member.file()), manifest.name() + "-" + member.file(),
                    Map.of("sedstream.kind", ManifestJson.KIND_EVIDENCE, "sedstream.fixture", Boolean.toString(manifest.fixture()),
                            "sedstream.seed", Long.toString(member.seed())),
                    EvidenceManifest.INPUT_NAME, EvidenceManifest.OUTPUT_NAME);
            Files.write(directory.resolve(member.file()), onnx);
        }
        EvidenceManifestJson.write(manifest, directory.resolve(ManifestJson.FILE_NAME));
        try (EvidenceNetwork check = EvidenceNetwork.load(directory)) {
            if (!check.manifest().equals(manifest)) {
                throw new IllegalStateException("evidence manifest did not survive its JSON round trip: " + manifest.label());
            }
        }
    }
}
