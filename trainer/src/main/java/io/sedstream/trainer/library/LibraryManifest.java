package io.sedstream.trainer.library;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code library.json}: everything needed to use a training library without the code that wrote it.
 * Written last, after every chunk is closed, so its presence marks a complete library. Contains no
 * timings, host or thread count, so the same seed gives byte-identical files.
 *
 * @param formatVersion     1
 * @param model             forward-model name
 * @param modelConfig       the model configuration text
 * @param filterSet         filter-set name
 * @param filterSetSpec     the filter-set specification text (band = curve source)
 * @param bands             band names, the order of every flux array
 * @param parameterNames    names of the record's parameters array, in order
 * @param parameterUnits    their units, same order
 * @param parameters        per parameter: unit, whether the prior samples it, prior bounds, range in this library
 * @param prior             the prior's free parameters (some are not in the records, e.g. log10_ssfr)
 * @param noiseModel        description of the noise model
 * @param seed              the library seed
 * @param n                 number of galaxies
 * @param chunkSize         galaxies per chunk file (the last may hold fewer)
 * @param chunks            chunk files in id order
 * @param randomStreams     how per-galaxy random streams derive from the seed
 * @param selection         the model file's magnitude limit and how many prior draws it kept, or null without one
 */
public record LibraryManifest(
        int formatVersion,
        String model,
        String modelConfig,
        String filterSet,
        String filterSetSpec,
        List<String> bands,
        List<String> parameterNames,
        List<String> parameterUnits,
        List<Parameter> parameters,
        List<PriorParameter> prior,
        String noiseModel,
        long seed,
        long n,
        int chunkSize,
        List<Chunk> chunks,
        String randomStreams,
        String selection) {

    public static final String FILE_NAME = "library.json";
    public static final int FORMAT_VERSION = 1;

    /** One output parameter; prior bounds are null for parameters the model derives. */
    public record Parameter(String name, String unit, boolean free, Double priorLower, Double priorUpper,
            double min, double max) {
    }

    /** One free parameter of the prior. */
    public record PriorParameter(String name, String unit, double lower, double upper, String distribution) {
    }

    /** One chunk file: ids [firstId, firstId + count). */
    public record Chunk(String file, long firstId, long count) {
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Writes {@code dir/library.json}. */
    public void write(Path dir) {
        try {
            mapper().writeValue(dir.resolve(FILE_NAME).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE_NAME), e);
        }
    }

    /** Reads {@code dir/library.json}, failing clearly when the library is missing or incomplete. */
    public static LibraryManifest read(Path dir) {
        Path f = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("not a (complete) training library: " + f + " is missing");
        }
        try {
            LibraryManifest m = mapper().readValue(f.toFile(), LibraryManifest.class);
            if (m.formatVersion() != FORMAT_VERSION) {
                throw new IllegalArgumentException(f + ": format_version " + m.formatVersion() + ", expected " + FORMAT_VERSION);
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }
}
