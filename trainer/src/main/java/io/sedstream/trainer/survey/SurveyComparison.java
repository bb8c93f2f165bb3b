package io.sedstream.trainer.survey;

import java.util.ArrayList;
import java.util.List;

/**
 * The real catalogue beside the training library: per band and per adjacent-band colour, both samples'
 * quantiles, the two-sample KS statistic and the fraction of real galaxies outside the library's range.
 *
 * @param magnitudes            one per band, in wavelength order
 * @param colours               one per adjacent pair (bluer minus redder)
 * @param realOutsideAnyColour  fraction of real galaxies with at least one colour outside the library's range of that colour
 * @param realWithAColour       real galaxies with at least one colour (the denominator of the above)
 */
public record SurveyComparison(List<Quantity> magnitudes, List<Quantity> colours, double realOutsideAnyColour, long realWithAColour) {

    /**
     * One magnitude or colour compared.
     *
     * @param name            band name, or "A - B" for a colour
     * @param real            the real catalogue's values (sorted, finite only)
     * @param library         the training library's values (sorted, finite only)
     * @param ks              sup |F_real - F_library|
     * @param ksPValue        its asymptotic p-value
     * @param realOutsideRange fraction of the real values outside [min, max] of the library's
     */
    public record Quantity(String name, double[] real, double[] library, double ks, double ksPValue, double realOutsideRange) {
        public double[] realQuantiles() {
            return TwoSampleStatistics.quantiles(real);
        }

        public double[] libraryQuantiles() {
            return TwoSampleStatistics.quantiles(library);
        }

        public double libraryMin() {
            return library.length == 0 ? Double.NaN : library[0];
        }

        public double libraryMax() {
            return library.length == 0 ? Double.NaN : library[library.length - 1];
        }
    }

    public static SurveyComparison of(PhotometrySample real, PhotometrySample library, List<String> shortNames) {
        List<Quantity> mags = new ArrayList<>();
        int nb = real.bands().size();
        for (int b = 0; b < nb; b++) {
            mags.add(quantity(shortNames.get(b), real.magnitudes(b), library.magnitudes(b)));
        }
        List<Quantity> colours = new ArrayList<>();
        double[][] realColours = new double[nb - 1][];
        for (int b = 0; b + 1 < nb; b++) {
            realColours[b] = real.colour(b);
            colours.add(quantity(shortNames.get(b) + " - " + shortNames.get(b + 1), realColours[b], library.colour(b)));
        }
        long withColour = 0;
        long outside = 0;
        for (int i = 0; i < real.rows(); i++) {
            boolean any = false;
            boolean out = false;
            for (int b = 0; b + 1 < nb; b++) {
                double c = realColours[b][i];
                if (Double.isFinite(c)) {
                    any = true;
                    Quantity q = colours.get(b);
                    out |= !(c >= q.libraryMin() && c <= q.libraryMax());
                }
            }
            withColour += any ? 1 : 0;
            outside += out ? 1 : 0;
        }
        return new SurveyComparison(mags, colours, withColour == 0 ? Double.NaN : (double) outside / withColour, withColour);
    }

    private static Quantity quantity(String name, double[] realValues, double[] libraryValues) {
        double[] r = TwoSampleStatistics.sortedFinite(realValues, realValues.length);
        double[] l = TwoSampleStatistics.sortedFinite(libraryValues, libraryValues.length);
        double d = TwoSampleStatistics.ksStatistic(r, l);
        double outside = l.length == 0 ? Double.NaN : TwoSampleStatistics.fractionOutside(r, l[0], l[l.length - 1]);
        return new Quantity(name, r, l, d, TwoSampleStatistics.ksPValue(d, r.length, l.length), outside);
    }
}
