package io.sedstream.trainer.library;

/**
 * One galaxy of a training library as plain arrays (the {@code SimulatedGalaxy} Avro record without
 * boxing): parameters in library.json's parameter order, fluxes in its band order, nJy.
 */
public record LibraryRecord(long id, double[] parameters, double[] fluxNJy, double[] observedFluxNJy, double[] fluxErrNJy) {
}
