package io.sedstream.sed.model;

/**
 * An observed-frame spectrum for display: wavelengths [Angstrom] and f_nu [nJy] (continuum with lines
 * spread over one grid cell), plus the band fluxes and pivot wavelengths of the filter set.
 */
public record ObservedSpectrum(double[] lambdaObsAngstrom, double[] fluxNJy, double[] bandPivotAngstrom,
        double[] bandFluxNJy) {
    public ObservedSpectrum {
        lambdaObsAngstrom = lambdaObsAngstrom.clone();
        fluxNJy = fluxNJy.clone();
        bandPivotAngstrom = bandPivotAngstrom.clone();
        bandFluxNJy = bandFluxNJy.clone();
    }

    @Override
    public double[] lambdaObsAngstrom() {
        return lambdaObsAngstrom.clone();
    }

    @Override
    public double[] fluxNJy() {
        return fluxNJy.clone();
    }

    @Override
    public double[] bandPivotAngstrom() {
        return bandPivotAngstrom.clone();
    }

    @Override
    public double[] bandFluxNJy() {
        return bandFluxNJy.clone();
    }
}
