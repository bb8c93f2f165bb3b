package io.sedstream.sed.model;

/**
 * One simulated galaxy: the free parameters drawn from the prior, the output parameters (library order,
 * {@link ParameterNames#OUTPUTS}) and the noiseless band fluxes [nJy] (filter-set order).
 */
public record SimulatedSed(double[] freeParameters, double[] outputParameters, double[] fluxNJy) {
    public SimulatedSed {
        freeParameters = freeParameters.clone();
        outputParameters = outputParameters.clone();
        fluxNJy = fluxNJy.clone();
    }

    @Override
    public double[] freeParameters() {
        return freeParameters.clone();
    }

    @Override
    public double[] outputParameters() {
        return outputParameters.clone();
    }

    @Override
    public double[] fluxNJy() {
        return fluxNJy.clone();
    }
}
