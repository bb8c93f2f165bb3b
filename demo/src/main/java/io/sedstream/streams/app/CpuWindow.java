package io.sedstream.streams.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.streams.json.JsonLine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time spent by this process between {@link #start()} and {@link #stop()}, in total and by
 * thread group, so the bench can say where the CPU goes (wall-clock rates on a shared machine say
 * little). Groups, by thread name: Kafka Streams threads, the Streams producers' network threads,
 * the bench's own producer and consumer, the in-process broker (every other Java thread), and
 * "jvm" = process total minus all Java threads (garbage collection, JIT compilation, native; the
 * process and thread clocks are read separately, so near zero it can come out slightly negative).
 * A thread that ends inside the window is counted in the process total (hence in "jvm") only.
 */
public final class CpuWindow {

    /** Name of the thread that reads the outputs (the bench's consumer). */
    private final String consumerThread;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os;
    private Map<Long, Long> startByThread = Map.of();
    /** Latest CPU time and name seen per thread, so threads that end inside the window still count (to the last sample). */
    private final Map<Long, Long> lastByThread = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private long startProcessNanos;
    private long startGcMs;
    private long startJitMs;
    private long gcMs;
    private long jitMs;
    private final Map<String, Long> groupNanos = new LinkedHashMap<>();
    private long totalNanos;

    public CpuWindow(String consumerThread) {
        this.consumerThread = consumerThread;
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean bean)) {
            throw new IllegalStateException("this JVM does not report process CPU time (com.sun.management.OperatingSystemMXBean)");
        }
        this.os = bean;
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    public void start() {
        startByThread = snapshot();
        startProcessNanos = os.getProcessCpuTime();
        startGcMs = gcMillis();
        startJitMs = compilationMillis();
    }

    private static long gcMillis() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    /** Total JIT compilation time of this JVM so far, in ms (0 where the JVM does not report it). */
    public static long compilationMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Records every live thread's CPU time (call about once a second: a thread that ends loses at most one interval). */
    public void sample() {
        snapshot();
    }

    public void stop() {
        long processNanos = os.getProcessCpuTime() - startProcessNanos;
        gcMs = gcMillis() - startGcMs;
        jitMs = compilationMillis() - startJitMs;
        snapshot();
        for (String g : new String[] {"stream_threads", "streams_producer", "bench_producer", "bench_consumer", "broker", "jvm"}) {
            groupNanos.put(g, 0L);
        }
        long javaNanos = 0;
        for (Map.Entry<Long, Long> e : lastByThread.entrySet()) {
            long delta = e.getValue() - startByThread.getOrDefault(e.getKey(), 0L);
            if (delta <= 0) {
                continue;
            }
            javaNanos += delta;
            groupNanos.merge(group(names.getOrDefault(e.getKey(), "?")), delta, Long::sum);
        }
        // Signed: a small negative value is the two clocks' disagreement, not negative work.
        groupNanos.merge("jvm", processNanos - javaNanos, Long::sum);
        totalNanos = processNanos;
    }

    private String group(String name) {
        if (name.startsWith("kafka-producer-network-thread")) {
            return name.contains("StreamThread") ? "streams_producer" : "bench_producer";
        }
        if (name.contains("StreamThread")) {
            return "stream_threads";
        }
        if (name.startsWith("sedstream-demo-producer")) {
            return "bench_producer";
        }
        if (name.equals(consumerThread)) {
            return "bench_consumer";
        }
        return "broker";
    }

    private Map<Long, Long> snapshot() {
        Map<Long, Long> m = new HashMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long t = threads.getThreadCpuTime(ids[i]);
            if (t >= 0 && infos[i] != null) {
                m.put(ids[i], t);
                lastByThread.merge(ids[i], t, Math::max);
                names.putIfAbsent(ids[i], infos[i].getThreadName());
            }
        }
        return m;
    }

    public long totalNanos() {
        return totalNanos;
    }

    /** Microseconds of CPU per record (to 0.1 us), in total and per group, as a JSON object. */
    public ObjectNode perRecord(long records) {
        double n = Math.max(1, records);
        ObjectNode o = JsonLine.object();
        o.put("total", JsonLine.rounded(totalNanos / 1e3 / n, 1));
        groupNanos.forEach((g, ns) -> o.put(g, JsonLine.rounded(ns / 1e3 / n, 1)));
        // Elapsed (not CPU) time of collections and compilations in the window, per record: what "jvm" is made of.
        o.put("gc_elapsed", JsonLine.rounded(gcMs * 1e3 / n, 1));
        o.put("jit_elapsed", JsonLine.rounded(jitMs * 1e3 / n, 1));
        return o;
    }
}
