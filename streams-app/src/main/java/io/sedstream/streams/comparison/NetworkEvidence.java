package io.sedstream.streams.comparison;

import io.sedstream.inference.evidence.EvidenceNetwork;
import io.sedstream.inference.evidence.EvidenceOutcome;
import io.sedstream.inference.evidence.EvidenceResult;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.schemas.Measurement;
import io.sedstream.streams.validation.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inference module's {@link EvidenceNetwork} behind the topology's {@link EvidenceEstimator}
 * seam: one batched call per batch, log10 K and P(M1) at the configured prior odds per record. The
 * network is thread-safe, so one instance serves every stream thread.
 */
public final class NetworkEvidence implements EvidenceEstimator {

    private final EvidenceNetwork network;
    private final EvidenceIdentity identity;
    private final double priorOdds;

    private NetworkEvidence(EvidenceNetwork network, double priorOdds) {
        this.network = network;
        this.priorOdds = priorOdds;
        var m = network.manifest();
        this.identity = new EvidenceIdentity(m.name(), m.version(), m.fixture(), m.model1Name(), m.model1Version(), m.model2Name(),
                m.model2Version(), m.bandNames());
    }

    /** Loads the evidence-network bundle in {@code dir}; {@code priorOdds} = p(M1)/p(M2) turns K into P(M1). */
    public static NetworkEvidence load(Path dir, double priorOdds) {
        return new NetworkEvidence(EvidenceNetwork.load(dir), priorOdds);
    }

    @Override
    public EvidenceIdentity identity() {
        return identity;
    }

    @Override
    public List<Evidence> evaluate(List<Validation.Valid> batch) {
        List<List<BandFlux>> items = new ArrayList<>(batch.size());
        for (Validation.Valid v : batch) {
            items.add(fluxes(v));
        }
        List<EvidenceOutcome> outcomes;
        try {
            outcomes = network.evaluateBatch(items);
        } catch (RuntimeException batchFailure) {
            // ONNX Runtime or a non-finite output failed the batch: find the culprit(s) one by one.
            return oneByOne(items);
        }
        List<Evidence> out = new ArrayList<>(outcomes.size());
        for (EvidenceOutcome o : outcomes) {
            out.add(toEvidence(o));
        }
        return out;
    }

    private List<Evidence> oneByOne(List<List<BandFlux>> items) {
        List<Evidence> out = new ArrayList<>(items.size());
        for (List<BandFlux> item : items) {
            try {
                out.add(toEvidence(network.evaluateBatch(List.of(item)).get(0)));
            } catch (RuntimeException e) {
                out.add(new Evidence.Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
            }
        }
        return out;
    }

    private Evidence toEvidence(EvidenceOutcome o) {
        if (!o.ok()) {
            return new Evidence.Failed(o.refusal().reason() + ": " + o.refusal().getMessage(), o.refusal());
        }
        EvidenceResult r = o.result();
        return new Evidence.Result(r.log10BayesFactor(), r.probabilityModel1(priorOdds), r.bandsUsed(), r.bandsMasked());
    }

    private static List<BandFlux> fluxes(Validation.Valid v) {
        List<BandFlux> fluxes = new ArrayList<>(v.record().getMeasurements().size());
        for (Measurement m : v.record().getMeasurements()) {
            fluxes.add(new BandFlux(m.getBand(), m.getFluxNJy(), m.getFluxErrNJy()));
        }
        return fluxes;
    }

    @Override
    public void close() {
        network.close();
    }
}
