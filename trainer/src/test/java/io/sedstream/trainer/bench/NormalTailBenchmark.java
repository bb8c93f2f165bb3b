package io.sedstream.trainer.bench;

import io.sedstream.inference.posterior.StandardNormal;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hipparchus.special.Erf;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Why the exact summaries keep their own normal tail: the density and upper tail at z, as the
 * summaries' inner loop needs both, by {@link StandardNormal} (one shared exp) and by Hipparchus
 * (erfc through the regularised incomplete gamma function, plus an exp for the density). Per call,
 * averaged over 1024 z in [-8, 8].
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Threads(1)
public class NormalTailBenchmark {

    private static final int N = 1024;
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private final double[] z = new double[N];

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < N; i++) {
            z[i] = -8 + 16 * rng.nextDouble();
        }
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(N)
    public double handWritten() {
        double s = 0;
        for (double x : z) {
            s += StandardNormal.complementaryCdf(x) + StandardNormal.pdf(x);
        }
        return s;
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(N)
    public double hipparchus() {
        double s = 0;
        for (double x : z) {
            s += 0.5 * Erf.erfc(x * SQRT_HALF) + StandardNormal.INV_SQRT_2PI * Math.exp(-0.5 * x * x);
        }
        return s;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(NormalTailBenchmark.class.getSimpleName()).build()).run();
    }
}
