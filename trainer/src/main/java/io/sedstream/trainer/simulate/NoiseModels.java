package io.sedstream.trainer.simulate;

import io.sedstream.inference.catalogue.CatalogueReader;
import io.sedstream.inference.catalogue.CatalogueRow;
import io.sedstream.inference.catalogue.ColumnMap;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.sed.noise.DepthNoiseModel;
import io.sedstream.sed.noise.EmpiricalNoiseModel;
import io.sedstream.sed.noise.NoiseModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Resolves a {@code --noise} argument: {@code deep} / {@code medium} (approximate JADES-like depth tiers),
 * a {@code .json} empirical model, a catalogue to fit an empirical model from (any catalogue {@code infer} reads:
 * .csv, .fits/.fit, .cat (a whitespace table), through the one catalogue reader and a column map; the fitted model is saved
 * as {@code noise-model.json} in the output directory), or a depth config file.
 */
public final class NoiseModels {
    /** File endings read as catalogues; anything else that is not .json is a depth config (often .txt, so .txt is not one). */
    private static final Set<String> CATALOGUE_ENDINGS = Set.of(".csv", ".fits", ".fit", ".fits.gz", ".cat");

    private NoiseModels() {
    }

    public static NoiseModel resolve(String spec, List<String> bands, Path outDir) {
        return resolve(spec, ColumnMap.sedstream(), bands, outDir);
    }

    public static NoiseModel resolve(String spec, ColumnMap columns, List<String> bands, Path outDir) {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return EmpiricalNoiseModel.read(Path.of(spec), bands);
        }
        if (CATALOGUE_ENDINGS.stream().anyMatch(lower::endsWith)) {
            EmpiricalNoiseModel m = fit(Path.of(spec), columns, bands);
            if (outDir != null) {
                m.write(outDir.resolve("noise-model.json"));
            }
            return m;
        }
        return DepthNoiseModel.load(spec, bands);
    }

    /** Reads the catalogue row by row and fits the empirical model for {@code bands} (each must be in the catalogue). */
    static EmpiricalNoiseModel fit(Path catalogue, ColumnMap columns, List<String> bands) {
        List<List<double[]>> pairs = new ArrayList<>();
        for (int b = 0; b < bands.size(); b++) {
            pairs.add(new ArrayList<>());
        }
        long refused = 0;
        try (CatalogueReader reader = CatalogueReader.open(catalogue, columns, StandardCharsets.UTF_8)) {
            List<String> have = reader.layout().bands();
            List<String> missing = bands.stream().filter(b -> !have.contains(b)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("catalogue " + catalogue + " lacks the filter set's bands " + missing + " (it has " + have
                        + "; column map " + columns.name() + ")");
            }
            int[] index = bands.stream().mapToInt(have::indexOf).toArray();
            while (reader.hasNext()) {
                CatalogueRow row = reader.next();
                if (!(row instanceof CatalogueRow.Read read)) {
                    refused++;
                    continue;
                }
                for (int b = 0; b < bands.size(); b++) {
                    BandFlux f = read.fluxes().get(index[b]);
                    if (!f.isMissing() && f.fluxErrNJy() != null) {
                        pairs.get(b).add(new double[] {f.fluxNJy(), f.fluxErrNJy()});
                    }
                }
            }
            if (refused > 0 || !reader.layout().ignoredColumns().isEmpty()) {
                System.err.println("noise fit from " + catalogue + ": " + refused + " rows refused (unreadable cells or short rows), columns ignored: "
                        + reader.layout().ignoredColumns());
            }
        }
        return EmpiricalNoiseModel.fit(catalogue.getFileName().toString(), bands, pairs);
    }
}
