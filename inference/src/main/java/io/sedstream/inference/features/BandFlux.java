package io.sedstream.inference.features;

/**
 * One measurement as it arrives: band name and flux and its 1-sigma error in nJy. A null flux
 * means the band was not observed (masked); an observed flux needs a positive finite error.
 */
public record BandFlux(String band, Double fluxNJy, Double fluxErrNJy) {
    public BandFlux {
        if (band == null || band.isBlank()) {
            throw new IllegalArgumentException("band name must be non-blank");
        }
    }

    public static BandFlux observed(String band, double fluxNJy, double fluxErrNJy) {
        return new BandFlux(band, fluxNJy, fluxErrNJy);
    }

    public static BandFlux missing(String band) {
        return new BandFlux(band, null, null);
    }

    public boolean isMissing() {
        return fluxNJy == null;
    }
}
