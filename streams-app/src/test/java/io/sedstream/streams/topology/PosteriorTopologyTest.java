package io.sedstream.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sedstream.inference.bundle.FixtureBundleWriter;
import io.sedstream.schemas.DeadLetter;
import io.sedstream.schemas.DeadLetterReason;
import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.ParameterSummary;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.PosteriorSummary;
import io.sedstream.schemas.RedshiftSource;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.app.PosteriorService;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.metrics.StreamMetrics;
import io.sedstream.streams.testing.FixtureModels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every path of the topology on the real estimator (a seeded fixture bundle), without a broker. */
class PosteriorTopologyTest {

    private static final List<String> BANDS = FixtureBundleWriter.JADES_GS_14;
    private static final SchemaStore SCHEMAS = SchemaStore.builtIn();
    private static final AvroCodec<PhotometryRecord> PHOTOMETRY = new AvroCodec<>(PhotometryRecord.class, SCHEMAS);
    private static final AvroCodec<PosteriorSummary> POSTERIOR = new AvroCodec<>(PosteriorSummary.class, SCHEMAS);
    private static final AvroCodec<DeadLetter> DEAD_LETTER = new AvroCodec<>(DeadLetter.class, SCHEMAS);
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    private static BundleEstimator estimator;
    private StreamMetrics metrics;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> in;
    private TestOutputTopic<byte[], byte[]> out;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeAll
    static void loadModel() {
        estimator = BundleEstimator.load(FixtureModels.defaultBundle());
    }

    @AfterAll
    static void closeModel() {
        estimator.close();
    }

    @BeforeEach
    void start() {
        startWith(SedstreamConfig.defaults(), estimator);
    }

    private void startWith(SedstreamConfig config, BundleEstimator est) {
        metrics = new StreamMetrics(new PrometheusRegistry());
        java.util.Properties props = PosteriorService.properties(config, SCHEMAS, metrics);
        // The test driver does not model transactions, and under exactly_once it drops the dead letters a
        // deserialization handler returns (Kafka Streams 4.4 test-utils). Exactly-once, including those
        // dead letters, is tested on a real broker in PosteriorPipelineIT.
        props.put("processing.guarantee", "at_least_once");
        driver = new TopologyTestDriver(PosteriorService.topology(config, est, SCHEMAS, metrics), props);
        in = driver.createInputTopic(Topics.PHOTOMETRY, new ByteArraySerializer(), new ByteArraySerializer());
        out = driver.createOutputTopic(Topics.POSTERIORS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(Topics.PHOTOMETRY_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static List<Measurement> allBands(double fluxNJy, double errNJy) {
        List<Measurement> ms = new ArrayList<>();
        for (String b : BANDS) {
            ms.add(new Measurement(b, fluxNJy, errNJy));
        }
        return ms;
    }

    static PhotometryRecord record(String id, List<Measurement> ms) {
        return PhotometryRecord.newBuilder().setObjectId(id).setSurvey("test").setObservedAt(T0).setMeasurements(ms).build();
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    /** Pipes one record, then lets the batch linger expire so a partly filled batch is run (as a quiet stream would). */
    private void pipe(String key, byte[] value) {
        in.pipeInput(new TestRecord<>(key(key), value, new RecordHeaders(), T0));
        driver.advanceWallClockTime(Duration.ofMillis(SedstreamConfig.defaults().batchLingerMs()));
    }

    @Test
    void aGoodRecordBecomesOnePosteriorKeyedByObjectId() {
        List<Measurement> ms = allBands(20.0, 2.0);
        ms.set(0, new Measurement(BANDS.get(0), null, null));        // masked
        ms.set(1, new Measurement(BANDS.get(1), 3.0, 2.0));          // observed, S/N 1.5: not detected
        ms.add(new Measurement("subaru.hsc.g", 5.0, 1.0));           // unknown: ignored, counted
        pipe("wrong-key-is-replaced", PHOTOMETRY.encode(record("gal-1", ms)));

        assertTrue(dlq.isEmpty());
        TestRecord<byte[], byte[]> r = out.readRecord();
        assertEquals("gal-1", new String(r.key(), StandardCharsets.UTF_8));
        assertEquals(T0, r.getRecordTime(), "the output keeps the input timestamp");
        assertEquals(FixtureBundleWriter.defaultParameters().get(0).name(), POSTERIOR.decode(r.value()).getParameters().get(0).getName());
        PosteriorSummary s = POSTERIOR.decode(r.value());
        assertEquals("gal-1", s.getObjectId());
        assertTrue(s.getModelFixture(), "a fixture bundle must be labelled");
        assertTrue(s.getQuality().getFixtureModel());
        assertEquals(12, s.getParameters().size());
        for (ParameterSummary p : s.getParameters()) {
            assertTrue(p.getP25() <= p.getP16() && p.getP16() <= p.getMedian() && p.getMedian() <= p.getP84()
                    && p.getP84() <= p.getP975(), p.getName() + " percentiles out of order");
            assertTrue(p.getStd() > 0, p.getName());
        }
        assertEquals(List.of(BANDS.get(0)), s.getBandsMasked());
        assertEquals(13, s.getBandsUsed().size());
        assertEquals(12, s.getQuality().getBandsDetected(), "13 used bands, one at S/N 1.5");
        assertFalse(s.getQuality().getDetectedBands().contains(BANDS.get(1)));
        assertEquals(List.of("subaru.hsc.g"), s.getQuality().getUnknownBandsIgnored());
        assertEquals(Topics.PHOTOMETRY, s.getInputTopic());
        assertEquals(0, s.getInputOffset());
        assertEquals(T0, s.getInputTimestamp());
        assertTrue(s.getProcessingLatencyMicros() > 0);
        assertTrue(s.getSamples().isEmpty(), "samples default to 0");
        assertEquals(s.getModelName() + "/" + s.getModelVersion(),
                new String(r.headers().lastHeader("sedstream.model").value(), StandardCharsets.UTF_8));
        assertEquals("true", new String(r.headers().lastHeader("sedstream.fixture").value(), StandardCharsets.UTF_8));

        assertEquals(1, metrics.recordsIn());
        assertEquals(1, metrics.posteriorsOut());
        assertEquals(1, metrics.unknownBands("subaru.hsc.g"));
        assertEquals(1, metrics.maskedBands(BANDS.get(0)));
        assertEquals(0, metrics.deadLettersTotal());
    }

    @Test
    void aSpecZConditionsThePosteriorAndIsMarkedSpectroscopic() {
        PhotometryRecord given = record("gal-z", allBands(20.0, 2.0));
        given.setSpecZ(3.25);
        pipe("gal-z", PHOTOMETRY.encode(given));
        pipe("gal-p", PHOTOMETRY.encode(record("gal-p", allBands(20.0, 2.0))));
        PhotometryRecord outside = record("gal-far", allBands(20.0, 2.0));
        outside.setSpecZ(99.0);
        pipe("gal-far", PHOTOMETRY.encode(outside));

        PosteriorSummary s = POSTERIOR.decode(out.readValue());
        assertEquals(RedshiftSource.spectroscopic, s.getRedshiftSource());
        assertEquals(1, metrics.spectroscopicRedshifts());
        assertEquals(3.25, s.getQuality().getSpecZ());
        ParameterSummary z = s.getParameters().get(0);
        assertEquals("redshift", z.getName());
        assertEquals(3.25, z.getMedian(), 0.0);
        assertEquals(0.0, z.getStd(), 0.0);
        PosteriorSummary p = POSTERIOR.decode(out.readValue());
        assertEquals(RedshiftSource.photometric, p.getRedshiftSource());
        assertTrue(p.getParameters().get(0).getStd() > 0);
        assertTrue(s.getParameters().get(1).getMedian() != p.getParameters().get(1).getMedian(), "the mass posterior moved");
        assertTrue(out.isEmpty());
        DeadLetter dl = DEAD_LETTER.decode(dlq.readValue());
        assertTrue(dl.getDescription().contains("REDSHIFT_OUTSIDE_PRIOR"), dl.getDescription());
    }

    @Test
    void aBundleWithoutAMisfitModelWritesNoPValueAndNoFlag() {
        pipe("gal-1", PHOTOMETRY.encode(record("gal-1", allBands(20.0, 2.0))));
        PosteriorSummary s = POSTERIOR.decode(out.readValue());
        assertEquals(null, s.getQuality().getMisfitPValue());
        assertEquals(List.of(), s.getQuality().getFlags());
        assertEquals(0, metrics.misfitFlagged());
    }

    @Test
    void theMisfitPValueIsWrittenAndFlaggedBelowTheConfiguredThreshold(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        // The fixture bundle plus a unit-Gaussian misfit model whose calibration puts every realistic score in the
        // far tail (p = 1/(N + 1) = 1/1001): flagged at the default threshold 0.001, not at 0.0005.
        java.nio.file.Path b = tmp.resolve("with-misfit");
        FixtureBundleWriter.write(b);
        int n = BANDS.size();
        double[] cov = new double[n * n];
        for (int i = 0; i < n; i++) {
            cov[i * n + i] = 1.0;
        }
        double[][] tables = new double[n][];
        long[] counts = new long[n];
        tables[n - 1] = new double[] {0, 1, 2};
        counts[n - 1] = 1000;
        io.sedstream.inference.misfit.MisfitJson.write(new io.sedstream.inference.misfit.MisfitModel(BANDS, new double[] {1},
                new double[][] {new double[n]}, new double[][] {cov}, tables, counts), Map.of(), b.resolve("misfit.json"));
        var manifestFile = b.resolve(io.sedstream.inference.bundle.ManifestJson.FILE_NAME);
        io.sedstream.inference.bundle.ManifestJson.write(io.sedstream.inference.bundle.ManifestJson.read(manifestFile)
                .withMisfitFile("misfit.json"), manifestFile);
        try (BundleEstimator withMisfit = BundleEstimator.load(b)) {
            driver.close();
            startWith(SedstreamConfig.defaults(), withMisfit);
            pipe("gal-1", PHOTOMETRY.encode(record("gal-1", allBands(20.0, 2.0))));
            PosteriorSummary s = POSTERIOR.decode(out.readValue());
            assertEquals(1.0 / 1001, s.getQuality().getMisfitPValue(), 1e-15);
            assertEquals(List.of(PosteriorProcessor.MISFIT_FLAG), s.getQuality().getFlags());
            assertEquals(1, metrics.misfitFlagged());
            driver.close();
            startWith(SedstreamConfig.load(null, Map.of(), Map.of("misfit.p.threshold", "0.0005")), withMisfit);
            pipe("gal-2", PHOTOMETRY.encode(record("gal-2", allBands(20.0, 2.0))));
            PosteriorSummary t = POSTERIOR.decode(out.readValue());
            assertEquals(List.of(), t.getQuality().getFlags());
            assertEquals(0, metrics.misfitFlagged());
        }
    }

    @Test
    void recordsAreInferredInBatchesBufferedInTheStoreUntilFullOrLingered() {
        driver.close();
        startWith(SedstreamConfig.load(null, Map.of(), Map.of("inference.batch.size", "4", "inference.batch.linger.ms", "50")), estimator);
        for (int i = 0; i < 10; i++) {
            in.pipeInput(new TestRecord<>(key("k" + i), PHOTOMETRY.encode(record("obj-" + i, allBands(10 + i, 1.5))),
                    new RecordHeaders(), T0));
        }
        assertEquals(8, out.readRecordsToList().size(), "two full batches of 4 ran at once");
        // The two records of the partly filled batch wait in the store, in slots 0 and 1, above the watermark.
        KeyValueStore<Integer, byte[]> store = driver.getKeyValueStore(PosteriorTopology.BUFFER_STORE);
        assertEquals(7L, ByteBuffer.wrap(store.get(PosteriorProcessor.WATERMARK_SLOT)).getLong(), "last flushed input offset");
        assertEquals(8L, BufferedInput.decode(store.get(0)).offset());
        assertEquals(9L, BufferedInput.decode(store.get(1)).offset());
        assertArrayEquals(key("k9"), BufferedInput.decode(store.get(1)).key());
        driver.advanceWallClockTime(Duration.ofMillis(49));
        assertTrue(out.isEmpty(), "not before the linger time");
        driver.advanceWallClockTime(Duration.ofMillis(1));
        List<TestRecord<byte[], byte[]>> rest = out.readRecordsToList();
        assertEquals(2, rest.size(), "the linger punctuator runs the partly filled batch");
        assertEquals("obj-8", POSTERIOR.decode(rest.get(0).value()).getObjectId());
        assertEquals(9, POSTERIOR.decode(rest.get(1).value()).getInputOffset());
        assertEquals(9L, ByteBuffer.wrap(store.get(PosteriorProcessor.WATERMARK_SLOT)).getLong());
        assertEquals(10, metrics.posteriorsOut());
        assertTrue(dlq.isEmpty());
    }

    @Test
    void aBatchOfOneSendsEachPosteriorAtOnce() {
        driver.close();
        startWith(SedstreamConfig.load(null, Map.of(), Map.of("inference.batch.size", "1")), estimator);
        in.pipeInput(new TestRecord<>(key("k"), PHOTOMETRY.encode(record("one", allBands(10, 1.5))), new RecordHeaders(), T0));
        assertEquals("one", POSTERIOR.decode(out.readValue()).getObjectId());
    }

    @Test
    void samplesAreAttachedWhenConfigured() {
        driver.close();
        startWith(SedstreamConfig.load(null, Map.of(), Map.of("samples.count", "25")), estimator);
        pipe("g", PHOTOMETRY.encode(record("g", allBands(30, 2))));
        PosteriorSummary s = POSTERIOR.decode(out.readValue());
        assertEquals(25, s.getSamples().size());
        assertEquals(12, s.getSamples().get(0).size());
    }

    @Test
    void offsetsAndOrderArePreservedOverManyRecords() {
        for (int i = 0; i < 50; i++) {
            pipe("k" + i, PHOTOMETRY.encode(record("obj-" + i, allBands(10 + i, 1.5))));
        }
        List<TestRecord<byte[], byte[]>> rs = out.readRecordsToList();
        assertEquals(50, rs.size());
        for (int i = 0; i < 50; i++) {
            PosteriorSummary s = POSTERIOR.decode(rs.get(i).value());
            assertEquals("obj-" + i, s.getObjectId());
            assertEquals(i, s.getInputOffset());
        }
    }

    /** Pipes bad bytes, then a good record; checks one dead letter with the exact input and the app still working. */
    private DeadLetter expectDeadLetter(byte[] value, DeadLetterReason reason) {
        pipe("bad-key", value);
        pipe("good", PHOTOMETRY.encode(record("good", allBands(20, 2))));
        TestRecord<byte[], byte[]> d = dlq.readRecord();
        assertTrue(dlq.isEmpty(), "exactly one dead letter");
        DeadLetter dl = DEAD_LETTER.decode(d.value());
        assertEquals(reason, dl.getReason(), dl.getDescription());
        assertArrayEquals(key("bad-key"), d.key());
        assertEquals(reason.name(), new String(d.headers().lastHeader("sedstream.reason").value(), StandardCharsets.UTF_8));
        assertEquals(ByteBuffer.wrap(key("bad-key")), dl.getInputKey());
        if (value == null) {
            assertEquals(null, dl.getInputValue());
        } else {
            assertEquals(ByteBuffer.wrap(value), dl.getInputValue(), "the dead letter carries the exact input bytes");
        }
        assertEquals(Topics.PHOTOMETRY, dl.getTopic());
        assertEquals(0, dl.getPartition());
        assertEquals(0, dl.getOffset());
        assertEquals(T0, dl.getTimestamp());
        assertFalse(dl.getDescription().isBlank());
        assertEquals("good", POSTERIOR.decode(out.readValue()).getObjectId(), "the application keeps running");
        assertTrue(out.isEmpty(), "the bad record produced no posterior");
        assertEquals(1, metrics.deadLetters(reason));
        assertEquals(1, metrics.deadLettersTotal());
        assertEquals(2, metrics.recordsIn());
        return dl;
    }

    @Test
    void bytesThatAreNotAvroAreDeadLettered() {
        DeadLetter dl = expectDeadLetter("{\"objectId\": \"x\"}".getBytes(StandardCharsets.UTF_8), DeadLetterReason.NOT_AVRO);
        assertEquals("deserialize", dl.getStage());
        assertNotNull(dl.getCause());
    }

    @Test
    void aTombstoneIsDeadLetteredAsNotAvro() {
        expectDeadLetter(null, DeadLetterReason.NOT_AVRO);
    }

    @Test
    void anUnknownFingerprintIsDeadLettered() {
        byte[] bytes = PHOTOMETRY.encode(record("x", allBands(1, 1)));
        bytes[5] ^= 0x5A; // corrupt the fingerprint
        expectDeadLetter(bytes, DeadLetterReason.UNKNOWN_SCHEMA);
    }

    @Test
    void anUnknownConfluentIdIsDeadLettered() {
        expectDeadLetter(PHOTOMETRY.encodeConfluent(record("x", allBands(1, 1)), 777), DeadLetterReason.UNKNOWN_SCHEMA);
    }

    @Test
    void aRecordOfAnotherSchemaIsDeadLettered() {
        DeadLetter other = DeadLetter.newBuilder().setTopic("t").setPartition(0).setOffset(0).setTimestamp(T0)
                .setReason(DeadLetterReason.OTHER).setDescription("not photometry").setStage("x").setApplicationId("x")
                .setFailedAt(T0).build();
        expectDeadLetter(DEAD_LETTER.encode(other), DeadLetterReason.WRONG_SCHEMA);
    }

    @Test
    void aTruncatedBodyIsDeadLettered() {
        byte[] good = PHOTOMETRY.encode(record("x", allBands(1, 1)));
        expectDeadLetter(Arrays.copyOf(good, 20), DeadLetterReason.MALFORMED_AVRO);
    }

    @Test
    void confluentFramingWithAKnownIdIsProcessed() {
        pipe("c", PHOTOMETRY.encodeConfluent(record("confluent-1", allBands(15, 2)), 2));
        assertEquals("confluent-1", POSTERIOR.decode(out.readValue()).getObjectId());
        assertTrue(dlq.isEmpty());
    }

    @Test
    void aMissingObjectIdIsDeadLettered() {
        DeadLetter dl = expectDeadLetter(PHOTOMETRY.encode(record("  ", allBands(1, 1))), DeadLetterReason.MISSING_OBJECT_ID);
        assertEquals("validate", dl.getStage());
    }

    @Test
    void tooManyMeasurementsAreDeadLettered() {
        List<Measurement> ms = new ArrayList<>(allBands(5, 1));
        for (int i = 0; i < 2000; i++) {
            ms.add(new Measurement("extra.band.b" + i, 1.0, 1.0));
        }
        expectDeadLetter(PHOTOMETRY.encode(record("x", ms)), DeadLetterReason.TOO_MANY_MEASUREMENTS);
    }

    @Test
    void nanFluxIsDeadLettered() {
        List<Measurement> ms = allBands(5, 1);
        ms.set(3, new Measurement(BANDS.get(3), Double.NaN, 1.0));
        DeadLetter dl = expectDeadLetter(PHOTOMETRY.encode(record("x", ms)), DeadLetterReason.NON_FINITE_VALUE);
        assertTrue(dl.getDescription().contains(BANDS.get(3)), "the description names the band");
    }

    @Test
    void infiniteErrorIsDeadLettered() {
        List<Measurement> ms = allBands(5, 1);
        ms.set(2, new Measurement(BANDS.get(2), 4.0, Double.POSITIVE_INFINITY));
        expectDeadLetter(PHOTOMETRY.encode(record("x", ms)), DeadLetterReason.NON_FINITE_VALUE);
    }

    @Test
    void aZeroOrNegativeErrorIsDeadLettered() {
        List<Measurement> ms = allBands(5, 1);
        ms.set(7, new Measurement(BANDS.get(7), 4.0, 0.0));
        expectDeadLetter(PHOTOMETRY.encode(record("x", ms)), DeadLetterReason.NON_POSITIVE_ERROR);
    }

    @Test
    void aFluxWithoutErrorIsDeadLettered() {
        List<Measurement> ms = allBands(5, 1);
        ms.set(7, new Measurement(BANDS.get(7), 4.0, null));
        expectDeadLetter(PHOTOMETRY.encode(record("x", ms)), DeadLetterReason.FLUX_WITHOUT_ERROR);
    }

    @Test
    void aDuplicateBandIsDeadLettered() {
        List<Measurement> ms = allBands(5, 1);
        ms.add(new Measurement(BANDS.get(13), 6.0, 1.0));
        expectDeadLetter(PHOTOMETRY.encode(record("x", ms)), DeadLetterReason.DUPLICATE_BAND);
    }

    @Test
    void onlyUnknownBandsIsDeadLettered() {
        List<Measurement> ms = List.of(new Measurement("subaru.hsc.g", 5.0, 1.0), new Measurement("subaru.hsc.r", 6.0, 1.0));
        expectDeadLetter(PHOTOMETRY.encode(record("x", ms)), DeadLetterReason.NO_KNOWN_BAND);
    }

    @Test
    void everyBandMissingIsDeadLettered() {
        List<Measurement> ms = BANDS.stream().map(b -> new Measurement(b, null, null)).toList();
        expectDeadLetter(PHOTOMETRY.encode(record("x", ms)), DeadLetterReason.ALL_BANDS_MISSING);
    }

    @Test
    void noMeasurementsAtAllIsDeadLettered() {
        expectDeadLetter(PHOTOMETRY.encode(record("x", List.of())), DeadLetterReason.ALL_BANDS_MISSING);
    }

    @Test
    void anAbsurdFluxIsDeadLettered() {
        List<Measurement> ms = allBands(5, 1);
        ms.set(9, new Measurement(BANDS.get(9), -3e12, 1.0));
        expectDeadLetter(PHOTOMETRY.encode(record("x", ms)), DeadLetterReason.ABSURD_FLUX);
    }

    @Test
    void aRecordTheEstimatorRefusesIsDeadLetteredWithTheCause() {
        driver.close();
        try (BundleEstimator needsRedshift = BundleEstimator.load(FixtureModels.redshiftInputBundle())) {
            startWith(SedstreamConfig.defaults(), needsRedshift);
            pipe("bad-key", PHOTOMETRY.encode(record("no-spec-z", allBands(20, 2))));
            PhotometryRecord withZ = PhotometryRecord.newBuilder(record("good", allBands(20, 2))).setSpecZ(2.0).build();
            pipe("good", PHOTOMETRY.encode(withZ));
            DeadLetter dl = DEAD_LETTER.decode(dlq.readValue());
            assertEquals(DeadLetterReason.INFERENCE_FAILED, dl.getReason());
            assertEquals("infer", dl.getStage());
            assertTrue(dl.getCause().contains("InvalidPhotometryException"), dl.getCause());
            assertEquals("good", POSTERIOR.decode(out.readValue()).getObjectId());
            assertEquals(1, metrics.deadLetters(DeadLetterReason.INFERENCE_FAILED));
            driver.close();
        }
        startWith(SedstreamConfig.defaults(), estimator);
    }
}
