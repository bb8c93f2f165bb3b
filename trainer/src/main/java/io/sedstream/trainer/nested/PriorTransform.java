package io.sedstream.trainer.nested;

/**
 * Maps a point of the unit hypercube [0,1]^D to physical parameters, so that a point drawn
 * uniformly in the cube is a draw from the prior (Skilling 2006, sect. 2; the standard device of
 * MultiNest and dynesty). Implementations must be deterministic and free of side effects.
 */
public interface PriorTransform {

    /** Number of sampled dimensions D (the length of every unit-cube point). */
    int dimension();

    /** Number of physical values written by {@link #toPhysical}; may exceed D (derived values). */
    default int physicalDimension() {
        return dimension();
    }

    /**
     * Writes the physical parameters for the unit-cube point {@code unitCube} into
     * {@code physicalOut} (length {@link #physicalDimension()}).
     */
    void toPhysical(double[] unitCube, double[] physicalOut);
}
