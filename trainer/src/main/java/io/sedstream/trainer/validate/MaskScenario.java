package io.sedstream.trainer.validate;

import io.sedstream.trainer.train.TrainingTable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A band-masking scenario of the validation: which bands of a held-out object are hidden from the
 * estimator. Survey-specific gaps (no HST/ACS imaging; no NIRCam medium bands) apply only to filter
 * sets that hold those bands; the generic ones (bluest band, reddest band, three random bands) apply
 * to any set with enough bands. Every validator runs {@link #applicable} scenarios only and reports
 * the rest with {@link #notApplicable}'s reason, never with repeated all-bands figures.
 * <p>
 * The constant order is part of the masks: the random scenario's stream is seeded with its ordinal,
 * so new scenarios go at the end and the JADES reports keep their masks.
 */
public enum MaskScenario {
    ALL_BANDS("all_bands", "all bands"),
    ACS_MISSING("acs_missing", "all ACS bands missing"),
    MEDIUM_MISSING("f335m_f410m_missing", "F335M and F410M missing"),
    RANDOM3_MISSING("random3_missing", "3 random bands missing"),
    BLUEST_MISSING("bluest_missing", "bluest band missing"),
    REDDEST_MISSING("reddest_missing", "reddest band missing");

    private static final String ACS_PREFIX = "hst.acs.";
    private static final List<String> MEDIUM_SUFFIXES = List.of(".f335m", ".f410m");
    private static final int RANDOM_HIDDEN = 3;

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

    /** The label with the band it hides where that depends on the filter set ("bluest band missing (x.f435w)"). */
    public String label(MaskBands bands) {
        return switch (this) {
            case BLUEST_MISSING -> label + " (" + bands.names().get(bands.bluest()) + ")";
            case REDDEST_MISSING -> label + " (" + bands.names().get(bands.reddest()) + ")";
            default -> label;
        };
    }

    /**
     * Why this scenario cannot run on {@code bandNames}, or empty when it can. Decided from the names
     * alone, so reports that know only the bundle's bands reach the same verdict as the validators.
     */
    public Optional<String> notApplicable(List<String> bandNames) {
        int n = bandNames.size();
        String why = switch (this) {
            case ALL_BANDS -> null;
            case ACS_MISSING -> {
                long acs = bandNames.stream().filter(MaskScenario::isAcs).count();
                yield acs == 0 ? "no " + ACS_PREFIX + "* bands" : acs == n ? "every band is an " + ACS_PREFIX + "* band" : null;
            }
            case MEDIUM_MISSING -> {
                List<String> absent = MEDIUM_SUFFIXES.stream()
                        .filter(s -> bandNames.stream().noneMatch(b -> b.toLowerCase(Locale.ROOT).endsWith(s)))
                        .map(s -> s.substring(1).toUpperCase(Locale.ROOT)).toList();
                yield absent.isEmpty() ? (n <= MEDIUM_SUFFIXES.size() ? "no band left without F335M and F410M" : null)
                        : "no " + String.join(" or ", absent) + " band";
            }
            case RANDOM3_MISSING -> n <= RANDOM_HIDDEN ? "fewer than " + (RANDOM_HIDDEN + 1) + " bands" : null;
            case BLUEST_MISSING, REDDEST_MISSING -> n < 2 ? "a single band" : null;
        };
        return Optional.ofNullable(why).map(w -> "not applicable to this filter set (" + w + ")");
    }

    public boolean appliesTo(List<String> bandNames) {
        return notApplicable(bandNames).isEmpty();
    }

    /** The scenarios that can run on {@code bandNames}, in declaration order. */
    public static List<MaskScenario> applicable(List<String> bandNames) {
        List<MaskScenario> out = new ArrayList<>();
        for (MaskScenario s : values()) {
            if (s.appliesTo(bandNames)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The scenarios that cannot run on {@code bandNames}, each with its reason. */
    public static Map<MaskScenario, String> inapplicable(List<String> bandNames) {
        Map<MaskScenario, String> out = new EnumMap<>(MaskScenario.class);
        for (MaskScenario s : values()) {
            s.notApplicable(bandNames).ifPresent(why -> out.put(s, why));
        }
        return out;
    }

    /**
     * Copies rows {@code from .. from + count) of {@code table}'s fluxes and errors into rows 0 ..
     * count of {@code flux} and {@code err} and applies this scenario to each, with a random stream
     * per (row, scenario) from {@code seed}: every validator masks the same bands of the same galaxy.
     */
    public void applyToRows(MaskBands bands, TrainingTable table, int from, int count, long seed,
                            double[] flux, double[] err) {
        if (!bands.names().equals(table.bandNames())) {
            throw new IllegalArgumentException("mask bands " + bands.names() + " differ from the table's " + table.bandNames());
        }
        int b = table.bandCount();
        for (int i = 0; i < count; i++) {
            int row = from + i;
            System.arraycopy(table.fluxNJy(), row * b, flux, i * b, b);
            System.arraycopy(table.fluxErrNJy(), row * b, err, i * b, b);
            apply(bands, flux, i * b, new SplittableRandom(seed ^ (31L * row + ordinal())));
        }
    }

    /** Sets the hidden bands of one row to NaN; {@code rng} is only used by the random scenario. */
    public void apply(MaskBands bands, double[] flux, int offset, SplittableRandom rng) {
        List<String> bandNames = bands.names();
        notApplicable(bandNames).ifPresent(why -> {
            throw new IllegalStateException(label + ": " + why);
        });
        int n = bandNames.size();
        switch (this) {
            case ALL_BANDS -> {
            }
            case ACS_MISSING -> {
                for (int b = 0; b < n; b++) {
                    if (isAcs(bandNames.get(b))) {
                        flux[offset + b] = Double.NaN;
                    }
                }
            }
            case MEDIUM_MISSING -> {
                for (int b = 0; b < n; b++) {
                    String name = bandNames.get(b).toLowerCase(Locale.ROOT);
                    if (MEDIUM_SUFFIXES.stream().anyMatch(name::endsWith)) {
                        flux[offset + b] = Double.NaN;
                    }
                }
            }
            case RANDOM3_MISSING -> {
                int present = 0;
                for (int b = 0; b < n; b++) {
                    present += Double.isNaN(flux[offset + b]) ? 0 : 1;
                }
                // Keep at least one measured band, even in a row that already lacks some.
                int toHide = Math.min(RANDOM_HIDDEN, present - 1);
                int hidden = 0;
                while (hidden < toHide) {
                    int b = rng.nextInt(n);
                    if (!Double.isNaN(flux[offset + b])) {
                        flux[offset + b] = Double.NaN;
                        hidden++;
                    }
                }
            }
            case BLUEST_MISSING -> flux[offset + bands.bluest()] = Double.NaN;
            case REDDEST_MISSING -> flux[offset + bands.reddest()] = Double.NaN;
        }
    }

    private static boolean isAcs(String band) {
        return band.toLowerCase(Locale.ROOT).startsWith(ACS_PREFIX);
    }
}
