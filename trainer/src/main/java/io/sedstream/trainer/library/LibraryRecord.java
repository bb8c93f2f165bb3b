package io.sedstream.trainer.library;

/**
 * One galaxy of a training library as plain arrays (the {@code SimulatedGalaxy} Avro record without
 * boxing): parameters in library.json's parameter order, fluxes in its band order, nJy.
 * The reader gives every record fresh arrays; the simulator reuses one set per thread while it encodes
 * (no allocation per galaxy), so a record handed to a writer must not be kept.
 */
public record LibraryRecord(long id, double[] parameters, double[] fluxNJy, double[] observedFluxNJy, double[] fluxErrNJy) {
}
