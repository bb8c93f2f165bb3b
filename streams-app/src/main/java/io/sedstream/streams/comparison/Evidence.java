package io.sedstream.streams.comparison;

import java.util.List;

/** The evidence network's answer for one record. */
public sealed interface Evidence {

    /**
     * @param log10BayesFactor  log10 K = log10 p(x|M1) - log10 p(x|M2)
     * @param probabilityModel1 P(M1 | x) at the configured prior odds
     * @param bandsUsed         bands that entered the network's features, in its band order
     * @param bandsMasked       bands masked as missing, in its band order
     */
    record Result(double log10BayesFactor, double probabilityModel1, List<String> bandsUsed, List<String> bandsMasked)
            implements Evidence {
        public Result {
            bandsUsed = List.copyOf(bandsUsed);
            bandsMasked = List.copyOf(bandsMasked);
        }
    }

    /** The network refused this one record, or failed on it (the rest of the batch is unaffected). */
    record Failed(String description, Throwable cause) implements Evidence { }
}
