package io.sedstream.streams.topology;

/** Default topic names (each can be renamed by configuration: topic.photometry, topic.posteriors, topic.dlq, topic.model-comparison). */
public final class Topics {
    /** Input: PhotometryRecord, key = objectId. */
    public static final String PHOTOMETRY = "photometry";
    /** Output: PosteriorSummary, key = objectId. */
    public static final String POSTERIORS = "posteriors";
    /** Dead letters: DeadLetter, key = the input key bytes. */
    public static final String PHOTOMETRY_DLQ = "photometry-dlq";
    /** ModelComparison, key = objectId: one per posterior when comparison.enabled. */
    public static final String MODEL_COMPARISON = "model-comparison";

    private Topics() {
    }
}
