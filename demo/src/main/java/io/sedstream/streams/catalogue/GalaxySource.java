package io.sedstream.streams.catalogue;

import io.sedstream.schemas.PhotometryRecord;
import java.time.Instant;

/** Where the demo and the bench get their galaxies: the same index always gives the same galaxy. */
public interface GalaxySource {

    /** The galaxy with this index, observed at {@code observedAt}. Called from one producer thread. */
    PhotometryRecord galaxy(long index, Instant observedAt);

    /** One line saying what these galaxies are (printed by the demo). */
    String description();
}
