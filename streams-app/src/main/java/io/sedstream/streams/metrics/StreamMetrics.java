package io.sedstream.streams.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.sedstream.schemas.DeadLetterReason;

/**
 * The service's Prometheus metrics, registered once per process in one registry. Counters are
 * pre-initialised for every dead-letter reason so dashboards see zeros rather than gaps.
 */
public final class StreamMetrics {

    /** Label values of {@code sedstream_comparison_refusals_total{by}}. */
    public static final String REFUSED_BY_MODEL2 = "model2";
    public static final String REFUSED_BY_EVIDENCE = "evidence";

    private final PrometheusRegistry registry;
    private final Counter recordsIn;
    private final Counter posteriorsOut;
    private final Counter deadLetters;
    private final Counter unknownBands;
    private final Counter maskedBands;
    private final Counter qualityFlags;
    private final Histogram inferenceLatency;
    private final Histogram endToEndLatency;
    private final Histogram batchSize;
    private final Info modelInfo;
    private final Counter comparisonsOut;
    private final Counter comparisonsPreferred;
    private final Counter comparisonRefusals;
    private final Histogram log10BayesFactor;
    private final Histogram comparisonLatency;
    private final Info comparisonInfo;
    private final Gauge streamsState;
    private final Histogram posteriorWidth;
    private final Histogram redshiftResidual;
    private final Counter restoredRecords;
    private final Gauge restoringStores;
    private final Counter misfitFlagged;
    private final Histogram misfitPValue;
    private final Counter spectroscopicRedshifts;

    /** A fresh registry with JVM metrics (for a real process). */
    public static StreamMetrics withJvmMetrics() {
        PrometheusRegistry r = new PrometheusRegistry();
        JvmMetrics.builder().register(r);
        return new StreamMetrics(r);
    }

    public StreamMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        recordsIn = Counter.builder().name("sedstream_records_in_total")
                .help("Input records seen (decoded or not)").register(registry);
        posteriorsOut = Counter.builder().name("sedstream_posteriors_out_total")
                .help("PosteriorSummary records emitted").register(registry);
        deadLetters = Counter.builder().name("sedstream_dead_letters_total")
                .help("Records sent to the dead-letter topic, by reason code").labelNames("reason").register(registry);
        for (DeadLetterReason r : DeadLetterReason.values()) {
            deadLetters.labelValues(r.name());
        }
        unknownBands = Counter.builder().name("sedstream_unknown_bands_total")
                .help("Input bands the model does not know (ignored), by band").labelNames("band").register(registry);
        maskedBands = Counter.builder().name("sedstream_masked_bands_total")
                .help("Model bands masked because the input had no flux for them, by band").labelNames("band").register(registry);
        qualityFlags = Counter.builder().name("sedstream_quality_flags_total")
                .help("Posteriors published with a quality flag raised, by flag code (PosteriorSummary.quality.flags)")
                .labelNames("flag").register(registry);
        inferenceLatency = Histogram.builder().name("sedstream_inference_latency_seconds")
                .help("Per-record encode + infer + summarise time (a batch's time divided by its size)").unit(Unit.SECONDS)
                .classicExponentialUpperBounds(10e-6, 2, 16).register(registry);
        endToEndLatency = Histogram.builder().name("sedstream_end_to_end_latency_seconds")
                .help("Input record timestamp to the emission of its summary").unit(Unit.SECONDS)
                .classicExponentialUpperBounds(1e-3, 2, 16).register(registry);
        batchSize = Histogram.builder().name("sedstream_inference_batch_size")
                .help("Records per estimator batch").classicExponentialUpperBounds(1, 2, 12).register(registry);
        misfitFlagged = Counter.builder().name("sedstream_misfit_flagged_total")
                .help("Posteriors flagged MISFIT (misfit p-value below misfit.p.threshold)").register(registry);
        misfitPValue = Histogram.builder().name("sedstream_misfit_p_value")
                .help("Misfit p-values of the posteriors (bundles with a misfit model)")
                .classicUpperBounds(1e-4, 1e-3, 1e-2, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0).register(registry);
        spectroscopicRedshifts = Counter.builder().name("sedstream_spectroscopic_redshift_posteriors_total")
                .help("Posteriors conditioned on the input's spectroscopic redshift (redshiftSource = spectroscopic)").register(registry);
        modelInfo = Info.builder().name("sedstream_model_info")
                .help("The model bundle in use (fixture=true: untrained seeded weights)").labelNames("name", "version", "fixture")
                .register(registry);
        comparisonsOut = Counter.builder().name("sedstream_comparisons_out_total")
                .help("ModelComparison records emitted (one per posterior when comparison.enabled)").register(registry);
        comparisonsPreferred = Counter.builder().name("sedstream_comparison_preferred_total")
                .help("Comparisons by the model they prefer (posterior probability > 0.5; 'undecided' at exactly 0.5)")
                .labelNames("model").register(registry);
        comparisonRefusals = Counter.builder().name("sedstream_comparison_refusals_total")
                .help("Comparisons written with a refusal, by the refusing part (model2: the second NPE; evidence: the evidence network)")
                .labelNames("by").register(registry);
        comparisonRefusals.labelValues(REFUSED_BY_MODEL2);
        comparisonRefusals.labelValues(REFUSED_BY_EVIDENCE);
        // Bucket edges at the Jeffreys-scale steps of log10 K (0.5 substantial, 1 strong, 2 decisive; Kass & Raftery 1995, sec. 3.2).
        log10BayesFactor = Histogram.builder().name("sedstream_comparison_log10_bayes_factor")
                .help("log10 K = log10 p(x|M1) - log10 p(x|M2) of each comparison (evidence network)")
                .classicUpperBounds(-8, -4, -2, -1, -0.5, 0, 0.5, 1, 2, 4, 8).register(registry);
        comparisonLatency = Histogram.builder().name("sedstream_comparison_inference_latency_seconds")
                .help("Per-record second-NPE + evidence-network time (a batch's time divided by its size)").unit(Unit.SECONDS)
                .classicExponentialUpperBounds(10e-6, 2, 16).register(registry);
        comparisonInfo = Info.builder().name("sedstream_comparison_info")
                .help("The models compared (fixture=true: some bundle has untrained seeded weights)")
                .labelNames("model1", "model2", "evidence", "prior_odds", "fixture").register(registry);
        streamsState = Gauge.builder().name("sedstream_streams_running")
                .help("1 when Kafka Streams is RUNNING, else 0").register(registry);
        // Science monitors: a model drifting away from its inputs shows as widening posteriors and, where a
        // spectroscopic redshift rides along, as a growing scatter or outlier fraction of the photo-z.
        posteriorWidth = Histogram.builder().name("sedstream_posterior_width")
                .help("Width of the 68% interval (p84 - p16) of each emitted posterior, in the parameter's own unit, by parameter")
                .labelNames("parameter").classicExponentialUpperBounds(0.005, 2, 14).register(registry);
        redshiftResidual = Histogram.builder().name("sedstream_redshift_residual")
                .help("(posterior median redshift - specZ) / (1 + specZ) of posteriors whose input carried specZ")
                .classicUpperBounds(-1, -0.5, -0.3, -0.15, -0.05, -0.02, 0, 0.02, 0.05, 0.15, 0.3, 0.5, 1).register(registry);
        restoredRecords = Counter.builder().name("sedstream_state_restored_records_total")
                .help("Changelog records restored into local state stores (after a restart or a rebalance), by store")
                .labelNames("store").register(registry);
        restoringStores = Gauge.builder().name("sedstream_state_restoring_stores")
                .help("State store partitions being restored now (the instance is not yet processing them)").register(registry);
    }

    /** Counts restoration into {@code sedstream_state_restored_records_total} and {@code sedstream_state_restoring_stores}. */
    public org.apache.kafka.streams.processor.StateRestoreListener restoreListener(java.util.Set<String> stores) {
        stores.forEach(restoredRecords::labelValues);
        return new org.apache.kafka.streams.processor.StateRestoreListener() {
            @Override
            public void onRestoreStart(org.apache.kafka.common.TopicPartition partition, String store, long startOffset, long endOffset) {
                restoringStores.inc();
                restoredRecords.labelValues(store);
            }

            @Override
            public void onBatchRestored(org.apache.kafka.common.TopicPartition partition, String store, long batchEndOffset,
                                        long numRestored) {
                restoredRecords.labelValues(store).inc(numRestored);
            }

            @Override
            public void onRestoreEnd(org.apache.kafka.common.TopicPartition partition, String store, long totalRestored) {
                restoringStores.dec();
            }

            @Override
            public void onRestoreSuspended(org.apache.kafka.common.TopicPartition partition, String store, long totalRestored) {
                restoringStores.dec();
            }
        };
    }

    public double restoredRecords(String store) {
        return restoredRecords.labelValues(store).get();
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public void recordIn() {
        recordsIn.inc();
    }

    public void posteriorOut(double endToEndSeconds) {
        posteriorsOut.inc();
        endToEndLatency.observe(Math.max(0, endToEndSeconds));
    }

    /** The science monitors of one emitted posterior. */
    public void science(io.sedstream.schemas.PosteriorSummary summary) {
        Double specZ = summary.getQuality().getSpecZ();
        for (io.sedstream.schemas.ParameterSummary p : summary.getParameters()) {
            double width = p.getP84() - p.getP16();
            if (Double.isFinite(width)) {
                posteriorWidth.labelValues(p.getName()).observe(width);
            }
            if (specZ != null && p.getName().equals(io.sedstream.inference.Estimator.REDSHIFT_PARAMETER) && Double.isFinite(p.getMedian())) {
                redshiftResidual.observe((p.getMedian() - specZ) / (1 + specZ));
            }
        }
    }

    public long redshiftResidualCount() {
        return redshiftResidual.collect().getDataPoints().get(0).getCount();
    }

    public void deadLetter(DeadLetterReason reason) {
        deadLetters.labelValues(reason.name()).inc();
    }

    /** One posterior's misfit p-value, and whether it was flagged. */
    public void misfit(double pValue, boolean flagged) {
        misfitPValue.observe(pValue);
        if (flagged) {
            misfitFlagged.inc();
        }
    }

    public void spectroscopicRedshift() {
        spectroscopicRedshifts.inc();
    }

    public double misfitFlagged() {
        return misfitFlagged.get();
    }

    public double spectroscopicRedshifts() {
        return spectroscopicRedshifts.get();
    }

    public void unknownBand(String band) {
        unknownBands.labelValues(band).inc();
    }

    public void qualityFlag(String flag) {
        qualityFlags.labelValues(flag).inc();
    }

    public void maskedBand(String band) {
        maskedBands.labelValues(band).inc();
    }

    public void inference(double perRecordSeconds, int records) {
        for (int i = 0; i < records; i++) {
            inferenceLatency.observe(perRecordSeconds);
        }
        batchSize.observe(records);
    }

    public void model(String name, String version, boolean fixture) {
        modelInfo.setLabelValues(name, version, Boolean.toString(fixture));
    }

    public void comparisons(String model1, String model2, String evidence, double priorOdds, boolean fixture) {
        comparisonInfo.setLabelValues(model1, model2, evidence, Double.toString(priorOdds), Boolean.toString(fixture));
    }

    /**
     * One comparison written.
     *
     * @param preferredModel name of the model with posterior probability > 0.5, or null without a probability
     * @param log10K         NaN when the evidence network refused
     */
    public void comparisonOut(String preferredModel, double log10K) {
        comparisonsOut.inc();
        if (preferredModel != null) {
            comparisonsPreferred.labelValues(preferredModel).inc();
        }
        if (!Double.isNaN(log10K)) {
            log10BayesFactor.observe(log10K);
        }
    }

    public void comparisonRefused(String by) {
        comparisonRefusals.labelValues(by).inc();
    }

    public void comparisonInference(double perRecordSeconds, int records) {
        for (int i = 0; i < records; i++) {
            comparisonLatency.observe(perRecordSeconds);
        }
    }

    public double comparisonsOut() {
        return comparisonsOut.get();
    }

    public double comparisonsPreferring(String model) {
        return comparisonsPreferred.labelValues(model).get();
    }

    public double comparisonRefusals(String by) {
        return comparisonRefusals.labelValues(by).get();
    }

    public long log10BayesFactorCount() {
        return log10BayesFactor.collect().getDataPoints().get(0).getCount();
    }

    public void streamsRunning(boolean running) {
        streamsState.set(running ? 1 : 0);
    }

    public double recordsIn() {
        return recordsIn.get();
    }

    public double posteriorsOut() {
        return posteriorsOut.get();
    }

    public double deadLetters(DeadLetterReason reason) {
        return deadLetters.labelValues(reason.name()).get();
    }

    public double qualityFlags(String flag) {
        return qualityFlags.labelValues(flag).get();
    }

    public double deadLettersTotal() {
        double sum = 0;
        for (DeadLetterReason r : DeadLetterReason.values()) {
            sum += deadLetters(r);
        }
        return sum;
    }

    public double unknownBands(String band) {
        return unknownBands.labelValues(band).get();
    }

    public double maskedBands(String band) {
        return maskedBands.labelValues(band).get();
    }
}
