package io.sedstream.trainer.testing;

import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.trainer.simulate.LibrarySimulator;
import io.sedstream.trainer.simulate.NoiseModels;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A few-band filter-set file with flat 28 AB 5-sigma depths, and small libraries simulated through it:
 * the test surveys that the training and validation tests train tiny networks on.
 *
 * @param filters the filter-set file
 * @param depths  the depth file (every band 28 AB)
 */
public record SmallSurvey(Path filters, Path depths) {

    /** ACS F435W, F606W, F814W and NIRCam F150W, in that order. */
    public static final String[] FOUR_BANDS = {"x.f435w = sedpy:acs_wfc_f435w.par", "x.f606w = sedpy:acs_wfc_f606w.par",
            "x.f814w = sedpy:acs_wfc_f814w.par", "y.f150w = sedpy:jwst_f150w.par"};

    /**
     * Writes {@code <stem>.filters} (set name {@code <stem>-band}) and {@code <stem>-depths.txt} into {@code dir}.
     *
     * @param bandLines filter-set lines, {@code name = curve source}, in band order
     */
    public static SmallSurvey write(Path dir, String stem, String... bandLines) throws IOException {
        Path filters = dir.resolve(stem + ".filters");
        Files.writeString(filters, "name = " + stem + "-band\n" + String.join("\n", bandLines) + "\n");
        Path depths = dir.resolve(stem + "-depths.txt");
        Files.writeString(depths, Arrays.stream(bandLines).map(l -> l.substring(0, l.indexOf('=')).trim() + " = 28")
                .collect(Collectors.joining("\n")) + "\n");
        return new SmallSurvey(filters, depths);
    }

    /** The forward model {@code model} (name or file) through this filter set. */
    public ForwardModel model(String model) {
        return ForwardModel.load(model, filters.toString(), DataRoot.resolve());
    }

    /** Simulates {@code n} galaxies of {@code model} with seed {@code seed} into {@code out}, one thread, quietly. */
    public Path simulate(String model, int n, long seed, Path out) {
        ForwardModel m = model(model);
        LibrarySimulator.run(m, NoiseModels.resolve(depths.toString(), m.bandNames(), out),
                new LibrarySimulator.Settings(n, seed, 1, 1000, 0, false), out, new PrintStream(OutputStream.nullOutputStream()));
        return out;
    }
}
