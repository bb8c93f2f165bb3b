package io.sedstream.inference.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a model bundle directory (member ONNX files + {@code manifest.json}) and proves it by
 * loading it back, so a bundle that would be refused at serving time is refused at writing time.
 */
public final class ModelBundleWriter {
    private ModelBundleWriter() {
    }

    /**
     * @param memberModels serialised ONNX model per member file name, one for every manifest member
     * @throws InvalidModelBundleException when the written bundle does not load
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
        try (ModelBundle check = ModelBundle.load(directory)) {
            if (check.memberCount() != manifest.members().size()) {
                throw new IllegalStateException("bundle reloaded with " + check.memberCount() + " members");
            }
        }
    }
}
