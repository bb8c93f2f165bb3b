package io.sedstream.sed.filter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered, named set of bands. The order is the band order of every flux array downstream
 * (training libraries, model bundles, features).
 *
 * @param name  the set's name (e.g. {@code jades-gs-14})
 * @param spec  the filter-set specification text it was built from (kept so a library can record it)
 */
public record FilterSet(String name, List<FilterCurve> bands, String spec) {

    public FilterSet {
        Objects.requireNonNull(name, "name");
        bands = List.copyOf(bands);
        Objects.requireNonNull(spec, "spec");
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("filter set " + name + " has no bands");
        }
        Set<String> seen = new HashSet<>();
        for (FilterCurve b : bands) {
            if (!seen.add(b.name())) {
                throw new IllegalArgumentException("filter set " + name + " names band " + b.name() + " twice");
            }
        }
    }

    /** Band names in order. */
    public List<String> bandNames() {
        List<String> names = new ArrayList<>(bands.size());
        for (FilterCurve b : bands) {
            names.add(b.name());
        }
        return List.copyOf(names);
    }

    public int size() {
        return bands.size();
    }

    public FilterCurve band(int i) {
        return bands.get(i);
    }

    /** Index of a band by name, or -1. */
    public int indexOf(String bandName) {
        for (int i = 0; i < bands.size(); i++) {
            if (bands.get(i).name().equals(bandName)) {
                return i;
            }
        }
        return -1;
    }
}
