package io.sedstream.trainer.train;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code bench train}: training throughput (rows/s) of the default MDN architecture. */
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

    @Override
    public Integer call() {
        MdnArchitecture arch = new MdnArchitecture(42, 12, components, MdnArchitecture.parseHidden(hidden),
                io.sedstream.inference.onnx.Activation.SILU);
        TrainingThroughput.Result r = TrainingThroughput.measure(TorchRuntime.engine(threads), arch, batch, rows, epochs, threads,
                System.err::println);
        System.out.println(r.line());
        return 0;
    }
}
