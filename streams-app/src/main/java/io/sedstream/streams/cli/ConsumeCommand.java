package io.sedstream.streams.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.schemas.wire.WireFormatException;
import io.sedstream.streams.json.JsonLine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a topic's committed records as JSON lines (any schema of the contract), from the beginning. */
@Command(name = "consume", mixinStandardHelpOptions = true, description = "Print a topic as JSON lines (read_committed, from the beginning).")
public final class ConsumeCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT")
    String bootstrapServers;

    @Option(names = "--topic", required = true)
    String topic;

    @Option(names = "--max", defaultValue = "2147483647", description = "Stop after this many records.")
    long max;

    @Option(names = "--idle-timeout-ms", defaultValue = "5000", description = "Stop when nothing arrives for this long (default ${DEFAULT-VALUE}).")
    long idleTimeoutMs;

    @Override
    public Integer call() {
        if (max < 1 || idleTimeoutMs < 1) {
            throw new IllegalArgumentException("--max and --idle-timeout-ms must be positive");
        }
        SchemaStore store = SchemaStore.builtIn();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("topic '" + topic + "' does not exist on " + bootstrapServers);
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long lastData = System.currentTimeMillis();
            while (n < max && System.currentTimeMillis() - lastData < idleTimeoutMs) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    lastData = System.currentTimeMillis();
                    out.println(toJson(r, store));
                    if (++n >= max) {
                        break;
                    }
                }
            }
        }
        out.flush();
        System.err.println("sedstream consume: " + n + " records from " + topic);
        return 0;
    }

    /** One JSON line: key, partition, offset, and the value decoded with its writer schema (or base64 when undecodable). */
    static String toJson(ConsumerRecord<byte[], byte[]> r, SchemaStore store) {
        ObjectNode line = JsonLine.object();
        line.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
        line.put("partition", r.partition());
        line.put("offset", r.offset());
        try {
            line.set("value", JsonLine.readAvroText(GenericData.get().toString(AvroCodec.decodeGeneric(r.value(), store))));
        } catch (WireFormatException e) {
            ObjectNode value = line.putObject("value");
            value.put("undecodable", e.kind() + ": " + e.getMessage());
            value.put("base64", r.value() == null ? "" : Base64.getEncoder().encodeToString(r.value()));
        }
        return JsonLine.write(line);
    }
}
