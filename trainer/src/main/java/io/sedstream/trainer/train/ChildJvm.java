package io.sedstream.trainer.train;

import io.sedstream.trainer.TrainerCli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A trainer subcommand run in a child JVM: the same {@code java} binary, classpath, heap limit and
 * the system properties the trainer depends on. Each line the child prints, on either stream, goes
 * to the parent's progress with the child's label in front; the last stderr lines are kept for the
 * error message if it fails. Needed because DJL's PyTorch engine allows one gradient collector per
 * JVM at a time ({@code PtGradientCollector} keeps a static flag), so networks can only train side
 * by side in separate processes.
 */
final class ChildJvm implements AutoCloseable {

    /** System properties a child inherits when the parent has them set. */
    private static final List<String> FORWARDED_PROPERTIES = List.of("ai.djl.offline", "org.apache.avro.SERIALIZABLE_PACKAGES",
            "sedstream.data.dir", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "java.io.tmpdir");

    private static final int STDERR_TAIL_LINES = 15;
    private static final long KILL_WAIT_SECONDS = 5;
    /** How often a parent looks for a child that has ended. */
    private static final long POLL_MILLIS = 100;

    private final String label;
    private final Process process;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final List<Thread> pumps = new ArrayList<>();

    private ChildJvm(String label, Process process, Consumer<String> progress) {
        this.label = label;
        this.process = process;
        pumps.add(pump(process.getInputStream(), progress, false));
        pumps.add(pump(process.getErrorStream(), progress, true));
    }

    /** Starts {@code TrainerCli args...} in a child JVM; its output goes to {@code progress} as "label: line". */
    static ChildJvm start(String label, List<String> trainerArgs, Consumer<String> progress) {
        List<String> command = command(trainerArgs);
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close(); // the child reads nothing from stdin
            return new ChildJvm(label, p, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the child JVM for " + label + " (" + command.get(0) + ")", e);
        }
    }

    /** The child's command line: java, heap limit, forwarded properties, classpath, the trainer's main class and its arguments. */
    static List<String> command(List<String> trainerArgs) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        // The child holds the same library table as the parent, so it gets the same heap limit.
        cmd.add("-Xmx" + Math.max(256, Runtime.getRuntime().maxMemory() >> 20) + "m");
        for (String key : FORWARDED_PROPERTIES) {
            String value = System.getProperty(key);
            if (value != null) {
                cmd.add("-D" + key + "=" + value);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TrainerCli.class.getName());
        cmd.addAll(trainerArgs);
        return cmd;
    }

    /** Waits until every child has ended; the first that fails ends the wait with its exit code and last stderr lines. */
    static void awaitAll(List<ChildJvm> children) throws InterruptedException {
        List<ChildJvm> running = new ArrayList<>(children);
        while (!running.isEmpty()) {
            for (ChildJvm child : List.copyOf(running)) {
                if (child.waitFor(POLL_MILLIS / running.size())) {
                    running.remove(child);
                    if (child.exitCode() != 0) {
                        throw new IllegalStateException(child.label() + " failed in its child JVM (exit code " + child.exitCode()
                                + "); its last stderr lines:\n  " + String.join("\n  ", child.stderrTail()));
                    }
                }
            }
        }
    }

    String label() {
        return label;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code millis} for the child to end; true when it has (its output fully forwarded). */
    boolean waitFor(long millis) throws InterruptedException {
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        for (Thread t : pumps) {
            t.join();
        }
        return true;
    }

    int exitCode() {
        return process.exitValue();
    }

    /** The last lines the child wrote to stderr, oldest first. */
    List<String> stderrTail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    /** Kills the child (and anything it started) if it is still running, and waits a few seconds for it to be gone. */
    void kill() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // Killed already; only the wait for the kill to land is cut short. Keep the caller's interrupt.
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private Thread pump(InputStream stream, Consumer<String> progress, boolean keepTail) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (keepTail) {
                        synchronized (stderrTail) {
                            if (stderrTail.size() == STDERR_TAIL_LINES) {
                                stderrTail.removeFirst();
                            }
                            stderrTail.addLast(line);
                        }
                    }
                    progress.accept(label + ": " + line);
                }
            } catch (IOException e) {
                // The stream closes when the child is killed; what it printed before is already forwarded.
                progress.accept(label + ": (output closed: " + e.getMessage() + ")");
            }
        }, "child-output-" + label);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
