package io.sedstream.trainer.compare;

/**
 * One simulated galaxy with known truth.
 *
 * @param id                 index in the run
 * @param freeParameters     the prior draw (forward model's free parameters)
 * @param truth              the model's output parameters (library order)
 * @param observedFluxNJy    noisy fluxes, forward-model band order
 * @param fluxErrNJy         1-sigma errors
 * @param snrF444w           observed F444W flux over its error
 */
public record TestGalaxy(int id, double[] freeParameters, double[] truth, double[] observedFluxNJy,
                         double[] fluxErrNJy, double snrF444w) {
    public TestGalaxy {
        freeParameters = freeParameters.clone();
        truth = truth.clone();
        observedFluxNJy = observedFluxNJy.clone();
        fluxErrNJy = fluxErrNJy.clone();
    }

    @Override
    public double[] freeParameters() {
        return freeParameters.clone();
    }

    @Override
    public double[] truth() {
        return truth.clone();
    }

    @Override
    public double[] observedFluxNJy() {
        return observedFluxNJy.clone();
    }

    @Override
    public double[] fluxErrNJy() {
        return fluxErrNJy.clone();
    }
}
