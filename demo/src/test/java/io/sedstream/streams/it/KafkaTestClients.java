package io.sedstream.streams.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for the integration tests: an idempotent producer and a read_committed reader. */
final class KafkaTestClients {

    private KafkaTestClients() {
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void send(KafkaProducer<byte[], byte[]> p, String topic, String key, byte[] value) {
        p.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }

    /**
     * Reads a topic from the beginning with read_committed until {@code done} holds for what was read
     * and then {@code settle} more passes without new data, or until {@code timeout}.
     */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic, int partitions,
                                                             Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                             Duration settle, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                parts.add(new TopicPartition(topic, i));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            long settledAt = Long.MAX_VALUE;
            while (System.nanoTime() < deadline) {
                var batch = c.poll(Duration.ofMillis(200));
                batch.forEach(out::add);
                if (settledAt == Long.MAX_VALUE && done.test(out)) {
                    settledAt = System.nanoTime() + settle.toNanos();
                }
                if (System.nanoTime() >= settledAt) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The sum over partitions of the topic's end offsets: 0 only if nothing, not even an aborted
     * transaction's records or a commit marker, was ever written. An exact absence check, unlike
     * "nothing arrived within N seconds".
     */
    static long endOffsets(String bootstrap, String topic, int partitions) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                parts.add(new TopicPartition(topic, i));
            }
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static String key(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }
}
