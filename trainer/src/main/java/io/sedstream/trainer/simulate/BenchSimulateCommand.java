package io.sedstream.trainer.simulate;

import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.noise.NoiseModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench simulate}: galaxies per second per core of the forward model alone (prior + model + noise),
 * and of the full library pipeline (with Avro writing to a temporary directory, deleted afterwards), with
 * the extrapolated wall time of a 10^6-galaxy library.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Benchmark library simulation and print figures.")
public final class BenchSimulateCommand implements Callable<Integer> {
    @Option(names = "--n", defaultValue = "100000", description = "Galaxies per measurement. Default: ${DEFAULT-VALUE}")
    long n;

    @Option(names = "--threads", defaultValue = "0", description = "Threads (0 = all cores). Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--noise", defaultValue = "deep", description = "Noise model (as for simulate). Default: ${DEFAULT-VALUE}")
    String noise;

    @Option(names = "--seed", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() throws Exception {
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        ForwardModel model = modelOptions.load();
        NoiseModel noiseModel = NoiseModels.resolve(noise, model.bandNames(), null);
        double setup = (System.nanoTime() - t0) / 1e9;
        System.out.printf("model %s, %d bands, rest-frame grid %d nodes, %d SSP age bins; setup %.2f s; %d threads%n",
                model.name(), model.bandNames().size(), model.grid().size(), model.ssp().binCount(), setup, t);

        // Warm-up (JIT), then the forward model alone.
        computeOnly(model, noiseModel, Math.min(n, 20000), t);
        double cpu0 = SimulateCommand.processCpuSeconds();
        double compute = computeOnly(model, noiseModel, n, t);
        double cpu = SimulateCommand.processCpuSeconds() - cpu0;
        System.out.printf("forward model + prior + noise: %,d galaxies in %.2f s wall = %,.0f galaxies/s = %,.0f galaxies/s/core;"
                + " %.2f CPU-s = %,.0f galaxies per CPU-second%n", n, compute, n / compute, n / compute / t, cpu, n / cpu);

        Path dir = Files.createTempDirectory("sedstream-bench-");
        try {
            double c0 = SimulateCommand.processCpuSeconds();
            LibrarySimulator.Result r = LibrarySimulator.run(model, noiseModel,
                    new LibrarySimulator.Settings(n, seed, t, (int) Math.min(n, 100000), 0, false), dir, System.err);
            double c = SimulateCommand.processCpuSeconds() - c0;
            double rate = n / r.wallSeconds();
            System.out.printf("full library (simulate + Avro write): %,d galaxies in %.2f s wall = %,.0f galaxies/s = %,.0f galaxies/s/core;"
                    + " %.2f CPU-s = %,.0f galaxies per CPU-second%n", n, r.wallSeconds(), rate, rate / t, c, n / c);
            System.out.printf("extrapolated 10^6-galaxy library on %d threads: %.0f s at the measured wall rate, %.0f s on %d idle cores%n",
                    t, 1e6 / rate, 1e6 / (n / c) / t, t);
        } finally {
            LibrarySimulator.deleteLibraryFiles(dir);
            Files.deleteIfExists(dir.resolve("noise-model.json"));
            Files.deleteIfExists(dir);
        }
        long peakHeap = SimulateCommand.peakHeapBytes();
        System.out.printf("peak heap (sum of pool peaks) %.0f MB, max heap %.0f MB%n", peakHeap / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        return 0;
    }

    private static double computeOnly(ForwardModel model, NoiseModel noise, long n, int threads) throws Exception {
        long start = System.nanoTime();
        Thread[] ts = new Thread[threads];
        double[] sink = new double[threads];
        for (int k = 0; k < threads; k++) {
            final int kk = k;
            ts[k] = new Thread(() -> {
                LibrarySimulator.Worker w = new LibrarySimulator.Worker(model, noise);
                double s = 0;
                for (long id = kk; id < n; id += threads) {
                    s += w.galaxy(12345L, id).fluxNJy()[0];
                }
                sink[kk] = s;
            });
            ts[k].start();
        }
        for (Thread th : ts) {
            th.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
