package io.sedstream.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sedstream.inference.QualityFlag;
import io.sedstream.schemas.DeadLetter;
import io.sedstream.schemas.DeadLetterReason;
import io.sedstream.schemas.ParameterSummary;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.app.PosteriorService;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.metrics.StreamMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.Test;

/**
 * Issue 13's reproduction through the topology with the SHIPPED default model: photometry far
 * outside the training set (14 bands of 50 +- 10, 120 +- 10, 30 +- 50 and 0 +- 20 nJy; training saw
 * errors of a few nJy) used to come out as "0 failed" with std 0, means outside the box and
 * std 2.4e7. Now each published summary is self-consistent and flagged, and a posterior the network
 * cannot express in double precision goes to the dead-letter topic with the reason. (That ordinary
 * simulated galaxies are rarely flagged is {@code ShippedModelFlagRateTest}.)
 */
class ShippedModelQualityTest {
    private static final SchemaStore SCHEMAS = SchemaStore.builtIn();
    private static final AvroCodec<PhotometryRecord> PHOTOMETRY = new AvroCodec<>(PhotometryRecord.class, SCHEMAS);
    private static final AvroCodec<PosteriorSummary> POSTERIOR = new AvroCodec<>(PosteriorSummary.class, SCHEMAS);
    private static final AvroCodec<DeadLetter> DEAD_LETTER = new AvroCodec<>(DeadLetter.class, SCHEMAS);
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    @Test
    void outOfDistributionPhotometryIsFlaggedOrDeadLetteredNeverContradictory() {
        SedstreamConfig config = SedstreamConfig.defaults();
        StreamMetrics metrics = new StreamMetrics(new PrometheusRegistry());
        Properties props = PosteriorService.properties(config, SCHEMAS, metrics);
        props.put("processing.guarantee", "at_least_once"); // the test driver models no transactions (see PosteriorTopologyTest)
        try (BundleEstimator estimator = BundleEstimator.load(Path.of("../models/default/1.2.0"));
             TopologyTestDriver driver = new TopologyTestDriver(PosteriorService.topology(config, estimator, SCHEMAS, metrics), props)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(Topics.PHOTOMETRY, new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic(Topics.POSTERIORS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic(Topics.PHOTOMETRY_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            Map<String, double[]> inputs = Map.of("flat-50", new double[] {50, 10}, "flat-120", new double[] {120, 10},
                    "flat-30-err-50", new double[] {30, 50}, "zero-err-20", new double[] {0, 20});
            for (var e : inputs.entrySet()) {
                PhotometryRecord r = PosteriorTopologyTest.record(e.getKey(), PosteriorTopologyTest.allBands(e.getValue()[0], e.getValue()[1]));
                in.pipeInput(new TestRecord<>(e.getKey().getBytes(StandardCharsets.UTF_8), PHOTOMETRY.encode(r), new RecordHeaders(), T0));
            }
            driver.advanceWallClockTime(Duration.ofMillis(config.batchLingerMs()));

            Map<String, PosteriorSummary> published = new HashMap<>();
            for (byte[] v : out.readValuesToList()) {
                PosteriorSummary s = POSTERIOR.decode(v);
                published.put(s.getObjectId(), s);
            }
            Map<String, DeadLetter> dead = new HashMap<>();
            for (byte[] v : dlq.readValuesToList()) {
                DeadLetter d = DEAD_LETTER.decode(v);
                dead.put(new String(d.getInputKey().array(), StandardCharsets.UTF_8), d);
            }
            assertEquals(inputs.keySet(), union(published.keySet(), dead.keySet()), "every record is published or dead-lettered");
            assertTrue(published.keySet().containsAll(List.of("flat-50", "flat-120")), "published: " + published.keySet());
            for (PosteriorSummary s : published.values()) {
                for (ParameterSummary p : s.getParameters()) {
                    double[] ordered = {p.getP25(), p.getP16(), p.getMedian(), p.getP84(), p.getP975()};
                    for (int j = 1; j < ordered.length; j++) {
                        assertTrue(ordered[j - 1] <= ordered[j], s.getObjectId() + " " + p);
                    }
                    assertTrue(Double.isFinite(p.getMean()) && Double.isFinite(p.getStd()), s.getObjectId() + " " + p);
                    assertTrue(p.getP975() - p.getP25() == 0 || p.getStd() > 0, s.getObjectId() + " " + p);
                }
                boolean outside = s.getQuality().getMassOutsidePriorBox() > QualityFlag.OUTSIDE_PRIOR_BOX_FRACTION;
                assertEquals(outside, s.getQuality().getFlags().contains(QualityFlag.POSTERIOR_OUTSIDE_PRIOR_BOX.name()), s.getObjectId());
            }
            assertTrue(published.get("flat-50").getQuality().getFlags().contains(QualityFlag.POSTERIOR_OUTSIDE_PRIOR_BOX.name()),
                    "the issue's flat 50 +- 10 nJy galaxy is flagged: " + published.get("flat-50").getQuality());
            for (DeadLetter d : dead.values()) {
                assertEquals(DeadLetterReason.INFERENCE_FAILED, d.getReason());
                assertTrue(d.getDescription().contains("POSTERIOR_DEGENERATE"), d.getDescription());
            }
            long flagged = published.values().stream().filter(s -> !s.getQuality().getFlags().isEmpty()).count();
            assertEquals(flagged, (long) metrics.qualityFlags(QualityFlag.POSTERIOR_OUTSIDE_PRIOR_BOX.name()));
        }
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
