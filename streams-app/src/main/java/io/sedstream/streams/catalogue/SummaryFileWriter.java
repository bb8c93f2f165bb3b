package io.sedstream.streams.catalogue;

import io.sedstream.schemas.PosteriorSummary;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Where {@code infer} writes: CSV ({@link SummaryColumns}, one row per input row, refused rows with their reason)
 * or an Avro container file of {@link PosteriorSummary} (the stream's records; refused rows then go to a
 * {@code <file>.refused.csv} beside it, created only when there is one).
 */
public interface SummaryFileWriter extends Closeable {

    void write(long row, PosteriorSummary summary) throws IOException;

    void refused(long row, String id, String reason) throws IOException;

    /** Files written besides the main output (for the closing message). */
    List<Path> sideFiles();

    /** By the output's name: {@code .avro} = Avro container, anything else CSV. {@code file} is where bytes go now. */
    static SummaryFileWriter open(Path file, Path finalName, List<String> parameters, String model) throws IOException {
        if (finalName.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".avro")) {
            return new Avro(file, finalName.resolveSibling(finalName.getFileName() + ".refused.csv"), model);
        }
        return new Csv(file, parameters, model);
    }

    /** CSV through commons-csv (ids with commas or quotes are quoted, RFC 4180). */
    final class Csv implements SummaryFileWriter {
        private final CSVPrinter out;
        private final int parameterCount;
        private final String model;

        Csv(Path file, List<String> parameters, String model) throws IOException {
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            this.out = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
            this.parameterCount = parameters.size();
            this.model = model;
            out.printRecord(SummaryColumns.header(parameters));
        }

        @Override
        public void write(long row, PosteriorSummary summary) throws IOException {
            out.printRecord(SummaryColumns.of(row, summary));
        }

        @Override
        public void refused(long row, String id, String reason) throws IOException {
            out.printRecord(SummaryColumns.refused(row, id, reason, model, parameterCount));
        }

        @Override
        public List<Path> sideFiles() {
            return List.of();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Avro container (deflate) of PosteriorSummary; refusals to a side CSV. */
    final class Avro implements SummaryFileWriter {
        private final DataFileWriter<PosteriorSummary> out;
        private final Path refusedFile;
        private final String model;
        private CSVPrinter refusedOut;

        Avro(Path file, Path refusedFile, String model) throws IOException {
            this.out = new DataFileWriter<>(new SpecificDatumWriter<>(PosteriorSummary.class));
            out.setCodec(CodecFactory.deflateCodec(6));
            out.create(PosteriorSummary.getClassSchema(), file.toFile());
            this.refusedFile = refusedFile;
            this.model = model;
        }

        @Override
        public void write(long row, PosteriorSummary summary) throws IOException {
            out.append(summary);
        }

        @Override
        public void refused(long row, String id, String reason) throws IOException {
            if (refusedOut == null) {
                refusedOut = new CSVPrinter(Files.newBufferedWriter(refusedFile, StandardCharsets.UTF_8),
                        CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
                refusedOut.printRecord("id", "row", "status", "reason", "model");
            }
            refusedOut.printRecord(id, row, "refused", reason, model);
        }

        @Override
        public List<Path> sideFiles() {
            return refusedOut == null ? List.of() : List.of(refusedFile);
        }

        @Override
        public void close() throws IOException {
            out.close();
            if (refusedOut != null) {
                refusedOut.close();
            }
        }
    }
}
