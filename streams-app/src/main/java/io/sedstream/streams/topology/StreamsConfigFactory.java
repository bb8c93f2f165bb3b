package io.sedstream.streams.topology;

import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.deadletter.DeadLetterDeserializationHandler;
import io.sedstream.streams.deadletter.DeadLetterProcessingHandler;
import io.sedstream.streams.deadletter.DeadLetterProductionHandler;
import io.sedstream.streams.deadletter.DeadLetterRouter;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The one place that turns a {@link SedstreamConfig} into Kafka Streams properties. */
public final class StreamsConfigFactory {

    private StreamsConfigFactory() {
    }

    public static Properties streamsProperties(SedstreamConfig config, DeadLetterRouter router) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "sedstream-state")).toString());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        // The topology has no global store, so this changes nothing today; it is Kafka 5.0's default, and
        // setting it keeps a future global table's failures on the dead-letter path (and settles Streams' warning).
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // The partition assignor rebuilds a StreamsConfig from the main consumer's settings, which carry only
        // consumer keys; handed to it this way, the setting reaches that copy too and Streams stops warning.
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        p.put(DeadLetterRouter.CONFIG_KEY, router);
        // Throughput: fewer, bigger fetches and producer batches (measured: about a quarter less broker and
        // producer CPU per record than fetch.min.bytes=1 / linger.ms=5). Under exactly-once the producer is
        // flushed at every commit anyway, so the commit interval, not these waits, sets the output latency.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 50);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Kafka settings from kafka.* keys win over the above.
        p.putAll(config.kafka());
        return p;
    }
}
