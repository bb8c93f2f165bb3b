package io.sedstream.streams.cli;

import io.sedstream.inference.bundle.InvalidModelBundleException;
import io.sedstream.streams.app.BrokerCheck;
import io.sedstream.streams.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one root of every {@code sedstream} command. The serving commands are its own; the tool commands
 * (demo, bench, the trainer's) join through {@link Extension}s found on the classpath, so the production
 * distribution (streams-app alone) offers exactly the serving commands and {@code ./sedstream} (demo/'s
 * classpath) all of them. Bad arguments exit with code 2 and a message naming the problem.
 */
@Command(name = "sedstream", mixinStandardHelpOptions = true, version = "sedstream 0.1.0",
        description = "Streaming galaxy SED fitting: Kafka Streams + ONNX neural posterior estimation.",
        subcommands = {RunCommand.class, ProduceCommand.class, ConsumeCommand.class, InferCommand.class})
public final class SedstreamCli implements Runnable {

    /** More commands for the root, registered in {@code META-INF/services/io.sedstream.streams.cli.SedstreamCli$Extension}. */
    public interface Extension {
        /** Adds this extension's commands to {@code root}. */
        void addCommands(CommandLine root);

        /** Whether {@code ex}, thrown by {@code command} (one of this extension's), is the user's to fix: one line, exit 2. */
        default boolean isUsageError(CommandLine command, Exception ex) {
            return false;
        }
    }

    /** Exit code for bad arguments or configuration (picocli's usage code). */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
    /** Exit code when the Kafka cluster cannot be reached (sysexits' EX_UNAVAILABLE). */
    public static final int EXIT_UNAVAILABLE = 69;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.commandLine().getSubcommands().keySet()));
    }

    /** The configured command line with every extension on the classpath (also what tests run). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SedstreamCli());
        List<Extension> extensions = new ArrayList<>();
        ServiceLoader.load(Extension.class).forEach(extensions::add);
        extensions.forEach(e -> e.addCommands(cl));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        ConfigOptions.addKeyFlags(cl);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean usage = ex instanceof ConfigException || ex instanceof IllegalArgumentException || ex instanceof InvalidModelBundleException;
            for (Extension e : extensions) {
                usage |= e.isUsageError(commandLine, ex);
            }
            if (usage) {
                commandLine.getErr().println("sedstream " + commandLine.getCommandName() + ": " + ex.getMessage());
                return EXIT_USAGE;
            }
            if (ex instanceof BrokerCheck.BrokerUnreachableException) {
                commandLine.getErr().println("sedstream " + commandLine.getCommandName() + ": " + ex.getMessage());
                return EXIT_UNAVAILABLE;
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
