package io.sedstream.streams.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The names a {@code kafka.*} key may carry: a Kafka Streams, consumer, producer or admin setting,
 * optionally behind one of Streams' client prefixes, or a topic setting behind {@code topic.}.
 * A misspelt security setting would otherwise be ignored by Kafka with a log line and the service
 * would start talking plaintext; here it stops the start naming the key.
 */
final class KafkaSettings {

    private static final Set<String> CLIENT_NAMES = clientNames();
    private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX, StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);

    private KafkaSettings() {
    }

    private static Set<String> clientNames() {
        Set<String> names = new TreeSet<>(StreamsConfig.configDef().names());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    /** @throws ConfigException when {@code name} (without {@code kafka.}) is no Kafka setting */
    static void check(String name, String source) {
        if (CLIENT_NAMES.contains(name)) {
            return;
        }
        for (String prefix : CLIENT_PREFIXES) {
            if (name.startsWith(prefix) && CLIENT_NAMES.contains(name.substring(prefix.length()))) {
                return;
            }
        }
        if (name.startsWith(StreamsConfig.TOPIC_PREFIX) && isTopicSetting(name.substring(StreamsConfig.TOPIC_PREFIX.length()))) {
            return;
        }
        throw new ConfigException(SedstreamConfig.KAFKA_PREFIX + name, "unknown Kafka setting '" + SedstreamConfig.KAFKA_PREFIX + name
                + "' (from " + source + "): '" + name + "' is no Kafka Streams, consumer, producer or admin setting"
                + " (optionally behind consumer., producer., admin., main.consumer., restore.consumer., global.consumer.) nor topic.<topic setting>");
    }

    /**
     * The settings a plain admin client (cluster check, topic creation) takes from the {@code kafka.*}
     * map: every admin setting given unprefixed (Streams hands those to all its clients, so security
     * settings written once reach the admin client too) and every {@code admin.}-prefixed one with the
     * prefix removed, which wins over the unprefixed one as it does in Kafka Streams. Streams-only,
     * consumer-only and producer-only keys are left out, so the admin client does not warn that it
     * was given settings it does not know.
     */
    static Map<String, String> adminClientSettings(Map<String, String> kafka) {
        Set<String> adminNames = AdminClientConfig.configNames();
        Map<String, String> admin = new TreeMap<>();
        kafka.forEach((k, v) -> {
            if (adminNames.contains(k)) {
                admin.putIfAbsent(k, v);
            }
        });
        kafka.forEach((k, v) -> {
            if (k.startsWith(StreamsConfig.ADMIN_CLIENT_PREFIX) && adminNames.contains(k.substring(StreamsConfig.ADMIN_CLIENT_PREFIX.length()))) {
                admin.put(k.substring(StreamsConfig.ADMIN_CLIENT_PREFIX.length()), v);
            }
        });
        return admin;
    }

    private static boolean isTopicSetting(String name) {
        for (var f : TopicConfig.class.getFields()) {
            try {
                if (f.getName().endsWith("_CONFIG") && name.equals(f.get(null))) {
                    return true;
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }
}
