package io.sedstream.streams.cli;

import io.sedstream.inference.bundle.InvalidModelBundleException;
import io.sedstream.streams.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root of the {@code ./sedstream} commands owned by streams-app. Bad arguments exit with code 2 and a message naming the problem. */
@Command(name = "sedstream", mixinStandardHelpOptions = true, version = "sedstream 0.1.0",
        description = "Streaming galaxy SED fitting: Kafka Streams + ONNX neural posterior estimation.",
        subcommands = {RunCommand.class, DemoCommand.class, BenchCommand.class, ProduceCommand.class, ConsumeCommand.class,
                InferCommand.class, CommandLine.HelpCommand.class})
public final class SedstreamCli implements Runnable {

    /** Exit code for bad arguments or configuration (picocli's usage code). */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: run, demo, bench, produce, consume, infer");
    }

    /** The configured command line (also what tests run). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SedstreamCli());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException || ex instanceof IllegalArgumentException || ex instanceof InvalidModelBundleException) {
                commandLine.getErr().println("sedstream " + commandLine.getCommandName() + ": " + ex.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof ProduceCommand.NotDeliveredException) {
                commandLine.getErr().println("sedstream " + commandLine.getCommandName() + ": " + ex.getMessage());
                return ProduceCommand.EXIT_NOT_DELIVERED;
            }
            if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
                // A file that cannot be read or written: the message names it; no stack trace.
                commandLine.getErr().println("sedstream " + commandLine.getCommandName() + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl;
    }

    /** Stack for the command thread: loading an ONNX model in ONNX Runtime overflows the JVM's default 1 MB main stack (segfault). */
    private static final long COMMAND_STACK_BYTES = 64L * 1024 * 1024;

    public static void main(String[] args) throws InterruptedException {
        // Avro refuses to instantiate generated classes outside trusted packages; trust ours even without the launcher's -D.
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.sedstream");
        }
        int[] exit = {1};
        Thread t = new Thread(null, () -> exit[0] = commandLine().execute(args), "sedstream-main", COMMAND_STACK_BYTES);
        t.start();
        t.join();
        System.exit(exit[0]);
    }
}
