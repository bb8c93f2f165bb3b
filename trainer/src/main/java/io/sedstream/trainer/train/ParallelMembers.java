package io.sedstream.trainer.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Trains the members of one ensemble in child JVMs, up to {@code --parallel-members} at a time:
 * one PyTorch network on one intra-op thread uses a core far better than one network on two, but
 * DJL allows one gradient collector per JVM, so side by side means separate processes. Members go
 * in waves (0..P-1, then P..2P-1, ...); each wave gets an even share of what is left of the
 * wall-clock cap (the whole cap when every member runs at once). Each child ({@code train-member})
 * reads the same library, fits the same preparation and trains exactly member m as the in-process
 * loop would ({@link EnsembleTrainer#trainMember}), then writes its result to the run's temporary
 * directory ({@link MemberResultFile}); the parent reads the results back and goes on as after a
 * sequential run. A child that fails fails the run; the parent kills its children when it is
 * interrupted, fails or exits.
 */
public final class ParallelMembers {

    private ParallelMembers() {
    }

    /** Members training at the same time. */
    static int concurrency(TrainingRun.Settings s) {
        return Math.min(s.parallelMembers(), s.members());
    }

    /** Intra-op threads of each member: the run's threads split among the members running at once, at least 1. */
    static int memberThreads(TrainingRun.Settings s) {
        return concurrency(s) == 1 ? s.threads() : Math.max(1, s.threads() / concurrency(s));
    }

    /** Trains every member of {@code s} in child JVMs and returns them in member order. */
    static List<TrainedMember> train(TrainingRun.Settings s, Consumer<String> progress) throws IOException, InterruptedException {
        // Child output arrives on one thread per stream; the caller's consumer need not be thread-safe.
        Consumer<String> out = line -> {
            synchronized (ParallelMembers.class) {
                progress.accept(line);
            }
        };
        int concurrent = concurrency(s);
        int waves = (s.members() + concurrent - 1) / concurrent;
        TrainingRun.Settings childSettings = s.forChild(memberThreads(s));
        List<ChildJvm> live = new CopyOnWriteArrayList<>();
        Path dir = Files.createTempDirectory("sedstream-members-");
        // On SIGTERM or System.exit the finally block below never runs: the hook does its work.
        Thread killChildren = new Thread(() -> {
            live.forEach(ChildJvm::kill);
            try {
                deleteRecursively(dir);
            } catch (IOException e) {
                System.err.println("could not delete " + dir + ": " + e);
            }
        }, "kill-member-jvms");
        Runtime.getRuntime().addShutdownHook(killChildren);
        long start = System.nanoTime();
        Throwable failure = null;
        try {
            List<TrainedMember> trained = new ArrayList<>();
            for (int w = 0; w < waves; w++) {
                double share = EnsembleTrainer.evenShareSeconds(s.training().maxWall(), (System.nanoTime() - start) / 1e9, waves - w);
                int from = w * concurrent;
                int to = Math.min(s.members(), from + concurrent);
                out.accept(String.format(Locale.ROOT, "starting member(s) %d-%d in child JVMs, %d intra-op thread(s) each, %.1f min wall each at most",
                        from, to - 1, childSettings.threads(), share / 60));
                List<ChildJvm> wave = new ArrayList<>();
                for (int m = from; m < to; m++) {
                    MemberJob job = new MemberJob(childSettings, m, share, dir.resolve("member-" + m + ".bin"));
                    Path jobFile = dir.resolve("member-" + m + ".json");
                    job.write(jobFile);
                    ChildJvm child = ChildJvm.start("member " + m, List.of(TrainMemberCommand.NAME, "--job", jobFile.toString()), out);
                    live.add(child);
                    wave.add(child);
                }
                ChildJvm.awaitAll(wave);
                live.removeAll(wave);
                for (int m = from; m < to; m++) {
                    trained.add(MemberResultFile.read(dir.resolve("member-" + m + ".bin")));
                }
            }
            return trained;
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            live.forEach(ChildJvm::kill);
            try {
                Runtime.getRuntime().removeShutdownHook(killChildren);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting and the hook is running or has run: it kills the children itself.
            }
            try {
                deleteRecursively(dir);
            } catch (IOException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
