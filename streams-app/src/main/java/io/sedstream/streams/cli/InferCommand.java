package io.sedstream.streams.cli;

import io.sedstream.inference.catalogue.CatalogueLayout;
import io.sedstream.inference.catalogue.CatalogueReader;
import io.sedstream.inference.catalogue.CatalogueRow;
import io.sedstream.inference.catalogue.ColumnMap;
import io.sedstream.inference.catalogue.ZeroPointOffsets;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.streams.app.ModelLocator;
import io.sedstream.streams.catalogue.CatalogueRecords;
import io.sedstream.streams.catalogue.SummaryFileWriter;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.estimation.Estimate;
import io.sedstream.streams.estimation.ModelIdentity;
import io.sedstream.streams.estimation.PosteriorSummaries;
import io.sedstream.streams.validation.PhotometryValidator;
import io.sedstream.streams.validation.SpecZPrior;
import io.sedstream.streams.validation.Validation;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Batch posteriors for a catalogue, no Kafka: the same validation, estimator and summary as the stream. Rows are
 * streamed (read, estimated in batches of {@link #BATCH}, written), so any number of rows runs in a small heap.
 * Output goes to a temporary file beside {@code --output} and is moved into place only when every row is written.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Batch mode without Kafka: the posterior summary of every row of a catalogue (CSV, FITS or whitespace table).")
public final class InferCommand implements Callable<Integer> {

    /** Rows per estimator call (the stream's default batch). */
    static final int BATCH = 64;
    /** Refused rows named one by one on stderr; the rest are counted (all are in the output). */
    private static final int REPORTED_REFUSALS = 20;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model bundle directory.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Catalogue: .csv, .fits/.fit (first binary table), or a whitespace table (.cat, .txt, ...). "
                    + "Columns per --columns; empty, NaN or nan = missing; other columns are ignored and listed.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Summaries: .avro = Avro container of PosteriorSummary (refused rows to FILE.refused.csv), "
                    + "else CSV: id,row,status,reason,model, <param>_mean,_std,_p2_5,_p16,_p50,_p84,_p97_5,_mode, bands and quality columns.")
    Path output;

    @Option(names = "--columns", defaultValue = "sedstream", paramLabel = "MAP",
            description = "Column naming: sedstream (id, <band>_flux, <band>_err in nJy, spec_z|z_spec|zspec), dp1 (Rubin DP1 Object: "
                    + "objectId, <b>_cModelFlux/_cModelFluxErr nJy), eazy (id, f_<b>, e_<b>, z_spec; needs --zero-point; -99 = missing), "
                    + "or a properties file (default ${DEFAULT-VALUE}).")
    String columns;

    @Option(names = "--zero-point", paramLabel = "AB", description = "AB zero point of the catalogue's fluxes (m = ZP - 2.5 log10 f; 23.9 = uJy, 31.4 = nJy).")
    Double zeroPointAb;

    @Option(names = "--zero-point-offsets", paramLabel = "JSON",
            description = "Per-band zero-point offsets to correct the catalogue by ({\"offsets_mag\": {band: mag}}, as the zero-points "
                    + "command writes them): each listed band's flux and error are multiplied by 10^(0.4 offset).")
    Path zeroPointOffsets;

    @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET", description = "Text encoding of a CSV or text catalogue (default ${DEFAULT-VALUE}).")
    Charset encoding;

    @Option(names = "--survey", defaultValue = "catalogue", description = "Survey name written into each summary (default ${DEFAULT-VALUE}).")
    String survey;

    private record Pending(long row, String id, PhotometryRecord record, Validation.Valid valid, String problem) { }

    @Override
    public Integer call() throws IOException {
        Path out = checkOutput(input, output);
        ColumnMap map = ColumnMap.resolve(columns, zeroPointAb);
        ZeroPointOffsets offsets = zeroPointOffsets == null ? null : ZeroPointOffsets.read(zeroPointOffsets);
        Path bundle = ModelLocator.explicit(model);
        SedstreamConfig limits = SedstreamConfig.defaults();
        long t0 = System.nanoTime();
        long rows = 0;
        long refused = 0;
        Path partial = null;
        try (CatalogueReader reader = CatalogueReader.open(input, map, encoding);
             BundleEstimator estimator = BundleEstimator.load(bundle)) {
            ModelIdentity identity = estimator.model();
            System.err.println("sedstream infer: model " + identity.label());
            describe(reader.layout(), identity);
            if (offsets != null) {
                offsets.requireBandsIn(reader.layout().bands(), zeroPointOffsets.toString());
                System.err.println("sedstream infer: zero-point offsets applied (mag): " + offsets.offsetMagByBand());
            }
            PhotometryValidator validator = new PhotometryValidator(identity.bands(), limits.maxMeasurements(), limits.maxAbsFluxNJy());
            SpecZPrior specZPrior = SpecZPrior.of(estimator.parameterSpecs());
            String modelLabel = identity.name() + "/" + identity.version();
            partial = Files.createTempFile(out.getParent(), "." + out.getFileName() + ".", ".partial");
            List<Path> sideFiles;
            try (SummaryFileWriter writer = SummaryFileWriter.open(partial, out, identity.parameters(), modelLabel)) {
                Instant now = Instant.now();
                List<Pending> batch = new ArrayList<>(BATCH);
                while (reader.hasNext()) {
                    CatalogueRow row = reader.next();
                    rows++;
                    if (offsets != null && row instanceof CatalogueRow.Read read) {
                        row = offsets.apply(read);
                    }
                    batch.add(pending(row, validator, specZPrior, now));
                    if (batch.size() == BATCH) {
                        refused += flush(batch, estimator, writer, limits, refused);
                    }
                }
                refused += flush(batch, estimator, writer, limits, refused);
                sideFiles = writer.sideFiles();
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
            double seconds = (System.nanoTime() - t0) * 1e-9;
            if (refused > REPORTED_REFUSALS) {
                System.err.println("sedstream infer: ... and " + (refused - REPORTED_REFUSALS) + " more refused rows (status 'refused' in the output)");
            }
            System.err.printf(Locale.ROOT, "sedstream infer: %d rows: %d posteriors, %d refused; %.1f s, %.0f rows/s -> %s%s%n", rows,
                    rows - refused, refused, seconds, rows / seconds, out, sideFiles.isEmpty() ? "" : " (refused rows: " + sideFiles.get(0) + ")");
            return 0;
        } finally {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** The output's absolute path, after refusing an output that would destroy the input or cannot be written. */
    static Path checkOutput(Path input, Path output) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("--input " + input.toAbsolutePath() + " is not a readable file");
        }
        Path out = output.toAbsolutePath().normalize();
        Path dir = out.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--output " + output + ": directory " + dir + " does not exist (create it first)");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("--output " + output + ": directory " + dir + " is not writable");
        }
        if (Files.exists(out)) {
            if (Files.isDirectory(out)) {
                throw new IllegalArgumentException("--output " + output + " is a directory; give a file name");
            }
            if (Files.isSameFile(out, input)) {
                throw new IllegalArgumentException("--output " + output + " is the same file as --input " + input
                        + "; refusing to overwrite the catalogue");
            }
        }
        return out;
    }

    /** Says on stderr what the header resolved to, so nothing is dropped without a word. */
    private static void describe(CatalogueLayout layout, ModelIdentity model) {
        List<String> unknown = layout.bands().stream().filter(b -> !model.bands().contains(b)).toList();
        List<String> absent = model.bands().stream().filter(b -> !layout.bands().contains(b)).toList();
        System.err.println("sedstream infer: " + layout.bands().size() + " band columns, id '" + layout.idColumn() + "'"
                + (layout.specZColumn() == null ? "" : ", spec-z '" + layout.specZColumn() + "'"));
        if (!layout.ignoredColumns().isEmpty()) {
            System.err.println("sedstream infer: columns ignored (not id, band or spec-z): " + layout.ignoredColumns());
        }
        if (!unknown.isEmpty()) {
            System.err.println("sedstream infer: bands the model does not know, ignored (listed per row in unknown_bands_ignored): " + unknown);
        }
        if (!absent.isEmpty()) {
            System.err.println("sedstream infer: model bands not in the catalogue, masked in every row: " + absent);
        }
    }

    private Pending pending(CatalogueRow row, PhotometryValidator validator, SpecZPrior specZPrior, Instant now) {
        if (row instanceof CatalogueRow.Refused r) {
            return new Pending(r.rowNumber(), r.id(), null, null, "BAD_ROW: " + r.reason());
        }
        CatalogueRow.Read read = (CatalogueRow.Read) row;
        PhotometryRecord record = CatalogueRecords.toRecord(read, survey, now);
        Validation v = validator.validate(record);
        if (v instanceof Validation.Invalid bad) {
            return new Pending(read.rowNumber(), read.id(), record, null, bad.reason() + ": " + bad.description());
        }
        String specZProblem = specZPrior == null ? null : specZPrior.problem(read.specZ());
        if (specZProblem != null) {
            return new Pending(read.rowNumber(), read.id(), record, null, "SPEC_Z_OUTSIDE_PRIOR: " + specZProblem);
        }
        return new Pending(read.rowNumber(), read.id(), record, (Validation.Valid) v, null);
    }

    /** Estimates the batch's valid rows in one call and writes every row in input order; returns the refusals. */
    private long flush(List<Pending> batch, BundleEstimator estimator, SummaryFileWriter writer, SedstreamConfig limits, long refusedSoFar)
            throws IOException {
        List<Validation.Valid> valids = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (p.valid() != null) {
                valids.add(p.valid());
            }
        }
        long t0 = System.nanoTime();
        List<Estimate> estimates = valids.isEmpty() ? List.of() : estimator.estimate(valids, 0);
        long perRecordMicros = valids.isEmpty() ? 0 : (System.nanoTime() - t0) / 1000 / valids.size();
        long refused = 0;
        int next = 0;
        for (Pending p : batch) {
            String problem = p.problem();
            if (problem == null) {
                Estimate e = estimates.get(next++);
                if (e instanceof Estimate.Posterior post) {
                    var origin = new PosteriorSummaries.Origin(input.toString(), 0, p.row(), p.record().getObservedAt().toEpochMilli());
                    writer.write(p.row(), PosteriorSummaries.of(p.valid(), post, estimator.model(), limits.detectionSnr(),
                            limits.misfitPThreshold(), origin, perRecordMicros));
                    continue;
                }
                problem = "INFERENCE_FAILED: " + ((Estimate.Failed) e).description();
            }
            if (refusedSoFar + refused < REPORTED_REFUSALS) {
                System.err.println("sedstream infer: " + input + " row " + p.row() + " id '" + p.id() + "': " + problem);
            }
            refused++;
            writer.refused(p.row(), p.id(), problem);
        }
        batch.clear();
        return refused;
    }
}
