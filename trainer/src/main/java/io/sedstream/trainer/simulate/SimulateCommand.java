package io.sedstream.trainer.simulate;

import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.noise.NoiseModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code simulate}: writes a training library (chunked Avro + library.json). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a training library: N galaxies from the model's prior, noiseless and noisy fluxes.")
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--n", required = true, description = "Number of galaxies")
    long n;

    // No default: a default seed was the shipped model's training seed, so a "held-out" library made
    // without thinking repeated the training galaxies (issue 13). validate refuses such a library too.
    @Option(names = "--seed", required = true, description = "Library seed (same seed, same bytes). Required: a held-out "
            + "library needs a seed no training library used (the shipped models were trained on seeds 1 and 2).")
    long seed;

    @Option(names = "--out", required = true, description = "Output directory")
    Path out;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads (0 = all cores). Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--noise", defaultValue = "deep",
            description = "deep | medium (approximate JADES-like depths), a depth config file, an empirical model .json, "
                    + "or a catalogue (.csv, .fits, .cat, ...; columns per --noise-columns) to fit one from. Default: ${DEFAULT-VALUE}")
    String noise;

    @Option(names = "--noise-columns", defaultValue = "sedstream", paramLabel = "MAP",
            description = "Column naming of a --noise catalogue, as for infer --columns: sedstream, dp1, eazy or a map file. Default: ${DEFAULT-VALUE}")
    String noiseColumns;

    @Option(names = "--noise-zero-point", paramLabel = "AB", description = "AB zero point of a --noise catalogue's fluxes (needed by eazy).")
    Double noiseZeroPointAb;

    @Option(names = "--chunk-size", defaultValue = "100000", description = "Galaxies per Avro file. Default: ${DEFAULT-VALUE}")
    int chunkSize;

    @Option(names = "--deflate", defaultValue = "0", description = "Avro deflate level, 0 = uncompressed. Default: ${DEFAULT-VALUE}")
    int deflate;

    @Option(names = "--overwrite", description = "Replace an existing library in --out")
    boolean overwrite;

    @Option(names = "--no-progress", description = "No progress bar")
    boolean noProgress;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        ForwardModel model = modelOptions.load();
        if (overwrite) {
            LibrarySimulator.deleteLibraryFiles(out);
        }
        try {
            java.nio.file.Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + out, e);
        }
        NoiseModel noiseModel = NoiseModels.resolve(noise,
                io.sedstream.inference.catalogue.ColumnMap.resolve(noiseColumns, noiseZeroPointAb), model.bandNames(), out);
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        System.err.printf("model %s, bands %s (%d), noise %s, %d threads; setup %.2f s%n", model.name(),
                model.filters().name(), model.bandNames().size(), noiseModel.description(), t, (System.nanoTime() - t0) / 1e9);
        double cpu0 = processCpuSeconds();
        LibrarySimulator.Result r = LibrarySimulator.run(model, noiseModel,
                new LibrarySimulator.Settings(n, seed, t, chunkSize, deflate, !noProgress), out, System.err);
        System.err.printf("wrote %,d galaxies in %d chunk(s) to %s in %.1f s (%.0f galaxies/s, %.0f per thread); "
                + "peak heap %.0f MB of max %.0f MB%n", n, r.manifest().chunks().size(), out, r.wallSeconds(),
                n / r.wallSeconds(), n / r.wallSeconds() / t, peakHeapBytes() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        double cpu = processCpuSeconds() - cpu0;
        System.err.printf("CPU time %.1f s (%.0f galaxies per CPU-second; wall on %d idle cores would be ~%.0f s)%n",
                cpu, n / cpu, t, cpu / t);
        return 0;
    }

    /** CPU time used by this JVM so far [s] (all threads), or NaN where the platform does not report it. */
    static double processCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** Sum over the heap memory pools of their peak usage since the JVM started. */
    static long peakHeapBytes() {
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
