package io.sedstream.trainer.nested;

/** How a new live point is drawn from the prior restricted to L > L*. */
public enum SamplingMethod {
    /**
     * Random-direction slice sampling (Neal 2003, stepping out and shrinkage; Handley et al. 2015
     * PolyChord; Speagle 2020 dynesty "rslice"), with directions whitened by the bounding
     * ellipsoid of the live points' cluster that holds the start point. Cost grows about linearly
     * with D, so it is the default for the 12-parameter SED problem.
     */
    RSLICE,
    /**
     * Rejection sampling from a union of enlarged bounding ellipsoids split recursively by 2-means
     * (Feroz, Hobson and Bridges 2009, MultiNest). Independent draws and cheap in a few
     * dimensions; its efficiency falls roughly as enlargement^-D and it can cut off non-ellipsoidal
     * contours, so use it for D below about 6.
     */
    ELLIPSOIDS
}
