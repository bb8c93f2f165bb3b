package io.sedstream.streams.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The Kafka Streams and client metrics operators need, read from the Streams client at each scrape
 * and exposed as {@code sedstream_kafka_<group>_<name>} with the Kafka tags as labels: consumer lag
 * per partition, process and commit rates and latencies, rebalances, transaction commits and aborts,
 * state restoration, thread health. A Kafka metric named {@code *-total} is a Prometheus counter,
 * any other a gauge; non-numeric metrics are skipped.
 */
public final class KafkaClientMetrics implements MultiCollector {

    /** Kafka metric group -> the metric names exported from it. */
    static final Map<String, Set<String>> EXPORTED = Map.of(
            "consumer-fetch-manager-metrics", Set.of("records-lag", "records-lead"),
            "consumer-coordinator-metrics", Set.of("rebalance-total", "failed-rebalance-total", "last-rebalance-seconds-ago",
                    "rebalance-latency-avg", "assigned-partitions"),
            "stream-thread-metrics", Set.of("process-rate", "process-total", "process-latency-avg", "process-latency-max",
                    "commit-rate", "commit-total", "commit-latency-avg", "commit-latency-max", "poll-records-avg"),
            "stream-metrics", Set.of("alive-stream-threads", "failed-stream-threads"),
            "producer-metrics", Set.of("txn-commit-time-ns-total", "txn-abort-time-ns-total", "record-error-total", "record-send-total"),
            "stream-task-metrics", Set.of("restore-total", "restore-remaining-records-total", "restore-rate", "active-buffer-count"),
            "stream-state-updater-metrics", Set.of("active-restoring-tasks", "standby-updating-tasks", "restore-ratio"));

    private final Supplier<Map<MetricName, ? extends Metric>> source;

    /** @param source the Kafka metrics, e.g. {@code KafkaStreams::metrics} */
    public KafkaClientMetrics(Supplier<Map<MetricName, ? extends Metric>> source) {
        this.source = source;
    }

    /** The Prometheus name of a Kafka metric (without a counter's {@code _total}). */
    static String prometheusName(String group, String name) {
        String g = group.replace("-metrics", "");
        String n = name.endsWith("-total") ? name.substring(0, name.length() - "-total".length()) : name;
        return ("sedstream_kafka_" + g + "_" + n).replace('-', '_').toLowerCase(Locale.ROOT);
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, List<Map.Entry<MetricName, Double>>> byName = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : source.get().entrySet()) {
            MetricName m = e.getKey();
            Set<String> names = EXPORTED.get(m.group());
            if (names == null || !names.contains(m.name())) {
                continue;
            }
            if (m.name().equals("records-lag") || m.name().equals("records-lead")) {
                if (!m.tags().containsKey("partition")) {
                    continue; // the client-wide max/avg; the per-partition values are what lag alerts sum
                }
            }
            if (!(e.getValue().metricValue() instanceof Number v) || Double.isNaN(v.doubleValue())) {
                continue;
            }
            byName.computeIfAbsent(m.group() + "\u0000" + m.name(), k -> new ArrayList<>()).add(Map.entry(m, v.doubleValue()));
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        for (List<Map.Entry<MetricName, Double>> points : byName.values()) {
            MetricName first = points.get(0).getKey();
            String name = prometheusName(first.group(), first.name());
            String help = "Kafka " + first.group() + " " + first.name() + ": " + first.description();
            if (first.name().endsWith("-total")) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
                for (var p : points) {
                    b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels(p.getKey())).value(Math.max(0, p.getValue())).build());
                }
                snapshots.add(b.build());
            } else {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
                for (var p : points) {
                    b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(p.getKey())).value(p.getValue()).build());
                }
                snapshots.add(b.build());
            }
        }
        return new MetricSnapshots(snapshots);
    }

    private static Labels labels(MetricName m) {
        Labels.Builder b = Labels.builder();
        new TreeMap<>(m.tags()).forEach((k, v) -> b.label(k.replace('-', '_'), v));
        return b.build();
    }
}
