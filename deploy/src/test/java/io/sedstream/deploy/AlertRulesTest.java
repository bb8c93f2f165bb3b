package io.sedstream.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The alert rules (helm/sedstream/files/alerts.yml, also mounted by compose): valid for Prometheus, and their unit tests pass. */
class AlertRulesTest {

    private static final Path DIR = Tools.repo().resolve("ops/prometheus");
    static final Path RULES = Tools.repo().resolve("helm/sedstream/files/alerts.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Set<String> alertNames() throws Exception {
        Set<String> names = new TreeSet<>();
        for (JsonNode group : YAML.readTree(RULES.toFile()).get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                names.add(rule.get("alert").asText());
            }
        }
        return names;
    }

    @Test
    void theAlertsNameTheOperatorsProblems() throws Exception {
        assertTrue(alertNames().containsAll(List.of("SedstreamConsumerLagGrowing", "SedstreamDeadLetterFractionHigh", "SedstreamNotReady",
                "SedstreamNoOutput", "SedstreamFixtureModelServing")), alertNames().toString());
    }

    @Test
    void promtoolChecksTheRules() throws Exception {
        Path promtool = Tools.require("promtool", "prometheus");
        Tools.Result r = Tools.run(DIR, List.of(promtool.toString(), "check", "rules", RULES.toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS: " + alertNames().size() + " rules found"), r.output());
    }

    @Test
    void promtoolUnitTestsPassWithAFiringCaseForEveryAlert() throws Exception {
        Set<String> firing = new TreeSet<>();
        for (JsonNode test : YAML.readTree(DIR.resolve("alerts.test.yml").toFile()).get("tests")) {
            for (JsonNode t : test.path("alert_rule_test")) {
                if (!t.path("exp_alerts").isEmpty()) {
                    firing.add(t.get("alertname").asText());
                }
            }
        }
        Set<String> untested = new TreeSet<>(alertNames());
        untested.removeAll(firing);
        assertTrue(untested.isEmpty(), "alerts without a firing test case in alerts.test.yml: " + untested);
        assertFalse(firing.isEmpty());

        Path promtool = Tools.require("promtool", "prometheus");
        Tools.Result r = Tools.run(DIR, List.of(promtool.toString(), "test", "rules", "alerts.test.yml"));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }
}
