package io.sedstream.trainer.simulate;

import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ParameterNames;
import io.sedstream.sed.model.ParameterSpec;
import io.sedstream.sed.noise.ModelErrorNoise;
import io.sedstream.sed.noise.NoiseModel;
import io.sedstream.sed.prior.Prior;
import io.sedstream.trainer.library.ChunkWriter;
import io.sedstream.trainer.library.LibraryManifest;
import io.sedstream.trainer.library.LibraryRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates a training library: N galaxies drawn from the model's prior, simulated, given noise, and
 * written as chunked Avro container files plus library.json. Threads take whole chunks; each galaxy's
 * randomness comes from its own stream ({@link GalaxyStreams}), so the bytes depend only on the seed.
 * The hot loop allocates nothing per galaxy.
 */
public final class LibrarySimulator {
    private LibrarySimulator() {
    }

    /** What a run produced and how long it took (timings are printed, never written into the library). */
    public record Result(LibraryManifest manifest, double wallSeconds) {
    }

    /** Library generation settings. */
    public record Settings(long n, long seed, int threads, int chunkSize, int deflateLevel, boolean progress) {
        public Settings {
            if (n < 1) {
                throw new IllegalArgumentException("--n must be >= 1, got " + n);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            }
            if (chunkSize < 1) {
                throw new IllegalArgumentException("--chunk-size must be >= 1, got " + chunkSize);
            }
            if (deflateLevel < 0 || deflateLevel > 9) {
                throw new IllegalArgumentException("--deflate must be 0 (none) to 9, got " + deflateLevel);
            }
        }
    }

    /** Writes the library into {@code out} (created if needed; must not already hold a library). */
    public static Result run(ForwardModel model, NoiseModel surveyNoise, Settings s, Path out, PrintStream log) {
        NoiseModel noise = ModelErrorNoise.wrap(surveyNoise, model.config().modelError());
        if (!model.bandNames().equals(noise.bandNames())) {
            throw new IllegalArgumentException("noise model bands " + noise.bandNames() + " differ from model bands "
                    + model.bandNames());
        }
        prepareDirectory(out);
        long start = System.nanoTime();
        int chunks = (int) ((s.n() + s.chunkSize() - 1) / s.chunkSize());
        int params = ParameterNames.OUTPUTS.size();
        double[][] mins = new double[chunks][];
        double[][] maxs = new double[chunks][];
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        AtomicLong drawn = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(s.threads(), r -> {
            Thread t = new Thread(r, "simulate");
            t.setDaemon(true);
            return t;
        });
        try (ProgressBar bar = s.progress() ? new ProgressBar(log, "simulate", s.n(), done) : null) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < s.threads(); t++) {
                futures.add(pool.submit(() -> {
                    Worker w = new Worker(model, noise);
                    for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                        long first = (long) c * s.chunkSize();
                        long count = Math.min(s.chunkSize(), s.n() - first);
                        try (ChunkWriter cw = new ChunkWriter(out, c, s.seed(), params, s.deflateLevel())) {
                            int pending = 0;
                            for (long id = first; id < first + count; id++) {
                                cw.append(w.galaxy(s.seed(), id));
                                if (++pending == 1024) { // progress in batches, not one atomic per galaxy
                                    done.addAndGet(pending);
                                    pending = 0;
                                }
                            }
                            done.addAndGet(pending);
                            mins[c] = cw.min();
                            maxs[c] = cw.max();
                        }
                    }
                    drawn.addAndGet(w.drawn()); // a sum of per-galaxy counts: the same whatever the thread count
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("library generation failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("library generation interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        String selection = null;
        if (model.config().selection() != null) {
            selection = String.format(java.util.Locale.ROOT, "%s: %d kept of %d drawn (%.2f%%)",
                    model.config().selection().describe(), s.n(), drawn.get(), 100.0 * s.n() / drawn.get());
            log.println("selection " + selection);
        }
        LibraryManifest manifest = manifest(model, noise, s, chunks, mins, maxs, selection);
        manifest.write(out);
        return new Result(manifest, (System.nanoTime() - start) / 1e9);
    }

    private static void prepareDirectory(Path out) {
        try {
            Files.createDirectories(out);
            try (var s = Files.list(out)) {
                List<Path> existing = s.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.equals(LibraryManifest.FILE_NAME) || (n.startsWith("part-") && n.endsWith(".avro"));
                }).toList();
                if (!existing.isEmpty()) {
                    throw new IllegalArgumentException("output directory " + out + " already holds a library ("
                            + existing.get(0).getFileName() + "); choose another --out or pass --overwrite");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output directory " + out, e);
        }
    }

    /** Deletes a library's files (library.json and part-*.avro) from {@code dir}. */
    public static void deleteLibraryFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.equals(LibraryManifest.FILE_NAME) || (n.startsWith("part-") && n.endsWith(".avro"))) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    private static LibraryManifest manifest(ForwardModel model, NoiseModel noise, Settings s, int chunks,
            double[][] mins, double[][] maxs, String selection) {
        int np = ParameterNames.OUTPUTS.size();
        double[] min = new double[np];
        double[] max = new double[np];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < np; i++) {
                min[i] = Math.min(min[i], mins[c][i]);
                max[i] = Math.max(max[i], maxs[c][i]);
            }
        }
        List<LibraryManifest.Parameter> parameters = new ArrayList<>();
        List<ParameterSpec> specs = model.outputParameters();
        for (int i = 0; i < np; i++) {
            ParameterSpec p = specs.get(i);
            parameters.add(new LibraryManifest.Parameter(p.name(), p.unit(), p.free(),
                    p.free() ? p.lower() : null, p.free() ? p.upper() : null, min[i], max[i]));
        }
        Prior prior = model.prior();
        List<LibraryManifest.PriorParameter> priorParams = new ArrayList<>();
        for (int i = 0; i < prior.size(); i++) {
            String name = prior.names().get(i);
            priorParams.add(new LibraryManifest.PriorParameter(name, ParameterNames.unitOf(name), prior.lower(i),
                    prior.upper(i), prior.describe(i)));
        }
        List<LibraryManifest.Chunk> chunkList = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            long first = (long) c * s.chunkSize();
            chunkList.add(new LibraryManifest.Chunk(ChunkWriter.fileName(c), first, Math.min(s.chunkSize(), s.n() - first)));
        }
        return new LibraryManifest(LibraryManifest.FORMAT_VERSION, model.name(), model.config().text(),
                model.filters().name(), model.filters().spec(), model.bandNames(), ParameterNames.OUTPUTS,
                ParameterNames.OUTPUT_UNITS, parameters, priorParams, noise.description(), s.seed(), s.n(),
                s.chunkSize(), chunkList, GalaxyStreams.DESCRIPTION, selection);
    }

    /** Per-thread state: the model workspace and reused arrays (no allocation per galaxy). */
    /** Draws per galaxy before a selection is declared unsatisfiable. */
    static final int MAX_SELECTION_ATTEMPTS = 1_000_000;

    static final class Worker {
        private final ForwardModel model;
        private final NoiseModel noise;
        private final ForwardModel.Workspace ws;
        private final double[] free;
        private final double[] params;
        private final double[] flux;
        private final double[] observed;
        private final double[] error;
        private long drawn;

        /** Prior draws so far, including those the selection rejected. */
        long drawn() {
            return drawn;
        }

        Worker(ForwardModel model, NoiseModel noise) {
            this.model = model;
            this.noise = noise;
            this.ws = model.newWorkspace();
            this.free = new double[model.prior().size()];
            this.params = new double[ParameterNames.OUTPUTS.size()];
            int nb = model.bandNames().size();
            this.flux = new double[nb];
            this.observed = new double[nb];
            this.error = new double[nb];
        }

        /**
         * Simulates galaxy {@code id}; the returned record wraps this worker's arrays and is valid until the
         * next call (the chunk writer encodes it immediately).
         */
        LibraryRecord galaxy(long seed, long id) {
            var rng = GalaxyStreams.forGalaxy(seed, id);
            int band = model.selectionBandIndex();
            double minFlux = model.selectionMinFluxNJy();
            for (int attempt = 1; ; attempt++) {
                model.prior().sample(rng, free);
                model.simulate(free, ws, flux, params);
                noise.apply(flux, rng, observed, error);
                drawn++;
                if (band < 0 || observed[band] >= minFlux) {
                    break;
                }
                if (attempt == MAX_SELECTION_ATTEMPTS) {
                    throw new IllegalStateException("galaxy " + id + ": no draw of " + MAX_SELECTION_ATTEMPTS + " passed the selection "
                            + model.config().selection().describe() + "; the limit is too faint for this prior (or the band is wrong)");
                }
            }
            for (int i = 0; i < params.length; i++) {
                if (!Double.isFinite(params[i])) {
                    throw new IllegalStateException("galaxy " + id + ": parameter " + ParameterNames.OUTPUTS.get(i)
                            + " is " + params[i] + " (free parameters " + Arrays.toString(free) + ")");
                }
            }
            for (int b = 0; b < flux.length; b++) {
                if (!Double.isFinite(flux[b]) || !Double.isFinite(observed[b]) || !(error[b] > 0)) {
                    throw new IllegalStateException("galaxy " + id + ": band " + model.bandNames().get(b) + " flux " + flux[b]
                            + " observed " + observed[b] + " error " + error[b] + " (free parameters " + Arrays.toString(free) + ")");
                }
            }
            return new LibraryRecord(id, params, flux, observed, error);
        }
    }
}
