package io.sedstream.inference.features;

import java.util.List;

/**
 * How one record's measurements mapped onto a bundle's bands: bands used (observed), bands masked
 * (in the bundle but missing or null in the record), and band names the bundle does not know
 * (ignored; not fatal by themselves).
 */
public record BandUsage(List<String> used, List<String> masked, List<String> unknown) {
    public BandUsage {
        used = List.copyOf(used);
        masked = List.copyOf(masked);
        unknown = List.copyOf(unknown);
    }
}
