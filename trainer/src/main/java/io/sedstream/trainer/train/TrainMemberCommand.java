package io.sedstream.trainer.train;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code train-member} (hidden): what one child JVM of {@code train --parallel-members P} runs.
 * Reads the job the parent wrote, loads and prepares the library exactly as the parent did, trains
 * that one member ({@link MdnTrainer#trainMember}) and writes it to the job's result file. Progress
 * goes to stderr, which the parent forwards with the member's label.
 */
@Command(name = TrainMemberCommand.NAME, hidden = true, mixinStandardHelpOptions = true,
        description = "Internal: train one ensemble member for a parent 'train --parallel-members' run.")
public final class TrainMemberCommand implements Callable<Integer> {

    static final String NAME = "train-member";

    @Option(names = "--job", required = true, description = "Job file written by the parent run")
    Path job;

    @Override
    public Integer call() throws Exception {
        MemberJob j = MemberJob.read(job);
        TrainingRun.Inputs in = TrainingRun.load(j.settings());
        TrainedMember m = new MdnTrainer(TorchRuntime.engine(j.settings().threads()), System.err::println)
                .trainMember(in.source(), in.arch(), j.settings().training(), j.member(), j.wallSeconds());
        MemberResultFile.write(j.result(), m);
        return 0;
    }
}
