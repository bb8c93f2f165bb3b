package io.sedstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.streams.config.SedstreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The image recipe, checked without a Docker engine: what it copies exists, and what it sets the application accepts. */
class DockerfileTest {

    private static final Path DOCKERFILE = Tools.repo().resolve("Dockerfile");

    @Test
    void theImageRunsTheServingDistributionAsANonRootUserWithContainerJvmFlagsAndAHealthcheck() throws Exception {
        List<String> lines = Files.readAllLines(DOCKERFILE);
        String text = String.join("\n", lines);
        assertTrue(text.contains("-pl streams-app -am package"), "builds the serving distribution only");
        assertTrue(text.contains("cp -r streams-app/target/sedstream-*/. /dist/"), "copies the assembly's bin + lib");
        assertTrue(Files.isExecutable(Tools.repo().resolve("streams-app/src/dist/bin/sedstream")), "the launcher the entrypoint runs");
        assertTrue(text.contains("ENTRYPOINT [\"/opt/sedstream/bin/sedstream\"]"), text);
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertTrue(!user.contains(" root") && !user.matches("USER 0(:.*)?"), "runs as a non-root user: " + user);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("HEALTHCHECK") && l.contains("/health/ready")), "healthcheck on readiness");
        Map<String, String> env = ContainerEnv.dockerfileEnv();
        assertTrue(env.get("JAVA_OPTS").contains("-XX:MaxRAMPercentage="), "heap sized from the container limit: " + env);
        assertTrue(text.contains("COPY models " + ContainerEnv.IMAGE_MODELS), "the shipped models are baked in");
        for (String l : lines) {
            if (l.startsWith("COPY ") && !l.contains("--from=")) {
                String[] parts = l.split("\\s+");
                for (int i = 1; i < parts.length - 1; i++) {
                    assertTrue(Files.exists(Tools.repo().resolve(parts[i])), "COPY source exists: " + parts[i]);
                }
            }
        }
        assertTrue(Files.readString(Tools.repo().resolve(".dockerignore")).contains("**/target"), "build outputs stay out of the context");
    }

    @Test
    void everySedstreamVariableTheImageSetsIsAcceptedByTheConfigurationValidator() throws Exception {
        SedstreamConfig c = ContainerEnv.validate(Map.of());
        assertEquals(8080, c.httpPort());
        assertEquals(Path.of("/var/lib/sedstream/state"), c.stateDir().orElseThrow());
        assertTrue(ContainerEnv.isBundle(c.modelsRoot().resolve("default/1.2.0")), "the baked-in models root holds the default bundle");
    }
}
