package io.sedstream.streams.estimation;

import java.util.List;

/**
 * The model bundle in use, as every output labels it.
 *
 * @param fixture true for an untrained seeded bundle: outputs then mean nothing physically
 * @param bands   the bundle's band names in its order
 * @param parameters the bundle's parameter names in its order
 */
public record ModelIdentity(String name, String version, boolean fixture, List<String> bands, List<String> parameters) {
    public ModelIdentity {
        bands = List.copyOf(bands);
        parameters = List.copyOf(parameters);
    }

    /** {@code name/version}, with a loud FIXTURE mark when untrained. */
    public String label() {
        return name + "/" + version + (fixture ? " [FIXTURE: untrained seeded weights, outputs are not physical]" : "");
    }
}
