package io.sedstream.streams.comparison;

import java.util.List;

/**
 * The evidence-network bundle in use, as every ModelComparison labels it.
 *
 * @param model1Name the model in the Bayes factor's numerator (must be the primary NPE bundle's name)
 * @param model2Name the model in the denominator (must be the second NPE bundle's name)
 * @param bands      the network's band names in its order
 */
public record EvidenceIdentity(String name, String version, boolean fixture, String model1Name, String model1Version,
                               String model2Name, String model2Version, List<String> bands) {
    public EvidenceIdentity {
        bands = List.copyOf(bands);
    }

    /** {@code name/version}, with a loud FIXTURE mark when untrained. */
    public String label() {
        return name + "/" + version + (fixture ? " [FIXTURE: untrained seeded weights, log10 K is not physical]" : "");
    }
}
