package io.sedstream.trainer.validate;

import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.filter.FilterSet;
import io.sedstream.sed.filter.FilterSets;
import io.sedstream.trainer.library.LibraryManifest;
import java.util.List;

/**
 * The bands a masking scenario works on: names in library order and their pivot wavelengths, so
 * "bluest" and "reddest" mean wavelength, not column order.
 *
 * @param names                   band names, in the order of the library's columns
 * @param pivotWavelengthAngstrom pivot wavelength per band, same order
 */
public record MaskBands(List<String> names, double[] pivotWavelengthAngstrom) {

    public MaskBands {
        names = List.copyOf(names);
        if (pivotWavelengthAngstrom.length != names.size()) {
            throw new IllegalArgumentException(names.size() + " bands but " + pivotWavelengthAngstrom.length + " pivot wavelengths");
        }
        pivotWavelengthAngstrom = pivotWavelengthAngstrom.clone();
    }

    public static MaskBands of(FilterSet set) {
        double[] pivot = new double[set.size()];
        for (int i = 0; i < pivot.length; i++) {
            pivot[i] = set.band(i).pivotWavelengthAngstrom();
        }
        return new MaskBands(set.bandNames(), pivot);
    }

    /** The bands of a library, from the filter set recorded in its manifest. */
    public static MaskBands of(LibraryManifest library) {
        return of(filterSetOf(library));
    }

    /** The filter set recorded in a library's manifest (its text, so a survey's own file need not be at hand). */
    public static FilterSet filterSetOf(LibraryManifest library) {
        FilterSet set;
        try {
            set = FilterSets.parse(library.filterSetSpec(), library.filterSet(), null, DataRoot.resolve());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read the library's filter set '" + library.filterSet()
                    + "' (for the band wavelengths): " + e.getMessage(), e);
        }
        if (!set.bandNames().equals(library.bands())) {
            throw new IllegalArgumentException("the library's filter set '" + library.filterSet() + "' has bands " + set.bandNames()
                    + " but the library's columns are " + library.bands());
        }
        return set;
    }

    public int size() {
        return names.size();
    }

    /** Index of the band with the shortest pivot wavelength (the Lyman-break band at high redshift). */
    public int bluest() {
        int best = 0;
        for (int i = 1; i < size(); i++) {
            if (pivotWavelengthAngstrom[i] < pivotWavelengthAngstrom[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Index of the band with the longest pivot wavelength. */
    public int reddest() {
        int best = 0;
        for (int i = 1; i < size(); i++) {
            if (pivotWavelengthAngstrom[i] > pivotWavelengthAngstrom[best]) {
                best = i;
            }
        }
        return best;
    }
}
