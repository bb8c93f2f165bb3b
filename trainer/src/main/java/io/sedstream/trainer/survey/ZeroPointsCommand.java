package io.sedstream.trainer.survey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.catalogue.CatalogueReader;
import io.sedstream.inference.catalogue.CatalogueRow;
import io.sedstream.inference.catalogue.ColumnMap;
import io.sedstream.inference.catalogue.ZeroPointOffsets;
import io.sedstream.inference.features.BandFlux;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zero-points}: a catalogue's per-band zero-point offsets from its galaxies with spectroscopic
 * redshifts ({@link ZeroPointCalibration}), written as the JSON that {@code infer --zero-point-offsets} applies.
 */
@Command(name = "zero-points", mixinStandardHelpOptions = true,
        description = "Calibrate a catalogue's zero points on its spectroscopic redshifts, with a training library as the templates "
                + "(EAZY-style iterative offsets): writes {\"offsets_mag\": {band: mag}} for infer --zero-point-offsets.")
public final class ZeroPointsCommand implements Callable<Integer> {

    @Option(names = "--library", required = true, description = "Training library (repeatable: their union is the template set).")
    List<Path> libraries;

    @Option(names = "--catalogue", required = true, description = "Catalogue (.csv, .fits or a whitespace table) with a spec-z column.")
    Path catalogue;

    @Option(names = "--columns", defaultValue = "sedstream", paramLabel = "MAP",
            description = "Column naming, as infer's --columns (default ${DEFAULT-VALUE}).")
    String columns;

    @Option(names = "--zero-point", paramLabel = "AB", description = "AB zero point of the catalogue's fluxes, as infer's --zero-point.")
    Double zeroPointAb;

    @Option(names = "--out", required = true, description = "Offsets JSON to write.")
    Path out;

    @Option(names = "--dz", defaultValue = "0.01",
            description = "Templates within this fraction of (1 + z_spec) of each galaxy's z (default ${DEFAULT-VALUE}).")
    double dz;

    @Option(names = "--min-snr", defaultValue = "5", description = "A band enters the offsets where its S/N is at least this (default ${DEFAULT-VALUE}).")
    double minSnr;

    @Option(names = "--template-error", defaultValue = "0.05",
            description = "Fraction of each flux added in quadrature to its error in the fits (default ${DEFAULT-VALUE}).")
    double templateError;

    @Option(names = "--max-iterations", defaultValue = "20", description = "Default ${DEFAULT-VALUE}.")
    int maxIterations;

    @Option(names = "--min-galaxies", defaultValue = "10",
            description = "A band with fewer usable galaxies keeps offset 0 (default ${DEFAULT-VALUE}).")
    int minGalaxies;

    @Option(names = "--max-library-rows", defaultValue = "0", description = "Templates read per library, 0 = all (default ${DEFAULT-VALUE}).")
    long maxLibraryRows;

    @Override
    public Integer call() throws Exception {
        ZeroPointCalibration.Settings settings = new ZeroPointCalibration.Settings(dz, minSnr, templateError, maxIterations, minGalaxies);
        ColumnMap map = ColumnMap.resolve(columns, zeroPointAb);
        ZeroPointCalibration.Templates templates = ZeroPointCalibration.Templates.read(libraries, maxLibraryRows);
        List<String> bands = templates.bands();
        List<ZeroPointCalibration.Galaxy> galaxies = new ArrayList<>();
        long rows = 0;
        long refused = 0;
        List<String> catalogueBands;
        try (CatalogueReader reader = CatalogueReader.open(catalogue, map, StandardCharsets.UTF_8)) {
            if (reader.layout().specZColumn() == null) {
                throw new IllegalArgumentException("--catalogue " + catalogue + " has no spec-z column (spec_z, z_spec or zspec; or map one with --columns)");
            }
            catalogueBands = reader.layout().bands();
            int[] index = bands.stream().mapToInt(catalogueBands::indexOf).toArray();
            if (java.util.Arrays.stream(index).allMatch(i -> i < 0)) {
                throw new IllegalArgumentException("--catalogue " + catalogue + " shares no band with the library: catalogue " + catalogueBands
                        + ", library " + bands);
            }
            while (reader.hasNext()) {
                CatalogueRow r = reader.next();
                rows++;
                if (!(r instanceof CatalogueRow.Read read)) {
                    refused++;
                    continue;
                }
                if (read.specZ() == null || !(read.specZ() >= 0)) {
                    continue;
                }
                double[] f = new double[bands.size()];
                double[] e = new double[bands.size()];
                for (int b = 0; b < bands.size(); b++) {
                    BandFlux x = index[b] < 0 ? null : read.fluxes().get(index[b]);
                    boolean have = x != null && !x.isMissing() && x.fluxErrNJy() != null;
                    f[b] = have ? x.fluxNJy() : Double.NaN;
                    e[b] = have ? x.fluxErrNJy() : Double.NaN;
                }
                galaxies.add(new ZeroPointCalibration.Galaxy(read.specZ(), f, e));
            }
        }
        if (galaxies.isEmpty()) {
            throw new IllegalArgumentException("--catalogue " + catalogue + ": no row has a spectroscopic redshift (" + rows + " rows read)");
        }
        ZeroPointCalibration.Result r = ZeroPointCalibration.calibrate(templates, galaxies, settings);
        Map<String, Double> offsets = new LinkedHashMap<>();
        ObjectNode record = new ObjectMapper().createObjectNode();
        ArrayNode perBand = record.putArray("bands");
        System.out.printf(Locale.ROOT, "zero-points: %d galaxies with spec-z (%d rows, %d refused), %d fitted against %,d templates; "
                        + "%d iterations, %s%n", galaxies.size(), rows, refused, r.fitted(), templates.size(), r.iterations(),
                r.converged() ? "converged" : "NOT converged (offsets still moving by more than " + ZeroPointCalibration.CONVERGED_MAG + " mag)");
        if (r.medianTemplatesPerGalaxy() < ZeroPointCalibration.FEW_TEMPLATES) {
            System.out.printf(Locale.ROOT, "zero-points: WARNING only %.0f templates per redshift window (median): the fits are coarse and the "
                    + "offsets unreliable; use a larger library or a wider --dz%n", r.medianTemplatesPerGalaxy());
        }
        System.out.println("band                 offset_mag  +/-      galaxies");
        for (int b = 0; b < bands.size(); b++) {
            ObjectNode o = perBand.addObject();
            o.put("band", bands.get(b));
            o.put("calibrated", r.calibrated()[b]);
            o.put("offset_mag", r.offsetMag()[b]);
            if (r.calibrated()[b]) {
                o.put("standard_error_mag", r.standardError()[b]);
                offsets.put(bands.get(b), r.offsetMag()[b]);
            } else {
                o.putNull("standard_error_mag");
            }
            o.put("galaxies", r.galaxiesUsed()[b]);
            System.out.printf(Locale.ROOT, "%-20s %+8.4f   %s  %d%s%n", bands.get(b), r.offsetMag()[b],
                    r.calibrated()[b] ? String.format(Locale.ROOT, "%.4f", r.standardError()[b]) : "  -   ", r.galaxiesUsed()[b],
                    r.calibrated()[b] ? "" : "  (fewer than --min-galaxies: not calibrated)");
        }
        if (offsets.isEmpty()) {
            throw new IllegalArgumentException("no band has " + minGalaxies + " galaxies with S/N >= " + minSnr + ": nothing calibrated");
        }
        record.put("convention", "m_catalogue = m_true + offset_mag; infer multiplies flux and error by 10^(0.4 offset_mag); "
                + "offsets about the calibrated bands' least-squares line in log10 pivot wavelength (a common offset is degenerate with mass, a tilt with dust and age)");
        record.put("catalogue", catalogue.toAbsolutePath().toString());
        ArrayNode libs = record.putArray("libraries");
        libraries.forEach(l -> libs.add(l.toAbsolutePath().toString()));
        record.put("templates", templates.size());
        record.put("galaxies_with_spec_z", galaxies.size());
        record.put("galaxies_fitted", r.fitted());
        record.put("median_templates_per_galaxy", r.medianTemplatesPerGalaxy());
        record.put("iterations", r.iterations());
        record.put("converged", r.converged());
        ObjectNode s = record.putObject("settings");
        s.put("dz_fraction", dz);
        s.put("min_snr", minSnr);
        s.put("template_error_fraction", templateError);
        s.put("min_galaxies", minGalaxies);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        new ZeroPointOffsets(offsets).write(out, record);
        System.out.println("zero-points: wrote " + out);
        return 0;
    }
}
