package io.sedstream.deploy;

import io.sedstream.streams.config.SedstreamConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment a sedstream container sees, checked by the application's own configuration
 * validator. Paths inside the image are mapped to where the image takes them from (the Dockerfile
 * copies {@code models/} to {@code /opt/sedstream/models}), so a bundle the deployment names must
 * exist in the repository too.
 */
final class ContainerEnv {
    static final String IMAGE_MODELS = "/opt/sedstream/models";

    private ContainerEnv() {
    }

    /** The {@code ENV} of the Dockerfile's final stage. */
    static Map<String, String> dockerfileEnv() throws IOException {
        List<String> lines = Files.readAllLines(Tools.repo().resolve("Dockerfile"));
        int lastFrom = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        StringBuilder joined = new StringBuilder();
        for (String l : lines.subList(lastFrom, lines.size())) {
            joined.append(l.endsWith("\\") ? l.substring(0, l.length() - 1) + " " : l + "\n");
        }
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)");
        for (String l : joined.toString().split("\n")) {
            if (l.startsWith("ENV ")) {
                Matcher m = pair.matcher(l.substring(4));
                while (m.find()) {
                    env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
                }
            }
        }
        return env;
    }

    /** Validates {@code env} (the image's ENV under the deployment's) as the service would at start. */
    static SedstreamConfig validate(Map<String, String> deploymentEnv) throws IOException {
        Map<String, String> env = new TreeMap<>(dockerfileEnv());
        env.putAll(deploymentEnv);
        String models = Tools.repo().resolve("models").toString();
        env.replaceAll((k, v) -> v.startsWith(IMAGE_MODELS) ? models + v.substring(IMAGE_MODELS.length()) : v);
        return SedstreamConfig.load(null, env, Map.of());
    }

    /** Whether a model directory the configuration names holds a bundle. */
    static boolean isBundle(Path dir) {
        return Files.isRegularFile(dir.resolve("manifest.json"));
    }
}
