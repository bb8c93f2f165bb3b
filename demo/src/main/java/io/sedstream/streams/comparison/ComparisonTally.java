package io.sedstream.streams.comparison;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.schemas.ModelComparison;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.schemas.wire.SchemaStore;
import io.sedstream.streams.json.JsonLine;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the demo and the bench see on the comparison topic: how many comparisons, duplicates (there
 * must be none: exactly-once), the fraction that prefer M1, and log10 K and P(M1) of recent or
 * watched galaxies for the progress lines. Used by one (the collecting) thread.
 */
public final class ComparisonTally {

    /** log10 K and P(M1) of one galaxy (NaN when the evidence network refused it). */
    public record Verdict(double log10BayesFactor, double probabilityModel1) { }

    /** Recent verdicts kept for lookups; a comparison can arrive before or after its posterior. */
    private static final int RECENT = 8192;

    private final AvroCodec<ModelComparison> codec = new AvroCodec<>(ModelComparison.class, SchemaStore.builtIn());
    private final Set<String> seen = new HashSet<>();
    private final Set<String> watched = new HashSet<>();
    private final Map<String, Verdict> pinned = new HashMap<>();
    private final Map<String, Verdict> recent = new LinkedHashMap<>(RECENT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
            return size() > RECENT;
        }
    };
    private long count;
    private long duplicates;
    private long withProbability;
    private long preferModel1;
    private long refusedByModel2;
    private long refusedByEvidence;
    private String labels;
    private boolean fixture;

    /** Counts one committed ModelComparison record. */
    public void accept(byte[] key, byte[] value) {
        ModelComparison c = codec.decode(value);
        String id = new String(key, StandardCharsets.UTF_8);
        count++;
        if (!seen.add(id)) {
            duplicates++;
        }
        labels = c.getModel1() + " vs " + c.getModel2() + " by " + c.getEvidenceNetwork();
        fixture |= c.getFixture();
        if (c.getModel2Refusal() != null) {
            refusedByModel2++;
        }
        if (c.getEvidenceRefusal() != null) {
            refusedByEvidence++;
        }
        double p = c.getProbabilityModel1();
        if (!Double.isNaN(p)) {
            withProbability++;
            if (p > 0.5) {
                preferModel1++;
            }
        }
        Verdict v = new Verdict(c.getLog10BayesFactor(), p);
        if (watched.contains(id)) {
            pinned.put(id, v);
        } else {
            recent.put(id, v);
        }
    }

    /** Keeps this galaxy's verdict for later lookups (a galaxy shown in the closing lines). */
    public void watch(String objectId) {
        watched.add(objectId);
        Verdict v = recent.remove(objectId);
        if (v != null) {
            pinned.put(objectId, v);
        }
    }

    /** The verdict of a recent or watched galaxy, if its comparison has been seen. */
    public Optional<Verdict> verdict(String objectId) {
        Verdict v = pinned.get(objectId);
        return Optional.ofNullable(v != null ? v : recent.get(objectId));
    }

    /** True once a comparison from an untrained fixture bundle has been seen. */
    public boolean fixture() {
        return fixture;
    }

    public long count() {
        return count;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Fraction of the comparisons with a probability whose P(M1) > 0.5; NaN before the first. */
    public double preferredModel1Fraction() {
        return withProbability == 0 ? Double.NaN : (double) preferModel1 / withProbability;
    }

    /** Adds the comparison's fields to the demo's and bench's JSON line (the fraction to 4 places, null before the first). */
    public void jsonFields(ObjectNode line) {
        double f = preferredModel1Fraction();
        line.put("model_comparisons", count);
        if (Double.isNaN(f)) {
            line.putNull("preferred_model1_fraction");
        } else {
            line.put("preferred_model1_fraction", JsonLine.rounded(f, 4));
        }
        line.put("duplicate_comparisons", duplicates);
        line.put("comparisons_refused_by_model2", refusedByModel2);
        line.put("comparisons_refused_by_evidence", refusedByEvidence);
        line.put("comparison", labels == null ? "" : labels);
        line.put("comparison_fixture", fixture);
    }
}
