package io.sedstream.trainer.validate;

import io.sedstream.trainer.train.TrainingTable;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A band-masking scenario of the validation: which bands of a held-out object are hidden from the
 * estimator. The scenarios mirror real coverage gaps (no HST/ACS imaging; no NIRCam medium bands)
 * and arbitrary loss (three random bands).
 */
public enum MaskScenario {
    ALL_BANDS("all_bands", "all bands"),
    ACS_MISSING("acs_missing", "all ACS bands missing"),
    MEDIUM_MISSING("f335m_f410m_missing", "F335M and F410M missing"),
    RANDOM3_MISSING("random3_missing", "3 random bands missing");

    private final String key;
    private final String label;

    MaskScenario(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** Sets the hidden bands of one row to NaN; {@code rng} is only used by the random scenario. */
    /**
     * Copies rows {@code from .. from + count) of {@code table}'s fluxes and errors into rows 0 ..
     * count of {@code flux} and {@code err} and applies this scenario to each, with a random stream
     * per (row, scenario) from {@code seed}: every validator masks the same bands of the same galaxy.
     */
    public void applyToRows(TrainingTable table, int from, int count, long seed,
                            double[] flux, double[] err) {
        int b = table.bandCount();
        for (int i = 0; i < count; i++) {
            int row = from + i;
            System.arraycopy(table.fluxNJy(), row * b, flux, i * b, b);
            System.arraycopy(table.fluxErrNJy(), row * b, err, i * b, b);
            apply(table.bandNames(), flux, i * b, new SplittableRandom(seed ^ (31L * row + ordinal())));
        }
    }

    public void apply(List<String> bandNames, double[] flux, int offset, SplittableRandom rng) {
        int n = bandNames.size();
        switch (this) {
            case ALL_BANDS -> {
            }
            case ACS_MISSING -> {
                for (int b = 0; b < n; b++) {
                    if (bandNames.get(b).toLowerCase(Locale.ROOT).startsWith("hst.acs.")) {
                        flux[offset + b] = Double.NaN;
                    }
                }
            }
            case MEDIUM_MISSING -> {
                for (int b = 0; b < n; b++) {
                    String name = bandNames.get(b).toLowerCase(Locale.ROOT);
                    if (name.endsWith(".f335m") || name.endsWith(".f410m")) {
                        flux[offset + b] = Double.NaN;
                    }
                }
            }
            case RANDOM3_MISSING -> {
                int hidden = 0;
                while (hidden < Math.min(3, n - 1)) {
                    int b = rng.nextInt(n);
                    if (!Double.isNaN(flux[offset + b])) {
                        flux[offset + b] = Double.NaN;
                        hidden++;
                    }
                }
            }
        }
    }
}
