package io.sedstream.streams.estimation;

import io.sedstream.inference.EstimateOptions;
import io.sedstream.inference.Estimator;
import io.sedstream.inference.PosteriorResult;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.ModelBundle;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.features.BandFlux;
import io.sedstream.inference.features.InvalidPhotometryException;
import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.ParameterSummary;
import io.sedstream.schemas.RedshiftSource;
import io.sedstream.streams.validation.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The inference module's {@link Estimator} behind the topology's {@link PhotometryEstimator} seam.
 * One {@link ModelBundle} (thread-safe ONNX sessions) is shared; each calling thread gets its own
 * Estimator (which reuses buffers and is not thread-safe), all closed with this object.
 */
public final class BundleEstimator implements PhotometryEstimator {

    private final ModelBundle bundle;
    private final ModelIdentity identity;
    private final ThreadLocal<Estimator> perThread;
    private final ConcurrentLinkedQueue<Estimator> created = new ConcurrentLinkedQueue<>();

    private BundleEstimator(ModelBundle bundle) {
        this.bundle = bundle;
        Manifest m = bundle.manifest();
        this.identity = new ModelIdentity(m.name(), m.version(), m.fixture(), m.bandNames(), m.parameterNames());
        this.perThread = ThreadLocal.withInitial(() -> {
            Estimator e = Estimator.of(bundle);
            created.add(e);
            return e;
        });
    }

    /** Loads the bundle in {@code dir}; a bundle whose manifest disagrees with its ONNX files is refused with the reason. */
    public static BundleEstimator load(Path dir) {
        return new BundleEstimator(ModelBundle.load(dir));
    }

    @Override
    public ModelIdentity model() {
        return identity;
    }

    @Override
    public List<Estimate> estimate(List<Validation.Valid> batch, int samples) {
        Estimator est = perThread.get();
        List<Estimator.BatchItem> items = new ArrayList<>(batch.size());
        for (Validation.Valid v : batch) {
            items.add(item(v, samples));
        }
        List<Estimator.BatchOutcome> outcomes;
        try {
            outcomes = est.estimateBatch(items);
        } catch (RuntimeException batchFailure) {
            // ONNX Runtime or a non-finite network output failed the batch: find the culprit(s) one by one.
            return oneByOne(est, items);
        }
        List<Estimate> out = new ArrayList<>(outcomes.size());
        for (Estimator.BatchOutcome o : outcomes) {
            out.add(o.ok() ? toEstimate(o.result()) : refused(o.refusal()));
        }
        return out;
    }

    private List<Estimate> oneByOne(Estimator est, List<Estimator.BatchItem> items) {
        List<Estimate> out = new ArrayList<>(items.size());
        for (Estimator.BatchItem item : items) {
            try {
                Estimator.BatchOutcome o = est.estimateBatch(List.of(item)).get(0);
                out.add(o.ok() ? toEstimate(o.result()) : refused(o.refusal()));
            } catch (RuntimeException e) {
                out.add(new Estimate.Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
            }
        }
        return out;
    }

    private static Estimator.BatchItem item(Validation.Valid v, int samples) {
        List<BandFlux> fluxes = new ArrayList<>(v.record().getMeasurements().size());
        for (Measurement m : v.record().getMeasurements()) {
            fluxes.add(new BandFlux(m.getBand(), m.getFluxNJy(), m.getFluxErrNJy()));
        }
        // Seed draws from the object id so a record's samples are reproducible on reprocessing.
        EstimateOptions options = samples > 0 ? EstimateOptions.withSamples(samples, v.record().getObjectId().hashCode())
                : EstimateOptions.summariesOnly();
        return new Estimator.BatchItem(fluxes, v.record().getSpecZ(), options);
    }

    private static Estimate refused(InvalidPhotometryException e) {
        return new Estimate.Failed(e.reason() + ": " + e.getMessage(), e);
    }

    private Estimate toEstimate(PosteriorResult r) {
        List<ParameterSummary> params = new ArrayList<>(r.parameters().size());
        for (io.sedstream.inference.posterior.ParameterSummary p : r.parameters()) {
            params.add(ParameterSummary.newBuilder().setName(p.name()).setUnit(p.unit().isEmpty() ? "dimensionless" : p.unit())
                    .setMean(p.mean()).setStd(p.std()).setMedian(p.median()).setP25(p.p2_5()).setP16(p.p16()).setP84(p.p84())
                    .setP975(p.p97_5()).setMode(p.mode()).build());
        }
        List<List<Double>> draws = new ArrayList<>(r.samples().count());
        int d = r.parameters().size();
        for (int i = 0; i < r.samples().count(); i++) {
            List<Double> row = new ArrayList<>(d);
            for (int j = 0; j < d; j++) {
                row.add(r.samples().value(i, j));
            }
            draws.add(row);
        }
        RedshiftSource source = r.redshiftSource() == io.sedstream.inference.RedshiftSource.SPECTROSCOPIC
                ? RedshiftSource.spectroscopic : RedshiftSource.photometric;
        return new Estimate.Posterior(params, r.bands().used(), r.bands().masked(), r.massOutsidePriorBox(), draws, source,
                r.misfit() == null ? null : r.misfit().pValue());
    }

    /** Parameter specs (units, prior bounds) of the bundle, for tools. */
    public List<ParameterSpec> parameterSpecs() {
        return bundle.manifest().parameters();
    }

    @Override
    public void close() {
        Estimator e;
        while ((e = created.poll()) != null) {
            e.close();
        }
        bundle.close();
    }
}
