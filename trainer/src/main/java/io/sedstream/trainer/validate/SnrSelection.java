package io.sedstream.trainer.validate;

import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.filter.FilterCurve;
import io.sedstream.sed.filter.FilterSet;
import io.sedstream.sed.filter.FilterSets;
import io.sedstream.trainer.library.LibraryManifest;
import java.util.List;
import java.util.Locale;

/**
 * The galaxies the report's headline numbers are computed on: all bands present and S/N >= {@code minSnr} in
 * {@code band}; bins [min, 2 min) and >= 2 min split them. Chosen by option, else the filter set's reddest band
 * (largest pivot wavelength), since synference selects on the reddest NIRCam band (F444W) for JADES.
 *
 * @param band     band whose flux / error selects
 * @param minSnr   the cut (5 by default)
 * @param chosenBy how the band was chosen, written in the report
 */
public record SnrSelection(String band, double minSnr, String chosenBy) {

    public static final double DEFAULT_MIN_SNR = 5;

    public SnrSelection {
        if (!(minSnr > 0) || !Double.isFinite(minSnr)) {
            throw new IllegalArgumentException("--snr-min must be a positive number, got " + minSnr);
        }
    }

    /** From the options ({@code band} null = default) and the held-out library's bands and filter set. */
    public static SnrSelection resolve(String band, double minSnr, LibraryManifest library) {
        if (band != null) {
            if (!library.bands().contains(band)) {
                throw new IllegalArgumentException("--snr-band '" + band + "' is not a band of the held-out library " + library.bands());
            }
            return new SnrSelection(band, minSnr, "--snr-band");
        }
        FilterSet set;
        try {
            set = FilterSets.parse(library.filterSetSpec(), library.filterSet(), null, DataRoot.resolve());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the library's filter set '" + library.filterSet() + "' to find its reddest band ("
                    + e.getMessage() + "); give --snr-band", e);
        }
        int reddest = 0;
        for (int i = 1; i < set.size(); i++) {
            if (set.band(i).pivotWavelengthAngstrom() > set.band(reddest).pivotWavelengthAngstrom()) {
                reddest = i;
            }
        }
        FilterCurve red = set.band(reddest);
        String name = set.bandNames().get(reddest);
        return new SnrSelection(name, minSnr, String.format(Locale.ROOT, "default: the reddest band of filter set %s (pivot %.0f A)",
                set.name(), red.pivotWavelengthAngstrom()));
    }

    /** The three bins: key, label, lower, upper. With the default cut the keys are snr_ge5, snr_5_10, snr_gt10. */
    public List<ValidationReport.SnrBin> bins() {
        String lo = number(minSnr);
        String hi = number(2 * minSnr);
        String b = shortName();
        return List.of(
                new ValidationReport.SnrBin("snr_ge" + lo, b + " S/N >= " + lo, minSnr, Double.POSITIVE_INFINITY),
                new ValidationReport.SnrBin("snr_" + lo + "_" + hi, b + " S/N " + lo + "-" + hi, minSnr, 2 * minSnr),
                new ValidationReport.SnrBin("snr_gt" + hi, b + " S/N > " + hi, 2 * minSnr, Double.POSITIVE_INFINITY));
    }

    /** The headline bin's key. */
    public String headlineKey() {
        return bins().get(0).key();
    }

    /** The band's last name part in capitals, as papers write it (jwst.nircam.f444w -> F444W). */
    public String shortName() {
        return band.substring(band.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
    }

    private static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
