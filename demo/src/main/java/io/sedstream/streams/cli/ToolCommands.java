package io.sedstream.streams.cli;

import io.sedstream.trainer.TrainerCli;
import java.util.Map;
import picocli.CommandLine;

/**
 * The tool commands of the one {@code sedstream} root: {@code demo}, {@code bench} (end to end, with the
 * trainer's {@code bench simulate|train|compare-sampler} beneath it) and every trainer command.
 */
public final class ToolCommands implements SedstreamCli.Extension {

    @Override
    public void addCommands(CommandLine root) {
        root.addSubcommand("demo", new DemoCommand());
        CommandLine bench = new CommandLine(new BenchCommand());
        Map<String, CommandLine> trainer = TrainerCli.commandLine().getSubcommands();
        trainer.get("bench").getSubcommands().forEach(bench::addSubcommand);
        root.addSubcommand("bench", bench);
        trainer.forEach((name, command) -> {
            if (!name.equals("bench")) {
                root.addSubcommand(name, command);
            }
        });
    }

    @Override
    public boolean isUsageError(CommandLine command, Exception ex) {
        return command.getCommand().getClass().getPackageName().startsWith("io.sedstream.trainer") && TrainerCli.isUsageError(ex);
    }
}
