package io.sedstream.trainer.train;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench train}: training throughput (rows/s) of the default MDN architecture; with
 * {@code --processes P}, first one process, then P child JVMs of the same measurement at once
 * (what {@code train --parallel-members P} does with an ensemble), and their aggregate.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Benchmark MDN training throughput (forward, mixture loss, backward, clipping, Adam) and print rows/s.")
public final class BenchTrainCommand implements Callable<Integer> {

    @Option(names = "--batch", defaultValue = "512", description = "Batch size. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads. Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--rows", defaultValue = "50000", description = "Rows per epoch. Default: ${DEFAULT-VALUE}")
    int rows;

    @Option(names = "--epochs", defaultValue = "3", description = "Measured epochs (after one warm-up epoch). Default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--components", defaultValue = "20", description = "Mixture components. Default: ${DEFAULT-VALUE}")
    int components;

    @Option(names = "--hidden", defaultValue = "256,256,256", description = "Hidden widths. Default: ${DEFAULT-VALUE}")
    String hidden;

    @Option(names = "--processes", defaultValue = "1", description = "After the single-process run, run P child JVMs of the "
            + "same measurement at once, max(1, threads/P) intra-op threads each, and print each one's rows/s and their sum. "
            + "Default: ${DEFAULT-VALUE}")
    int processes;

    @Option(names = "--result-file", hidden = true, description = "Internal: where a child process writes its rows/s")
    Path resultFile;

    @Override
    public Integer call() throws Exception {
        if (processes < 1) {
            throw new IllegalArgumentException("--processes must be >= 1, got " + processes);
        }
        MdnArchitecture arch = new MdnArchitecture(42, 12, components, MdnArchitecture.parseHidden(hidden),
                io.sedstream.inference.onnx.Activation.SILU);
        TrainingThroughput.Result single = TrainingThroughput.measure(TorchRuntime.engine(threads), arch, batch, rows, epochs, threads,
                System.err::println);
        System.out.println((processes > 1 ? "single process: " : "") + single.line());
        if (resultFile != null) {
            Files.writeString(resultFile, Double.toString(single.rowsPerSecond()));
        }
        if (processes > 1) {
            sideBySide(single.rowsPerSecond());
        }
        return 0;
    }

    /** P child JVMs of this benchmark at once; prints each one's rows/s, their sum and its ratio to {@code singleRowsPerSecond}. */
    private void sideBySide(double singleRowsPerSecond) throws Exception {
        int childThreads = Math.max(1, threads / processes);
        Path dir = Files.createTempDirectory("sedstream-bench-train-");
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int k = 0; k < processes; k++) {
                List<String> args = List.of("bench", "train", "--batch", Integer.toString(batch), "--threads", Integer.toString(childThreads),
                        "--rows", Integer.toString(rows), "--epochs", Integer.toString(epochs), "--components", Integer.toString(components),
                        "--hidden", hidden, "--result-file", dir.resolve("process-" + k + ".txt").toString());
                children.add(ChildJvm.start("process " + k, args, line -> {
                    synchronized (System.err) {
                        System.err.println(line);
                    }
                }));
            }
            ChildJvm.awaitAll(children);
            double sum = 0;
            for (int k = 0; k < processes; k++) {
                double r = Double.parseDouble(Files.readString(dir.resolve("process-" + k + ".txt")).trim());
                sum += r;
                System.out.printf(Locale.ROOT, "process %d of %d (%d intra-op thread(s)): %,.0f rows/s%n", k, processes, childThreads, r);
            }
            System.out.printf(Locale.ROOT, "aggregate of %d processes side by side: %,.0f rows/s = %.2f x the single process (%,.0f rows/s, %d thread(s))%n",
                    processes, sum, sum / singleRowsPerSecond, singleRowsPerSecond, threads);
        } finally {
            children.forEach(ChildJvm::kill);
            ParallelMembers.deleteRecursively(dir);
        }
    }
}
