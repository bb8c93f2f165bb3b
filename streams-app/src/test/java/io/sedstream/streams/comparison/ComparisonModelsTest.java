package io.sedstream.streams.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.ModelComparison;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.streams.app.ModelLocator;
import io.sedstream.streams.config.ConfigException;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.estimation.Estimate;
import io.sedstream.streams.estimation.ModelIdentity;
import io.sedstream.streams.testing.FixtureModels;
import io.sedstream.streams.validation.PhotometryValidator;
import io.sedstream.streams.validation.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up checks of the comparison bundles, and the record built for a refused evidence call. */
class ComparisonModelsTest {

    private static BundleEstimator primary;

    @BeforeAll
    static void load() {
        primary = BundleEstimator.load(FixtureModels.defaultBundle());
    }

    @AfterAll
    static void close() {
        primary.close();
    }

    private static SedstreamConfig enabled(Map<String, String> extra) {
        Map<String, String> f = new HashMap<>(Map.of("comparison.enabled", "true"));
        f.putAll(extra);
        return SedstreamConfig.load(null, Map.of(), f);
    }

    @Test
    void matchingBundlesLoad() {
        SedstreamConfig c = enabled(Map.of("comparison.model2", FixtureModels.secondModelBundle().toString(),
                "comparison.evidence", FixtureModels.evidenceBundle().toString(), "comparison.prior-odds", "2"));
        try (ComparisonModels m = ComparisonModels.load(c, primary.model())) {
            assertEquals(ModelLocator.SECOND_MODEL_NAME, m.model2().model().name());
            assertEquals(2.0, m.priorOdds());
            assertTrue(m.fixture());
            assertEquals(ComparisonModels.KEY_PARAMETERS, m.keyParameters());
            assertTrue(m.label().contains("FIXTURE"), m.label());
        }
    }

    @Test
    void aMissingBundleIsRefusedNamingItsKey() {
        ConfigException noModel2 = assertThrows(ConfigException.class,
                () -> ComparisonModels.load(enabled(Map.of("comparison.evidence", FixtureModels.evidenceBundle().toString())), primary.model()));
        assertEquals("comparison.model2", noModel2.key());
        assertTrue(noModel2.getMessage().contains("SEDSTREAM_COMPARISON_MODEL2"), noModel2.getMessage());
        ConfigException noEvidence = assertThrows(ConfigException.class,
                () -> ComparisonModels.load(enabled(Map.of("comparison.model2", FixtureModels.secondModelBundle().toString())), primary.model()));
        assertEquals("comparison.evidence", noEvidence.key());
    }

    @Test
    void aDirectoryThatIsNotABundleIsRefusedNamingItsKey(@TempDir Path empty) {
        ConfigException e = assertThrows(ConfigException.class, () -> ComparisonModels.load(enabled(Map.of(
                "comparison.model2", FixtureModels.secondModelBundle().toString(), "comparison.evidence", empty.toString())), primary.model()));
        assertEquals("comparison.evidence", e.key());
        assertTrue(e.getMessage().contains("not a loadable evidence-network bundle"), e.getMessage());
    }

    @Test
    void anEvidenceNetworkForOtherModelsIsRefused() throws Exception {
        Path otherEvidence = ModelLocator.writeEvidenceFixture("default", ModelLocator.SECOND_MODEL_NAME);
        try {
            ConfigException e = assertThrows(ConfigException.class, () -> ComparisonModels.load(enabled(Map.of(
                    "comparison.model2", FixtureModels.secondModelBundle().toString(), "comparison.evidence", otherEvidence.toString())),
                    primary.model()));
            assertEquals("comparison.evidence", e.key());
            assertTrue(e.getMessage().contains("'default'") && e.getMessage().contains("'" + FixtureModels.PRIMARY_NAME + "'"), e.getMessage());
            // The demo checks the same on the manifests alone.
            assertEquals("comparison.evidence", assertThrows(ConfigException.class, () -> ComparisonModels.checkManifests(
                    FixtureModels.defaultBundle(), FixtureModels.secondModelBundle(), otherEvidence)).key());
        } finally {
            deleteRecursively(otherEvidence);
        }
        // M2 must be the evidence network's model 2, and not the primary model itself.
        assertEquals("comparison.model2", assertThrows(ConfigException.class, () -> ComparisonModels.load(enabled(Map.of(
                "comparison.model2", FixtureModels.defaultBundle().toString(), "comparison.evidence", FixtureModels.evidenceBundle().toString())),
                primary.model())).key());
        ComparisonModels.checkManifests(FixtureModels.defaultBundle(), FixtureModels.secondModelBundle(), FixtureModels.evidenceBundle());
    }

    @Test
    void bandsThatDisagreeAreRefused() {
        ModelIdentity p = primary.model();
        List<String> fewer = p.bands().subList(5, p.bands().size());
        EvidenceIdentity ev = new EvidenceIdentity("ev", "1", false, p.name(), p.version(), "m2", "1", fewer);
        ModelIdentity m2 = new ModelIdentity("m2", "1", false, p.bands(), p.parameters());
        ConfigException e = assertThrows(ConfigException.class, () -> ComparisonModels.check(p, m2, ev, Path.of("m2"), Path.of("ev")));
        assertEquals("comparison.evidence", e.key());
        assertTrue(e.getMessage().contains("same set"), e.getMessage());
        EvidenceIdentity allBands = new EvidenceIdentity("ev", "1", false, p.name(), p.version(), "m2", "1", p.bands());
        ModelIdentity m2Fewer = new ModelIdentity("m2", "1", false, fewer, p.parameters());
        assertEquals("comparison.model2", assertThrows(ConfigException.class,
                () -> ComparisonModels.check(p, m2Fewer, allBands, Path.of("m2"), Path.of("ev"))).key());
        // The same set in another order is fine: bands are matched by name.
        List<String> reversed = new ArrayList<>(p.bands());
        java.util.Collections.reverse(reversed);
        ComparisonModels.check(p, new ModelIdentity("m2", "1", false, reversed, p.parameters()), allBands, Path.of("m2"), Path.of("ev"));
    }

    /** An evidence refusal: no Bayes factor (NaN, no preferred model); the models' summaries and mass difference are still given. */
    @Test
    void aComparisonWithoutEvidenceCarriesTheRefusalAndNoProbability() {
        try (BundleEstimator second = BundleEstimator.load(FixtureModels.secondModelBundle());
             NetworkEvidence ev = NetworkEvidence.load(FixtureModels.evidenceBundle(), 1.0)) {
            ComparisonModels m = ComparisonModels.of(primary.model(), second, ev, 1.0);
            List<Measurement> ms = new ArrayList<>();
            for (String b : primary.model().bands()) {
                ms.add(new Measurement(b, 25.0, 2.0));
            }
            PhotometryRecord r = PhotometryRecord.newBuilder().setObjectId("x").setSurvey("test").setObservedAt(Instant.EPOCH)
                    .setMeasurements(ms).build();
            Validation.Valid galaxy = (Validation.Valid) new PhotometryValidator(primary.model().bands(), 1000, 1e12).validate(r);
            Estimate.Posterior p1 = (Estimate.Posterior) primary.estimate(List.of(galaxy), 0).get(0);
            Estimate.Posterior p2 = (Estimate.Posterior) second.estimate(List.of(galaxy), 0).get(0);
            ModelComparison c = m.compare("x", p1, p2, new Evidence.Failed("ONNX failed on this record", null), 1, 42, 10);
            assertTrue(Double.isNaN(c.getLog10BayesFactor()));
            assertTrue(Double.isNaN(c.getProbabilityModel1()));
            assertEquals("ONNX failed on this record", c.getEvidenceRefusal());
            assertNull(c.getModel2Refusal());
            assertNull(m.preferred(c), "no preferred model without a probability");
            assertEquals(7, c.getSummariesModel2().size());
            assertTrue(Double.isFinite(c.getDeltaLog10SurvivingMass()));
            assertEquals(p1.bandsUsed(), c.getBandsUsed());
            assertEquals(42, c.getInputOffset());
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
