package io.sedstream.trainer.survey;

import io.sedstream.trainer.library.LibraryManifest;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.library.LibraryRecord;
import io.sedstream.trainer.validate.SnrSelection;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mock-catalogue}: a library's noisy photometry written as a catalogue as surveys publish one, to stand in for a
 * real catalogue: only galaxies detected in one band, some bands not observed per galaxy (empty cells), extra columns
 * (ra, dec, the true redshift) that readers must ignore.
 */
@Command(name = "mock-catalogue", mixinStandardHelpOptions = true,
        description = "Write a library's noisy photometry as a catalogue CSV (id, ra, dec, z_true, <band>_flux, <band>_err in nJy): "
                + "galaxies detected at --detect-snr in --detect-band, each other band missing with --missing-fraction.")
public final class MockCatalogueCommand implements Callable<Integer> {

    @Option(names = "--library", required = true, description = "Library directory (written by simulate)")
    Path library;

    @Option(names = "--out", required = true, description = "Catalogue CSV to write")
    Path out;

    @Option(names = "--max-rows", defaultValue = "0", description = "Stop after this many detected galaxies (0 = all). Default: ${DEFAULT-VALUE}")
    long maxRows;

    @Option(names = "--detect-band", paramLabel = "BAND", description = "Detection band (default: the filter set's reddest)")
    String detectBand;

    @Option(names = "--detect-snr", defaultValue = "3", description = "Detection S/N cut in --detect-band. Default: ${DEFAULT-VALUE}")
    double detectSnr;

    @Option(names = "--missing-fraction", defaultValue = "0.1",
            description = "Probability that each other band of a galaxy is not observed (empty cells). Default: ${DEFAULT-VALUE}")
    double missingFraction;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of positions and missing bands. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--overwrite", description = "Replace an existing --out")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        if (!(missingFraction >= 0 && missingFraction < 1)) {
            throw new IllegalArgumentException("--missing-fraction must be in [0, 1), got " + missingFraction);
        }
        if (Files.exists(out) && !overwrite) {
            throw new IllegalArgumentException("--out " + out + " exists; pass --overwrite to replace it");
        }
        LibraryReader reader = LibraryReader.open(library);
        LibraryManifest m = reader.manifest();
        SnrSelection detection = SnrSelection.resolve(detectBand, detectSnr, m);
        List<String> bands = m.bands();
        int det = bands.indexOf(detection.band());
        int z = m.parameterNames().indexOf("redshift");
        SplittableRandom rng = new SplittableRandom(seed);
        long written = 0;
        long seen = 0;
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("id,ra,dec,z_true");
            for (String b : bands) {
                header.append(',').append(b).append("_flux,").append(b).append("_err");
            }
            w.write(header.append('\n').toString());
            StringBuilder line = new StringBuilder();
            for (LibraryRecord r : reader) {
                if (maxRows > 0 && written >= maxRows) {
                    break;
                }
                seen++;
                double[] f = r.observedFluxNJy();
                double[] e = r.fluxErrNJy();
                if (!(f[det] / e[det] >= detectSnr)) {
                    continue;
                }
                line.setLength(0);
                line.append("mock-").append(r.id()).append(',')
                        .append(String.format(Locale.ROOT, "%.6f,%.6f", 53.0 + 0.2 * rng.nextDouble(), -27.9 + 0.2 * rng.nextDouble()))
                        .append(',').append(z < 0 ? "" : String.format(Locale.ROOT, "%.4f", r.parameters()[z]));
                for (int b = 0; b < bands.size(); b++) {
                    boolean missing = b != det && rng.nextDouble() < missingFraction;
                    line.append(',');
                    if (!missing) {
                        line.append(String.format(Locale.ROOT, "%.6g,%.6g", f[b], e[b]));
                    } else {
                        line.append(',');
                    }
                }
                w.write(line.append('\n').toString());
                written++;
            }
        }
        System.out.printf(Locale.ROOT, "wrote %,d galaxies (%s S/N >= %s of %,d read; other bands missing with p = %s) to %s%n", written,
                detection.band(), detectSnr, seen, missingFraction, out);
        return 0;
    }
}
