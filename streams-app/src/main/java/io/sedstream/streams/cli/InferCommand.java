package io.sedstream.streams.cli;

import io.sedstream.schemas.ParameterSummary;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.streams.app.ModelLocator;
import io.sedstream.streams.catalogue.CatalogueCsv;
import io.sedstream.streams.config.SedstreamConfig;
import io.sedstream.streams.estimation.BundleEstimator;
import io.sedstream.streams.estimation.Estimate;
import io.sedstream.streams.validation.PhotometryValidator;
import io.sedstream.streams.validation.Validation;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Batch posteriors for a CSV catalogue, no Kafka: the same validation and estimator as the stream. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Batch mode without Kafka: posterior summaries for every row of a CSV catalogue.")
public final class InferCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model bundle directory.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "CSV",
            description = "Columns: id, <band>_flux, <band>_err (nJy, empty = missing), optional spec_z.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "CSV",
            description = "Columns: id, then <param>_mean,_std,_p16,_p50,_p84 per parameter (empty where a row failed).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("--input " + input.toAbsolutePath() + " is not a readable file");
        }
        Path bundle = ModelLocator.explicit(model);
        SedstreamConfig limits = SedstreamConfig.defaults();
        List<CatalogueCsv.Row> rows = CatalogueCsv.read(input);
        int failed = 0;
        long t0 = System.nanoTime();
        try (BundleEstimator estimator = BundleEstimator.load(bundle);
             BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            System.err.println("sedstream infer: model " + estimator.model().label());
            PhotometryValidator validator = new PhotometryValidator(estimator.model().bands(), limits.maxMeasurements(),
                    limits.maxAbsFluxNJy());
            List<String> params = estimator.model().parameters();
            StringBuilder header = new StringBuilder("id");
            for (String p : params) {
                for (String s : new String[] {"_mean", "_std", "_p16", "_p50", "_p84"}) {
                    header.append(',').append(p).append(s);
                }
            }
            w.write(header.toString());
            w.newLine();
            Instant now = Instant.now();
            for (CatalogueCsv.Row row : rows) {
                PhotometryRecord r = row.toRecord("catalogue", now);
                Validation v = validator.validate(r);
                String problem = null;
                Estimate.Posterior post = null;
                if (v instanceof Validation.Invalid bad) {
                    problem = bad.reason() + ": " + bad.description();
                } else {
                    Estimate e = estimator.estimate(List.of((Validation.Valid) v), 0).get(0);
                    if (e instanceof Estimate.Failed f) {
                        problem = "INFERENCE_FAILED: " + f.description();
                    } else {
                        post = (Estimate.Posterior) e;
                    }
                }
                StringBuilder line = new StringBuilder(csv(row.id()));
                if (post == null) {
                    failed++;
                    System.err.println("sedstream infer: " + input + ":" + row.lineNumber() + " id '" + row.id() + "': " + problem);
                    line.append(",".repeat(params.size() * 5));
                } else {
                    for (ParameterSummary p : post.parameters()) {
                        line.append(String.format(Locale.ROOT, ",%.6g,%.6g,%.6g,%.6g,%.6g", p.getMean(), p.getStd(), p.getP16(),
                                p.getMedian(), p.getP84()));
                    }
                }
                w.write(line.toString());
                w.newLine();
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        System.err.printf(Locale.ROOT, "sedstream infer: %d rows, %d failed, %.1f rows/s -> %s%n", rows.size(), failed,
                rows.size() / seconds, output);
        return 0;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
