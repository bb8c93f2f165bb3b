package io.sedstream.sed.igm;

import io.sedstream.sed.data.DataRoot;
import java.util.List;

/** Mean intergalactic transmission along a line of sight to a source at some redshift. */
public interface IgmModel {
    /** The IGM names a model file's {@code igm} key accepts ({@code none} switches the IGM off). */
    List<String> NAMES = List.of(Inoue2014.NAME, Madau1995.NAME, "none");

    /** Transmission exp(-tau) at observed wavelength {@code lambdaObsAngstrom} for a source at {@code zSource}. */
    double transmission(double lambdaObsAngstrom, double zSource);

    /** The highest source redshift the model is defined for. */
    double maxRedshift();

    /** The name a model file gives it. */
    String name();

    /** The IGM a model file names, read from the data root; null for {@code none}. */
    static IgmModel load(String name, DataRoot data) {
        return switch (name) {
            case Inoue2014.NAME -> Inoue2014.load(data);
            case Madau1995.NAME -> Madau1995.load(data);
            case "none" -> null;
            default -> throw new IllegalArgumentException("igm '" + name + "' unknown (known: " + String.join(", ", NAMES) + ")");
        };
    }
}
