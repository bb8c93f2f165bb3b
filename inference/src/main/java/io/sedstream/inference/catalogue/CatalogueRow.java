package io.sedstream.inference.catalogue;

import io.sedstream.inference.features.BandFlux;
import java.util.List;

/** One data row of a catalogue: read, or refused with its reason (the rest of the file is unaffected). */
public sealed interface CatalogueRow {

    /** 1-based data row (the header is not counted). */
    long rowNumber();

    /** The row's id, or "" when it could not be read. */
    String id();

    /**
     * @param fluxes one per catalogue band in the layout's band order, in nJy; missing = null flux and error
     * @param specZ  spectroscopic redshift, null when not given
     */
    record Read(long rowNumber, String id, List<BandFlux> fluxes, Double specZ) implements CatalogueRow { }

    /** @param reason names the column, the value and what is wrong */
    record Refused(long rowNumber, String id, String reason) implements CatalogueRow { }
}
