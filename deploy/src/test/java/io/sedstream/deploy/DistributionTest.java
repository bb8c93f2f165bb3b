package io.sedstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The production distribution that {@code mvn package} builds in streams-app (what the image runs). */
class DistributionTest {

    static Path distribution() throws Exception {
        try (Stream<Path> s = Files.list(Tools.repo().resolve("streams-app/target"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("sedstream-") && Files.isDirectory(p)).findFirst()
                    .orElseThrow(() -> new AssertionError("no streams-app/target/sedstream-<version>/: run mvn package (verify) in the reactor"));
        }
    }

    @Test
    void itHoldsTheServingCommandsAndNoBrokerTestKitBouncyCastleDjlOrPhysics() throws Exception {
        Path dist = distribution();
        List<String> jars;
        try (Stream<Path> s = Files.list(dist.resolve("lib"))) {
            jars = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("streams-app-")) && jars.stream().anyMatch(j -> j.startsWith("kafka-streams-")), jars.toString());
        for (String banned : List.of("kafka_2.13", "kafka-server", "kafka-test-common", "-test.jar", "bcpkix", "bcprov", "api-0.", "pytorch",
                "sed-model", "trainer", "demo-", "junit")) {
            assertTrue(jars.stream().noneMatch(j -> j.contains(banned)), banned + " in the distribution: " + jars);
        }
        Tools.Result help = Tools.run(dist, List.of(dist.resolve("bin/sedstream").toString(), "--help"));
        assertEquals(0, help.exit(), help.output());
        String commands = help.output().substring(help.output().indexOf("Commands:"));
        assertEquals(List.of("run", "produce", "consume", "infer", "help"),
                commands.lines().skip(1).filter(l -> l.matches("  \\S.*")).map(l -> l.trim().split("\\s+")[0]).toList(), help.output());
        Tools.Result badKey = Tools.run(dist, List.of(dist.resolve("bin/sedstream").toString(), "run", "--set", "no.such.key=1"));
        assertEquals(2, badKey.exit(), badKey.output());
        assertTrue(badKey.output().contains("unknown configuration key 'no.such.key'"), badKey.output());
    }
}
