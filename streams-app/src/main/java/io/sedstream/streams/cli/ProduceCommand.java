package io.sedstream.streams.cli;

import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.catalogue.CatalogueCsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Sends a photometry catalogue (CSV or Avro container file) to a topic, keyed by objectId. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Send a catalogue (CSV: id, <band>_flux, <band>_err [nJy], spec_z; or an Avro container file of PhotometryRecord) to a topic.")
public final class ProduceCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "photometry", description = "Target topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Catalogue: *.csv or *.avro.")
    Path input;

    @Option(names = "--survey", defaultValue = "catalogue", description = "Survey name for CSV rows (default ${DEFAULT-VALUE}).")
    String survey;

    @Option(names = "--confluent-id", paramLabel = "ID", description = "Write Confluent framing with this schema id instead of the single-object header.")
    Integer confluentId;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("--input " + input.toAbsolutePath() + " is not a readable file");
        }
        List<PhotometryRecord> records = read(input, survey);
        AvroCodec<PhotometryRecord> codec = new AvroCodec<>(PhotometryRecord.class, SchemaStore.builtIn());
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (PhotometryRecord r : records) {
                byte[] value = confluentId == null ? codec.encode(r) : codec.encodeConfluent(r, confluentId);
                producer.send(new ProducerRecord<>(topic, r.getObjectId().getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
        System.err.println("sedstream produce: " + records.size() + " records from " + input + " -> " + topic);
        return 0;
    }

    static List<PhotometryRecord> read(Path input, String survey) throws IOException {
        String name = input.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv")) {
            Instant now = Instant.now();
            return CatalogueCsv.read(input).stream().map(r -> r.toRecord(survey, now)).toList();
        }
        if (name.endsWith(".avro")) {
            List<PhotometryRecord> out = new ArrayList<>();
            try (DataFileReader<PhotometryRecord> reader = new DataFileReader<>(input.toFile(),
                    new SpecificDatumReader<>(PhotometryRecord.class))) {
                reader.forEach(out::add);
            }
            return out;
        }
        throw new IllegalArgumentException("--input " + input + ": expected a .csv or .avro catalogue");
    }
}
