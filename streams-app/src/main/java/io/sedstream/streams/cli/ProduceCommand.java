package io.sedstream.streams.cli;

import io.sedstream.inference.catalogue.CatalogueReader;
import io.sedstream.inference.catalogue.CatalogueRow;
import io.sedstream.inference.catalogue.ColumnMap;
import io.sedstream.inference.catalogue.ZeroPointOffsets;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.app.BrokerCheck;
import io.sedstream.streams.catalogue.CatalogueRecords;
import io.sedstream.streams.config.BootstrapServers;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sends a photometry catalogue (any catalogue {@code infer} reads, or an Avro container file of PhotometryRecord)
 * to a topic, keyed by objectId, row by row. Every send is checked: the broker and the topic first, then each
 * record's acknowledgement; it exits 0 only when every row was delivered, else 1 with the counts and the reasons.
 * Every wait is bounded by {@code --timeout-ms}.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Send a catalogue (as infer reads it, or an Avro container file of PhotometryRecord) to a topic; exit 0 only "
                + "when every row was delivered.")
public final class ProduceCommand implements Callable<Integer> {

    /** Exit code when some rows were not delivered (bad arguments stay 2). */
    public static final int EXIT_NOT_DELIVERED = 1;
    /** Failed rows named one by one; the rest are counted by reason. */
    private static final int REPORTED_FAILURES = 10;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "photometry", description = "Target topic, which must exist (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Catalogue: .avro (PhotometryRecord), else as infer --input.")
    Path input;

    @Option(names = "--columns", defaultValue = "sedstream", paramLabel = "MAP", description = "Column naming, as for infer (default ${DEFAULT-VALUE}).")
    String columns;

    @Option(names = "--zero-point", paramLabel = "AB", description = "AB zero point of the catalogue's fluxes, as for infer.")
    Double zeroPointAb;

    @Option(names = "--zero-point-offsets", paramLabel = "JSON",
            description = "Per-band zero-point offsets to correct catalogue rows by, as for infer (not for .avro input).")
    Path zeroPointOffsets;

    @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET", description = "Text encoding (default ${DEFAULT-VALUE}).")
    Charset encoding;

    @Option(names = "--survey", defaultValue = "catalogue", description = "Survey name for catalogue rows (default ${DEFAULT-VALUE}).")
    String survey;

    @Option(names = "--confluent-id", paramLabel = "ID", description = "Write Confluent framing with this schema id instead of the single-object header.")
    Integer confluentId;

    @Option(names = "--timeout-ms", defaultValue = "30000", paramLabel = "MS",
            description = "Longest wait for the broker, the topic's metadata or one record's acknowledgement (default ${DEFAULT-VALUE}).")
    long timeoutMs;

    /** Counts of one run, updated from the producer's callback thread. */
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, Long> failureReasons = new TreeMap<>();

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("--input " + input.toAbsolutePath() + " is not a readable file");
        }
        if (timeoutMs < 1000) {
            throw new IllegalArgumentException("--timeout-ms must be at least 1000, got " + timeoutMs);
        }
        BootstrapServers.check(bootstrapServers, "--bootstrap-servers");
        boolean avroInput = input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".avro");
        if (zeroPointOffsets != null && avroInput) {
            throw new IllegalArgumentException("--zero-point-offsets corrects catalogue rows; " + input
                    + " holds Avro PhotometryRecords (correct them where they are made)");
        }
        ZeroPointOffsets offsets = zeroPointOffsets == null ? null : ZeroPointOffsets.read(zeroPointOffsets);
        checkTopic();
        AvroCodec<PhotometryRecord> codec = new AvroCodec<>(PhotometryRecord.class, SchemaStore.builtIn());
        long read = 0;
        long refused = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            if (avroInput) {
                try (DataFileReader<PhotometryRecord> reader = new DataFileReader<>(input.toFile(), new SpecificDatumReader<>(PhotometryRecord.class))) {
                    for (PhotometryRecord r : reader) {
                        read++;
                        send(producer, codec, r, read);
                    }
                }
            } else {
                Instant now = Instant.now();
                try (CatalogueReader reader = CatalogueReader.open(input, ColumnMap.resolve(columns, zeroPointAb), encoding)) {
                    if (offsets != null) {
                        offsets.requireBandsIn(reader.layout().bands(), zeroPointOffsets.toString());
                    }
                    while (reader.hasNext()) {
                        CatalogueRow row = reader.next();
                        read++;
                        if (row instanceof CatalogueRow.Refused bad) {
                            refused++;
                            fail(row.rowNumber(), row.id(), "BAD_ROW: " + bad.reason(), "BAD_ROW");
                            continue;
                        }
                        CatalogueRow.Read good = offsets == null ? (CatalogueRow.Read) row : offsets.apply((CatalogueRow.Read) row);
                        send(producer, codec, CatalogueRecords.toRecord(good, survey, now), row.rowNumber());
                    }
                }
            }
            producer.flush();
        }
        long notDelivered = read - delivered.get();
        System.err.printf(Locale.ROOT, "sedstream produce: %d rows read from %s: %d delivered to '%s', %d not delivered%s%n", read, input,
                delivered.get(), topic, notDelivered, failureReasons.isEmpty() ? "" : " " + failureReasons);
        return notDelivered == 0 ? 0 : EXIT_NOT_DELIVERED;
    }

    /** The broker must answer and the topic must exist, within the timeout; else nothing is sent. */
    private void checkTopic() {
        try {
            BrokerCheck.awaitReachable(bootstrapServers, Map.of(), Duration.ofMillis(timeoutMs),
                    ": is it running, is --bootstrap-servers right and reachable from here?");
        } catch (BrokerCheck.BrokerUnreachableException e) {
            throw new NotDeliveredException(e.getMessage() + "; nothing was sent");
        }
        Map<String, Object> props = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, timeoutMs / 2));
        try (Admin admin = Admin.create(props)) {
            try {
                admin.describeTopics(Set.of(topic)).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new NotDeliveredException("topic '" + topic + "' does not exist on " + bootstrapServers
                            + " (create it first, e.g. sedstream run --create-topics N); nothing was sent");
                }
                throw new NotDeliveredException("cannot describe topic '" + topic + "': " + e.getCause().getMessage() + "; nothing was sent");
            } catch (TimeoutException e) {
                throw new NotDeliveredException("no answer about topic '" + topic + "' within " + timeoutMs + " ms; nothing was sent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotDeliveredException("interrupted while checking the broker; nothing was sent");
        } catch (KafkaException e) {
            throw new IllegalArgumentException("--bootstrap-servers " + bootstrapServers + ": " + rootMessage(e));
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        int requestTimeout = (int) Math.max(500, timeoutMs / 2);
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // Bounded waits: metadata and a full buffer (max.block), one record from send to acknowledgement (delivery).
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        try {
            return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new IllegalArgumentException("--bootstrap-servers " + bootstrapServers + ": " + rootMessage(e));
        }
    }

    private void send(KafkaProducer<byte[], byte[]> producer, AvroCodec<PhotometryRecord> codec, PhotometryRecord r, long row) {
        String id = r.getObjectId();
        byte[] value = confluentId == null ? codec.encode(r) : codec.encodeConfluent(r, confluentId);
        try {
            producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), value), (meta, error) -> {
                if (error == null) {
                    delivered.incrementAndGet();
                } else {
                    fail(row, id, error.getClass().getSimpleName() + ": " + error.getMessage(), error.getClass().getSimpleName());
                }
            });
        } catch (KafkaException e) {
            // send() throws only for what fails before the record is queued (serialisation, a closed producer).
            fail(row, id, e.getClass().getSimpleName() + ": " + e.getMessage(), e.getClass().getSimpleName());
        }
    }

    private synchronized void fail(long row, String id, String reason, String kind) {
        if (failed.incrementAndGet() <= REPORTED_FAILURES) {
            System.err.println("sedstream produce: row " + row + " id '" + id + "' not delivered: " + reason);
        }
        failureReasons.merge(kind, 1L, Long::sum);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : e.getMessage();
    }

    /** Nothing (more) can be delivered: exit {@link #EXIT_NOT_DELIVERED} with this message. */
    public static final class NotDeliveredException extends RuntimeException {
        public NotDeliveredException(String message) {
            super(message);
        }
    }
}
