package io.sedstream.trainer;

import io.sedstream.trainer.train.BenchTrainCommand;
import io.sedstream.trainer.train.TrainCommand;
import io.sedstream.trainer.validate.ValidateCommand;
import io.sedstream.trainer.simulate.BenchSimulateCommand;
import io.sedstream.trainer.simulate.PreviewCommand;
import io.sedstream.trainer.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root of the trainer's command line ({@code ./sedstream simulate|preview|train|validate|evidence|bench ...}). */
@Command(name = "sedstream", mixinStandardHelpOptions = true,
        description = "sedstream trainer: simulated libraries, training, validation",
        subcommands = {SimulateCommand.class, PreviewCommand.class, TrainCommand.class, ValidateCommand.class, TrainerCli.Bench.class})
public final class TrainerCli {

    /** {@code bench <what>}: benchmarks that print figures. */
    @Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (print figures)",
            subcommands = {BenchSimulateCommand.class, BenchTrainCommand.class, io.sedstream.trainer.compare.CompareSamplerCommand.class})
    public static final class Bench {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainerCli()).execute(args));
    }
}
