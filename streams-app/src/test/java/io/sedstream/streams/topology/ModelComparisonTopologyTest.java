package io.sedstream.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.evidence.EvidenceNetwork;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.schemas.DeadLetter;
import io.sedstream.schemas.DeadLetterReason;
import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.ModelComparison;
import io.sedstream.schemas.ParameterSummary;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.app.PosteriorService;
import io.sedstream.streams.comparison.ComparisonModels;
import io.sedstream.streams.comparison.NetworkEvidence;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.metrics.StreamMetrics;
import io.sedstream.streams.testing.FixtureModels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model-comparison path of the topology on real estimators and a real evidence network (seeded
 * fixture bundles), without a broker: one comparison per posterior, its fields checked against
 * direct calls of the inference module, no comparison output when off, refusals kept.
 */
class ModelComparisonTopologyTest {

    private static final SchemaStore SCHEMAS = SchemaStore.builtIn();
    private static final AvroCodec<PhotometryRecord> PHOTOMETRY = new AvroCodec<>(PhotometryRecord.class, SCHEMAS);
    private static final AvroCodec<PosteriorSummary> POSTERIOR = new AvroCodec<>(PosteriorSummary.class, SCHEMAS);
    private static final AvroCodec<ModelComparison> COMPARISON = new AvroCodec<>(ModelComparison.class, SCHEMAS);
    private static final AvroCodec<DeadLetter> DEAD_LETTER = new AvroCodec<>(DeadLetter.class, SCHEMAS);
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final String SURVIVING_MASS = "log10_surviving_mass";

    private static BundleEstimator primary;
    private static BundleEstimator second;
    private static NetworkEvidence evidence;
    private StreamMetrics metrics;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> in;
    private TestOutputTopic<byte[], byte[]> out;
    private TestOutputTopic<byte[], byte[]> comparisons;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeAll
    static void loadModels() {
        primary = BundleEstimator.load(FixtureModels.defaultBundle());
        second = BundleEstimator.load(FixtureModels.secondModelBundle());
        evidence = NetworkEvidence.load(FixtureModels.evidenceBundle(), 1.0);
    }

    @AfterAll
    static void closeModels() {
        primary.close();
        second.close();
        evidence.close();
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(SedstreamConfig config, BundleEstimator m1, ComparisonModels comparison) {
        metrics = new StreamMetrics(new PrometheusRegistry());
        Properties props = PosteriorService.properties(config, SCHEMAS, metrics);
        props.put("processing.guarantee", "at_least_once"); // as in PosteriorTopologyTest; exactly-once is tested on the broker
        driver = new TopologyTestDriver(PosteriorService.topology(config, m1, comparison, SCHEMAS, metrics), props);
        in = driver.createInputTopic(Topics.PHOTOMETRY, new ByteArraySerializer(), new ByteArraySerializer());
        out = driver.createOutputTopic(Topics.POSTERIORS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        comparisons = driver.createOutputTopic(Topics.MODEL_COMPARISON, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(Topics.PHOTOMETRY_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static SedstreamConfig config(Map<String, String> flags) {
        return SedstreamConfig.load(null, Map.of(), flags);
    }

    /** A galaxy with a rising spectrum (different per index), optionally without the first band. */
    private static PhotometryRecord galaxy(String id, int i, boolean maskFirst) {
        List<Measurement> ms = new ArrayList<>();
        List<String> bands = primary.model().bands();
        for (int b = 0; b < bands.size(); b++) {
            double flux = (5 + 3 * i) * (1 + 0.2 * b);
            ms.add(maskFirst && b == 0 ? new Measurement(bands.get(b), null, null) : new Measurement(bands.get(b), flux, 1.0 + 0.1 * i));
        }
        return PosteriorTopologyTest.record(id, ms);
    }

    private void pipeAll(List<PhotometryRecord> records) {
        for (PhotometryRecord r : records) {
            in.pipeInput(new TestRecord<>(r.getObjectId().getBytes(StandardCharsets.UTF_8), PHOTOMETRY.encode(r), new RecordHeaders(), T0));
        }
        driver.advanceWallClockTime(Duration.ofMillis(SedstreamConfig.defaults().batchLingerMs()));
    }

    private static List<BandFlux> fluxes(PhotometryRecord r) {
        return r.getMeasurements().stream().map(m -> new BandFlux(m.getBand(), m.getFluxNJy(), m.getFluxErrNJy())).toList();
    }

    private static Map<String, ParameterSummary> byName(List<ParameterSummary> ps) {
        Map<String, ParameterSummary> m = new HashMap<>();
        ps.forEach(p -> m.put(p.getName(), p));
        return m;
    }

    @Test
    void everyPosteriorGetsOneComparisonWhoseFieldsMatchTheModelsCalledDirectly() {
        double priorOdds = 3.0;
        SedstreamConfig config = config(Map.of("comparison.enabled", "true", "comparison.prior-odds", Double.toString(priorOdds)));
        try (NetworkEvidence ev = NetworkEvidence.load(FixtureModels.evidenceBundle(), priorOdds)) {
            ComparisonModels cm = ComparisonModels.of(primary.model(), second, ev, priorOdds);
            start(config, primary, cm);
            List<PhotometryRecord> records = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                records.add(galaxy("gal-" + i, i, i == 2));
            }
            pipeAll(records); // one batch of 6, run by the linger punctuator

            Map<String, PosteriorSummary> posteriors = new HashMap<>();
            out.readRecordsToList().forEach(r -> posteriors.put(new String(r.key(), StandardCharsets.UTF_8), POSTERIOR.decode(r.value())));
            List<TestRecord<byte[], byte[]>> cs = comparisons.readRecordsToList();
            assertEquals(6, posteriors.size());
            assertEquals(6, cs.size(), "one comparison per posterior");
            assertTrue(dlq.isEmpty());

            try (EvidenceNetwork direct = EvidenceNetwork.load(FixtureModels.evidenceBundle());
                 Estimator m2Direct = Estimator.load(FixtureModels.secondModelBundle())) {
                for (int i = 0; i < cs.size(); i++) {
                    TestRecord<byte[], byte[]> r = cs.get(i);
                    ModelComparison c = COMPARISON.decode(r.value());
                    String id = new String(r.key(), StandardCharsets.UTF_8);
                    PhotometryRecord input = records.stream().filter(g -> g.getObjectId().equals(id)).findFirst().orElseThrow();
                    PosteriorSummary post = posteriors.get(id);
                    assertEquals(id, c.getObjectId(), "key = objectId");
                    assertEquals(T0, r.getRecordTime(), "the comparison keeps the input timestamp");
                    assertEquals(post.getModelName() + "/" + post.getModelVersion(), c.getModel1());
                    assertEquals(second.model().name() + "/" + second.model().version(), c.getModel2());
                    assertEquals(ev.identity().name() + "/" + ev.identity().version(), c.getEvidenceNetwork());
                    assertTrue(c.getFixture(), "fixture bundles are labelled");
                    assertEquals("true", new String(r.headers().lastHeader("sedstream.fixture").value(), StandardCharsets.UTF_8));

                    // log10 K is the evidence network's for THIS record (batch order kept), P(M1) = K q / (1 + K q).
                    double log10K = direct.evaluate(fluxes(input)).log10BayesFactor();
                    assertEquals(log10K, c.getLog10BayesFactor(), 1e-9, id);
                    double k = Math.pow(10, c.getLog10BayesFactor());
                    assertEquals(k * priorOdds / (1 + k * priorOdds), c.getProbabilityModel1(), 1e-9);
                    assertEquals(priorOdds, c.getPriorOdds());

                    // Summaries: the key parameters both models have, M1's as in the posterior, M2's as its NPE gives them.
                    List<String> names = c.getSummariesModel1().stream().map(ParameterSummary::getName).toList();
                    assertEquals(ComparisonModels.KEY_PARAMETERS, names, "all seven key parameters, in order");
                    assertEquals(names, c.getSummariesModel2().stream().map(ParameterSummary::getName).toList());
                    Map<String, ParameterSummary> m1 = byName(post.getParameters());
                    for (ParameterSummary s : c.getSummariesModel1()) {
                        assertEquals(m1.get(s.getName()), s, "M1 summary of " + s.getName() + " is the posterior's");
                    }
                    double m2Median = m2Direct.estimate(fluxes(input)).parameters().stream()
                            .filter(p -> p.name().equals(SURVIVING_MASS)).findFirst().orElseThrow().median();
                    assertEquals(m2Median, byName(c.getSummariesModel2()).get(SURVIVING_MASS).getMedian(), 1e-9);
                    assertEquals(m1.get(SURVIVING_MASS).getMedian() - m2Median, c.getDeltaLog10SurvivingMass(), 1e-9, "M1 - M2 in dex");

                    assertEquals(post.getInputPartition(), c.getInputPartition());
                    assertEquals(post.getInputOffset(), c.getInputOffset());
                    assertTrue(c.getProcessingLatencyMicros() >= post.getProcessingLatencyMicros(),
                            "the comparison's compute time includes the posterior's");
                    assertNull(c.getModel2Refusal());
                    assertNull(c.getEvidenceRefusal());
                    if (id.equals("gal-2")) {
                        assertEquals(List.of(primary.model().bands().get(0)), c.getBandsMasked());
                        assertEquals(13, c.getBandsUsed().size());
                    } else {
                        assertTrue(c.getBandsMasked().isEmpty());
                        assertEquals(14, c.getBandsUsed().size());
                    }
                }
            }
            assertEquals(6, metrics.comparisonsOut());
            assertEquals(6, metrics.comparisonsPreferring(primary.model().name()) + metrics.comparisonsPreferring(second.model().name())
                    + metrics.comparisonsPreferring("undecided"), "each comparison prefers one model (or neither)");
            assertEquals(6, metrics.log10BayesFactorCount());
            assertEquals(6, metrics.posteriorsOut());
        }
    }

    @Test
    void withComparisonOffThereIsNoComparisonOutput() {
        start(SedstreamConfig.defaults(), primary, null);
        pipeAll(List.of(galaxy("a", 1, false), galaxy("b", 2, false)));
        assertEquals(2, out.readRecordsToList().size());
        assertTrue(comparisons.isEmpty());
        assertFalse(driver.producedTopicNames().contains(Topics.MODEL_COMPARISON), "no comparison sink at all");
        assertEquals(0, metrics.comparisonsOut());
    }

    /**
     * M2 refuses records without a spectroscopic redshift (its fixture conditions on z): the record still
     * gets its posterior, and its comparison says who refused and why, with log10 K still given.
     */
    @Test
    void aRecordTheSecondModelRefusesKeepsItsPosteriorAndGetsAFlaggedComparison() {
        try (BundleEstimator needsZ = BundleEstimator.load(FixtureModels.secondModelNeedingRedshift())) {
            start(config(Map.of("comparison.enabled", "true")), primary, ComparisonModels.of(primary.model(), needsZ, evidence, 1.0));
            PhotometryRecord withZ = PhotometryRecord.newBuilder(galaxy("with-z", 1, false)).setSpecZ(2.5).build();
            pipeAll(List.of(galaxy("no-z", 2, false), withZ));

            assertEquals(2, out.readRecordsToList().size(), "both records have their posterior");
            assertTrue(dlq.isEmpty(), "a refused comparison is not a dead letter");
            Map<String, ModelComparison> cs = new HashMap<>();
            comparisons.readRecordsToList().forEach(r -> cs.put(new String(r.key(), StandardCharsets.UTF_8), COMPARISON.decode(r.value())));
            assertEquals(2, cs.size());
            ModelComparison refused = cs.get("no-z");
            assertTrue(refused.getModel2Refusal().contains("MISSING_REDSHIFT"), refused.getModel2Refusal());
            assertTrue(refused.getSummariesModel2().isEmpty());
            assertNull(refused.getDeltaLog10SurvivingMass());
            assertEquals(7, refused.getSummariesModel1().size());
            assertTrue(Double.isFinite(refused.getLog10BayesFactor()), "the evidence network needs no redshift");
            assertNull(refused.getEvidenceRefusal());
            ModelComparison ok = cs.get("with-z");
            assertNull(ok.getModel2Refusal());
            assertEquals(7, ok.getSummariesModel2().size());
            assertEquals(1, metrics.comparisonRefusals(StreamMetrics.REFUSED_BY_MODEL2));
            assertEquals(0, metrics.comparisonRefusals(StreamMetrics.REFUSED_BY_EVIDENCE));
            assertEquals(2, metrics.comparisonsOut());
        }
    }

    /** A record the PRIMARY model refuses is dead-lettered as before, and has no comparison (there is no posterior to compare). */
    @Test
    void aRecordThePrimaryModelRefusesIsDeadLetteredWithoutAComparison() {
        try (BundleEstimator needsZ = BundleEstimator.load(FixtureModels.redshiftInputBundle())) {
            start(config(Map.of("comparison.enabled", "true")), needsZ, ComparisonModels.of(needsZ.model(), second, evidence, 1.0));
            PhotometryRecord withZ = PhotometryRecord.newBuilder(galaxy("with-z", 1, false)).setSpecZ(2.5).build();
            pipeAll(List.of(galaxy("no-z", 2, false), withZ));
            assertEquals(DeadLetterReason.INFERENCE_FAILED, DEAD_LETTER.decode(dlq.readValue()).getReason());
            assertEquals("with-z", POSTERIOR.decode(out.readValue()).getObjectId());
            List<TestRecord<byte[], byte[]>> cs = comparisons.readRecordsToList();
            assertEquals(1, cs.size());
            assertEquals("with-z", COMPARISON.decode(cs.get(0).value()).getObjectId());
        }
    }
}
