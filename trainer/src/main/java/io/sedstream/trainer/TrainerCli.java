package io.sedstream.trainer;

import io.sedstream.trainer.evidence.TrainEvidenceCommand;
import io.sedstream.trainer.evidence.ValidateEvidenceCommand;
import io.sedstream.trainer.train.BenchTrainCommand;
import io.sedstream.trainer.train.TrainCommand;
import io.sedstream.trainer.train.TrainMemberCommand;
import io.sedstream.trainer.validate.ValidateCommand;
import io.sedstream.trainer.simulate.BenchSimulateCommand;
import io.sedstream.trainer.simulate.PreviewCommand;
import io.sedstream.trainer.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root of the trainer's command line ({@code ./sedstream simulate|preview|train|validate|train-evidence|validate-evidence|survey-model|mock-catalogue|bench ...}). */
@Command(name = "sedstream", mixinStandardHelpOptions = true,
        description = "sedstream trainer: simulated libraries, training, validation",
        subcommands = {SimulateCommand.class, PreviewCommand.class, TrainCommand.class, ValidateCommand.class,
            TrainEvidenceCommand.class, ValidateEvidenceCommand.class, TrainerCli.Bench.class, TrainMemberCommand.class,
            io.sedstream.trainer.misfit.FitMisfitCommand.class, io.sedstream.trainer.misfit.ValidateMisfitCommand.class,
            io.sedstream.trainer.survey.SurveyModelCommand.class, io.sedstream.trainer.survey.MockCatalogueCommand.class,
            io.sedstream.trainer.survey.ZeroPointsCommand.class})
public final class TrainerCli {

    /** {@code bench <what>}: benchmarks that print figures. */
    @Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (print figures)",
            subcommands = {BenchSimulateCommand.class, BenchTrainCommand.class, io.sedstream.trainer.compare.CompareSamplerCommand.class})
    public static final class Bench {
    }

    /** Exit code for bad arguments, configuration or input files (as the streams-app CLI). */
    static final int EXIT_USAGE = 2;

    /** The command line with its error handling, so tests run exactly what {@link #main} runs. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TrainerCli());
        // A bad value, a missing data directory or an unreadable library is the user's to fix:
        // one line naming the problem, not a stack trace. Anything else is a bug and keeps its trace.
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (isUsageError(ex)) {
                commandLine.getErr().println("sedstream " + commandLine.getCommandName() + ": " + ex.getMessage());
                return EXIT_USAGE;
            }
            throw ex;
        });
        return cl;
    }

    /** A bad value, a missing data directory or an unreadable library: the user's to fix (also the one root's rule for these commands). */
    public static boolean isUsageError(Exception ex) {
        return ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                || ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException
                || ex instanceof io.sedstream.inference.bundle.InvalidModelBundleException;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
