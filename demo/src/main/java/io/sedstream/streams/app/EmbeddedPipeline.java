package io.sedstream.streams.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.schemas.DeadLetter;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.broker.EmbeddedKafka;
import io.sedstream.streams.catalogue.GalaxySource;
import io.sedstream.streams.catalogue.PoisonPills;
import io.sedstream.streams.comparison.ComparisonModels;
import io.sedstream.streams.comparison.ComparisonTally;
import io.sedstream.streams.config.ConfigKey;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.estimation.ModelIdentity;
import io.sedstream.streams.json.JsonLine;
import io.sedstream.streams.metrics.StreamMetrics;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The whole pipeline in one process, for {@code demo} and {@code bench}: a real single-node KRaft
 * broker, the posterior service (exactly-once), a producer of sample galaxies and a read_committed
 * consumer of the outputs that measures end-to-end latency (input timestamp to committed output).
 */
public final class EmbeddedPipeline {

    /**
     * @param poisonEvery one poison pill per this many records (0 = none)
     * @param preload     produce every record before starting the stream (measures processing alone)
     * @param ratePerS    producer rate limit in records/s (0 = as fast as possible); below the service's
     *                    capacity the latency figures measure the service, not a backlog
     * @param warmup      outputs before the measured window may start
     * @param settledJitMsPerS after {@code warmup} outputs, also wait until the JIT compiled for at most
     *                    this many ms in the last second (0 = do not wait): a long-running stream's
     *                    steady state, not its start-up compilations. If it never settles, the window
     *                    starts at {@link #LATEST_WARMUP_FRACTION} of the records, and the run says so.
     */
    public record Options(int galaxies, int partitions, int poisonEvery, boolean preload, Duration timeout,
                          double ratePerS, int warmup, double settledJitMsPerS) {
        /** The measured window starts by this fraction of the records at the latest, settled or not. */
        public static final double LATEST_WARMUP_FRACTION = 0.75;

        public Options {
            if (warmup < 0 || warmup >= galaxies) {
                throw new IllegalArgumentException("warm-up records must be in [0, " + galaxies + "), got " + warmup);
            }
            if (!(settledJitMsPerS >= 0 && settledJitMsPerS < 1000)) {
                throw new IllegalArgumentException("the settled JIT rate must be in [0, 1000) ms per s, got " + settledJitMsPerS);
            }
        }
    }

    /** Figures of one run; {@link #json()} is the demo's last line. */
    public record Result(long recordsIn, long posteriorsOut, long deadLetters, long duplicateKeys, double seconds,
                         double throughputPerS, double latencyMsP50, double latencyMsP99, double heapUsedMaxMb,
                         double heapAfterGcMaxMb, String model, boolean fixture, boolean complete, ObjectNode cpuUsPerRecord,
                         long measuredRecords, int streamThreads, int batchSize, ObjectNode extraFields) {
        /** The run as one JSON line; figures rounded as the line has always shown them (0.1, 0.01 s, whole MB). */
        public String json() {
            ObjectNode line = JsonLine.object();
            line.put("records_in", recordsIn);
            line.put("posteriors_out", posteriorsOut);
            line.put("dead_letters", deadLetters);
            line.put("throughput_per_s", JsonLine.rounded(throughputPerS, 1));
            line.put("latency_ms_p50", JsonLine.rounded(latencyMsP50, 1));
            line.put("latency_ms_p99", JsonLine.rounded(latencyMsP99, 1));
            line.setAll(extraFields);
            line.put("duplicate_outputs", duplicateKeys);
            line.put("seconds", JsonLine.rounded(seconds, 2));
            line.put("measured_records", measuredRecords);
            line.set("cpu_us_per_record", cpuUsPerRecord);
            line.put("stream_threads", streamThreads);
            line.put("batch_size", batchSize);
            line.put("heap_used_max_mb", Math.round(heapUsedMaxMb));
            line.put("heap_after_gc_max_mb", Math.round(heapAfterGcMaxMb));
            line.put("model", model);
            line.put("fixture", fixture);
            line.put("complete", complete);
            return JsonLine.write(line);
        }
    }

    /** Sees every committed posterior (in the collecting thread) and may add progress lines and JSON fields. */
    public interface OutputObserver {
        void posterior(byte[] key, byte[] value);

        /** Extra lines for the once-a-second progress report. */
        default List<String> progressLines() {
            return List.of();
        }

        /** Adds the observer's fields to the run's JSON line (none by default). */
        default void jsonFields(ObjectNode line) {
        }
    }

    /** Builds the galaxy source and the output observer once the model is loaded (they depend on its bands and parameters). */
    public interface Workload {
        GalaxySource source(ModelIdentity model);

        /** @param comparisons what the comparison topic shows, or null when comparison is off */
        default OutputObserver observer(ModelIdentity model, ComparisonTally comparisons) {
            return null;
        }
    }

    private EmbeddedPipeline() {
    }

    public static Result run(SedstreamConfig base, Path modelDir, Options o, Workload workload, PrintStream progress) throws Exception {
        Path stateDir = Files.createTempDirectory("sedstream-embedded-state");
        // The test kit's echo of its bootstrap metadata is noise here; the broker's own logs go to the log file.
        try (EmbeddedKafka kafka = EmbeddedKafka.start(new PrintStream(java.io.OutputStream.nullOutputStream()));
             BundleEstimator estimator = BundleEstimator.load(modelDir);
             ComparisonModels comparison = base.comparison().enabled() ? ComparisonModels.load(base, estimator.model()) : null) {
            SedstreamConfig config = embeddedConfig(base, kafka.bootstrapServers(), stateDir);
            kafka.createTopics(o.partitions(), config.topicPhotometry(), config.topicPosteriors(), config.topicDlq());
            if (comparison != null) {
                kafka.createTopics(o.partitions(), config.comparison().topic());
            }
            progress.println("sedstream: broker up at " + kafka.bootstrapServers() + " (single-node KRaft, in-process)");
            progress.println("sedstream: model " + estimator.model().label());
            progress.println("sedstream: model comparison " + (comparison == null ? "off"
                    : "on: " + comparison.label() + " -> topic " + config.comparison().topic()));
            ComparisonTally tally = comparison == null ? null : new ComparisonTally();
            GalaxySource source = workload.source(estimator.model());
            OutputObserver observer = workload.observer(estimator.model(), tally);
            progress.println("sedstream: " + source.description());
            StreamMetrics metrics = StreamMetrics.withJvmMetrics();
            HeapWatch heap = new HeapWatch();

            AtomicLong produced = new AtomicLong();
            Thread producer = new Thread(() -> produce(config, source, o, produced), "sedstream-demo-producer");
            CpuWindow cpu = new CpuWindow(Thread.currentThread().getName());
            long tStart = System.nanoTime();
            PosteriorService service = null;
            if (o.preload()) {
                producer.run();
                progress.println("sedstream: preloaded " + produced.get() + " records");
                tStart = System.nanoTime();
                service = PosteriorService.start(config, estimator, comparison, metrics);
            } else {
                service = PosteriorService.start(config, estimator, comparison, metrics);
                if (!service.awaitRunning(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("Kafka Streams did not reach RUNNING within 60 s (state " + service.state() + ")");
                }
                tStart = System.nanoTime();
                producer.start();
            }
            if (service.httpPort() >= 0) {
                progress.println("sedstream: metrics at http://localhost:" + service.httpPort() + "/metrics, health at /health");
            }
            Collected c = collect(config, o, tStart, produced, progress, heap, cpu, observer, tally);
            cpu.stop();
            producer.join();
            service.close(Duration.ofMillis(config.shutdownTimeoutMs()));
            double seconds = (c.lastOutputNanos - tStart) * 1e-9;
            long outputs = c.posteriors + c.deadLetters;
            // Throughput and CPU over the measured window: outputs after the warm-up (JIT compilation, first rebalance).
            long measured = outputs - c.measureFromOutputs;
            double measuredSeconds = (c.lastOutputNanos - c.measureStartNanos) * 1e-9;
            long[] lat = Arrays.copyOf(c.latencyMs, c.latencyCount);
            Arrays.sort(lat);
            boolean complete = outputs == o.galaxies() && (tally == null || tally.count() == c.posteriors);
            ObjectNode extra = JsonLine.object();
            extra.put("warmup_outputs", c.measureFromOutputs);
            if (o.settledJitMsPerS() > 0) {
                extra.put("jit_settled", c.jitSettled);
                if (Double.isFinite(c.jitMsPerSAtStart)) {
                    extra.put("jit_ms_per_s_at_window_start", JsonLine.rounded(c.jitMsPerSAtStart, 1));
                } else {
                    extra.putNull("jit_ms_per_s_at_window_start"); // the window started before the first one-second sample
                }
            }
            if (observer != null) {
                observer.jsonFields(extra);
            }
            if (tally != null) {
                tally.jsonFields(extra);
            }
            return new Result(produced.get(), c.posteriors, c.deadLetters, c.duplicates + (tally == null ? 0 : tally.duplicates()), seconds,
                    measured / Math.max(measuredSeconds, 1e-9), percentile(lat, 0.50), percentile(lat, 0.99), heap.usedMaxMb,
                    heap.afterGcMaxMb(), estimator.model().label(), estimator.model().fixture(), complete,
                    cpu.perRecord(measured), measured, config.streamThreads(), config.batchSize(), extra);
        } finally {
            deleteRecursively(stateDir);
        }
    }

    /** The configuration the embedded run uses: every key as configured, only the brokers and the state directory its own. */
    public static SedstreamConfig embeddedConfig(SedstreamConfig base, String bootstrap, Path stateDir) {
        return base.with(Map.of(ConfigKey.BOOTSTRAP_SERVERS.key(), bootstrap, ConfigKey.STATE_DIR.key(), stateDir.toString()));
    }

    private static void produce(SedstreamConfig config, GalaxySource galaxies, Options o, AtomicLong produced) {
        AvroCodec<PhotometryRecord> codec = new AvroCodec<>(PhotometryRecord.class, SchemaStore.builtIn());
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            int pill = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < o.galaxies(); i++) {
                if (o.ratePerS() > 0) {
                    long due = t0 + (long) (i * 1e9 / o.ratePerS());
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                Instant now = Instant.now();
                PhotometryRecord g = galaxies.galaxy(i, now);
                boolean poison = o.poisonEvery() > 0 && i % o.poisonEvery() == o.poisonEvery() - 1;
                byte[] value = poison ? PoisonPills.pill(pill++, g, codec) : codec.encode(g);
                p.send(new ProducerRecord<>(config.topicPhotometry(), null, now.toEpochMilli(),
                        g.getObjectId().getBytes(StandardCharsets.UTF_8), value));
                produced.incrementAndGet();
            }
            p.flush();
        }
    }

    private static final class Collected {
        long posteriors;
        long deadLetters;
        long duplicates;
        long lastOutputNanos;
        long measureStartNanos;
        long measureFromOutputs;
        /** JIT compilation ms per wall second over the latest once-a-second interval (NaN before the first). */
        double jitMsPerS = Double.NaN;
        /** Whether the window started with the JIT settled, and its rate then (only meaningful when the options ask to wait for it). */
        boolean jitSettled;
        double jitMsPerSAtStart = Double.NaN;
        long[] latencyMs = new long[1024];
        int latencyCount;

        void latency(long ms) {
            if (latencyCount == latencyMs.length) {
                latencyMs = Arrays.copyOf(latencyMs, latencyMs.length * 2);
            }
            latencyMs[latencyCount++] = ms;
        }
    }

    private static Collected collect(SedstreamConfig config, Options o, long tStart, AtomicLong produced, PrintStream progress,
                                     HeapWatch heap, CpuWindow cpu, OutputObserver observer, ComparisonTally tally) {
        Collected c = new Collected();
        c.lastOutputNanos = tStart;
        c.measureStartNanos = tStart;
        boolean waitForJit = o.settledJitMsPerS() > 0;
        boolean measuring = o.warmup() == 0 && !waitForJit;
        if (measuring) {
            cpu.start();
        }
        long latestWarmup = Math.max(o.warmup(), (long) (Options.LATEST_WARMUP_FRACTION * o.galaxies()));
        long jitSampleNanos = System.nanoTime();
        long jitSampleMs = CpuWindow.compilationMillis();
        Set<String> seen = new HashSet<>();
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            List<String> topics = new ArrayList<>(List.of(config.topicPosteriors(), config.topicDlq()));
            if (tally != null) {
                topics.add(config.comparison().topic());
            }
            for (String t : topics) {
                for (int i = 0; i < o.partitions(); i++) {
                    parts.add(new TopicPartition(t, i));
                }
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + o.timeout().toNanos();
            long nextReport = System.nanoTime() + 1_000_000_000L;
            // With comparison on, also wait for every posterior's comparison (same transaction, but polled in any order).
            while ((c.posteriors + c.deadLetters < o.galaxies() || (tally != null && tally.count() < c.posteriors))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    c.lastOutputNanos = System.nanoTime();
                    if (r.topic().equals(config.topicPosteriors())) {
                        c.posteriors++;
                        c.latency(now - r.timestamp());
                        if (!seen.add(new String(r.key(), StandardCharsets.UTF_8))) {
                            c.duplicates++;
                        }
                        if (observer != null) {
                            observer.posterior(r.key(), r.value());
                        }
                    } else if (tally != null && r.topic().equals(config.comparison().topic())) {
                        tally.accept(r.key(), r.value());
                    } else {
                        c.deadLetters++;
                        progress.println("sedstream: dead letter " + deadLetterLine(r.value()));
                    }
                }
                heap.sample();
                long outputs = c.posteriors + c.deadLetters;
                if (!measuring && outputs >= o.warmup()) {
                    boolean settled = c.jitMsPerS <= o.settledJitMsPerS();
                    if (!waitForJit || settled || outputs >= latestWarmup) {
                        measuring = true;
                        c.jitSettled = settled;
                        c.jitMsPerSAtStart = c.jitMsPerS;
                        cpu.start();
                        c.measureStartNanos = System.nanoTime();
                        c.measureFromOutputs = outputs;
                        if (waitForJit) {
                            progress.printf(Locale.ROOT, "sedstream: measured window starts after %d outputs, JIT %s%n", outputs,
                                    settled ? String.format(Locale.ROOT, "settled (%.0f ms/s)", c.jitMsPerS)
                                            : String.format(Locale.ROOT, "NOT settled (%.0f ms/s) by %d outputs", c.jitMsPerS, latestWarmup));
                        }
                    }
                }
                if (System.nanoTime() >= nextReport) {
                    nextReport += 1_000_000_000L;
                    cpu.sample();
                    long nowNanos = System.nanoTime();
                    // The JIT's rate over at least 0.9 s (a late report must not measure a sliver of an interval).
                    if (nowNanos - jitSampleNanos >= 900_000_000L) {
                        long jitMs = CpuWindow.compilationMillis();
                        c.jitMsPerS = (jitMs - jitSampleMs) / ((nowNanos - jitSampleNanos) * 1e-9);
                        jitSampleMs = jitMs;
                        jitSampleNanos = nowNanos;
                    }
                    double s = (nowNanos - tStart) * 1e-9;
                    progress.printf(Locale.ROOT,
                            "sedstream: %5.1f s  produced %d/%d  posteriors %d  dead letters %d%s  (%.0f/s)  heap %.0f MB  JIT %s ms/s%s%n",
                            s, produced.get(), o.galaxies(), c.posteriors, c.deadLetters,
                            tally == null ? "" : "  comparisons " + tally.count(), (c.posteriors + c.deadLetters) / s, heap.lastUsedMb,
                            Double.isNaN(c.jitMsPerS) ? "-" : String.format(Locale.ROOT, "%.0f", c.jitMsPerS),
                            measuring ? "" : "  (warming up)");
                    if (observer != null) {
                        observer.progressLines().forEach(progress::println);
                    }
                }
            }
        }
        return c;
    }

    private static final AvroCodec<DeadLetter> DEAD_LETTERS = new AvroCodec<>(DeadLetter.class, SchemaStore.builtIn());

    /** One line per dead letter (the expected poison pills of the demo), its reason and description, never a stack trace. */
    static String deadLetterLine(byte[] value) {
        try {
            DeadLetter d = DEAD_LETTERS.decode(value);
            String why = d.getDescription().replaceAll("\\s+", " ");
            return d.getReason() + " (" + d.getTopic() + "-" + d.getPartition() + "@" + d.getOffset() + "): "
                    + (why.length() > 200 ? why.substring(0, 200) + "..." : why);
        } catch (RuntimeException e) {
            return "(undecodable DeadLetter: " + e.getMessage() + ")";
        }
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[i];
    }

    /** Heap in use (sampled) and the live heap after garbage collection (the steady-state figure). */
    private static final class HeapWatch {
        double usedMaxMb;
        double lastUsedMb;
        private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private double afterGcMaxMb;

        void sample() {
            lastUsedMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
            usedMaxMb = Math.max(usedMaxMb, lastUsedMb);
            double afterGc = 0;
            for (MemoryPoolMXBean p : heapPools) {
                if (p.getCollectionUsage() != null) {
                    afterGc += p.getCollectionUsage().getUsed();
                }
            }
            afterGcMaxMb = Math.max(afterGcMaxMb, afterGc / 1048576.0);
        }

        double afterGcMaxMb() {
            return afterGcMaxMb;
        }
    }

    /** Removes a temporary directory tree (state dirs, fixture bundles). */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("sedstream: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
