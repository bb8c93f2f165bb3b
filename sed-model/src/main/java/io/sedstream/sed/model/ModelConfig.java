package io.sedstream.sed.model;

import io.sedstream.sed.config.KeyValueText;
import io.sedstream.sed.dust.DustLaw;
import io.sedstream.sed.igm.IgmModel;
import io.sedstream.sed.sfh.SfhFamily;
import io.sedstream.sed.noise.ModelErrorSettings;
import io.sedstream.sed.prior.PopulationPrior;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named forward-model configuration, read from a small {@code key = value} file (built-in resources
 * {@code io/sedstream/sed/model/NAME.model}, or a path). Every key is validated at load with a message
 * naming the bad key. The SPS library and SFH family are selected by name, so a second model (another
 * SPS grid, another SFH family) is a second file, not new code paths in the callers.
 *
 * @param name                       model name recorded in libraries and bundles
 * @param sps                        SPS grid name ({@code bc03-chabrier-tau})
 * @param spsAgeStepDex              coarse SSP age-bin width [dex]
 * @param sfh                        star-formation-history family ({@link SfhFamily}: {@code dense-basis}, {@code delayed-tau})
 * @param dust                       attenuation curve ({@code calzetti2000})
 * @param nebularDustFactor          A_V(gas) / A_V(stars) applied to lines and nebular continuum
 * @param lymanContinuumEscape       fraction of ionising photons escaping (the rest powers the nebula)
 * @param lymanAlphaEscape           fraction of case-B Lyman-alpha that escapes the galaxy
 * @param igm                        {@code inoue2014} (the default), {@code madau1995} or {@code none}
 * @param resolution                 rest-frame wavelength grid resolution lambda / d lambda
 * @param priors                     prior lines by parameter, in order ({@code uniform lo hi}, {@code dirichlet alpha n})
 * @param population                 {@code none} (the prior lines alone) or {@code leja2020-speagle2014}
 *                                   ({@link PopulationPrior}: redshift, mass, sSFR and A_V from a galaxy population)
 * @param populationLog10StellarMassMin lowest stellar mass the population draws ({@code population.log10_stellar_mass_min}, default 7)
 * @param selection                  apparent-magnitude limit on the observed flux ({@code selection.band}, {@code selection.max_ab_mag}), or null
 * @param modelError                 template error and zero-point terms added to the survey noise ({@code noise.*})
 * @param text                       the configuration text (kept for provenance)
 */
public record ModelConfig(
        String name,
        String sps,
        double spsAgeStepDex,
        String sfh,
        String dust,
        double nebularDustFactor,
        double lymanContinuumEscape,
        double lymanAlphaEscape,
        String igm,
        double resolution,
        Map<String, String> priors,
        String population,
        double populationLog10StellarMassMin,
        Selection selection,
        ModelErrorSettings modelError,
        String text) {

    /**
     * A flux-limited survey's selection: a simulated galaxy is kept only when its observed (noisy) flux in
     * {@code band} is at least that of AB magnitude {@code maxAbMag}; others are drawn again.
     */
    public record Selection(String band, double maxAbMag) {
        public String describe() {
            return "observed " + band + " <= " + maxAbMag + " AB";
        }
    }

    public static final String DEFAULT = "default";

    private static final Set<String> KEYS = Set.of("name", "sps", "sps.age_step_dex", "sfh", "dust",
            "dust.nebular_factor", "nebular.lyc_escape_fraction", "nebular.lya_escape_fraction", "igm",
            "grid.resolution", "population", "population.log10_stellar_mass_min", "selection.band", "selection.max_ab_mag",
            "noise.template_error_fraction", "noise.zero_point_jitter_mag", "noise.zero_point_offset_mag");
    public static final String POPULATION_NONE = "none";

    public ModelConfig {
        priors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(priors));
    }

    /** Names of the built-in model configurations. */
    public static List<String> builtInNames() {
        return List.of(DEFAULT, "delayed-tau");
    }

    /** A built-in model by name, or a model file by path. */
    public static ModelConfig load(String nameOrPath) {
        String resource = "/io/sedstream/sed/model/" + nameOrPath + ".model";
        try (InputStream in = ModelConfig.class.getResourceAsStream(resource)) {
            if (in != null) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrPath);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in model " + resource, e);
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("unknown model '" + nameOrPath + "': not a built-in model "
                    + builtInNames() + " and no such file");
        }
        try {
            return parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + p, e);
        }
    }

    /** Parses a model configuration text; {@code origin} names it in error messages. */
    public static ModelConfig parse(String text, String origin) {
        Map<String, String> kv = new LinkedHashMap<>();
        Map<String, String> priors = new LinkedHashMap<>();
        for (KeyValueText.Entry e : KeyValueText.parse(text, "model " + origin, "'key = value'")) {
            String key = e.key();
            String value = e.value();
            if (key.startsWith("prior.")) {
                priors.put(key.substring(6), value);
            } else if (KEYS.contains(key)) {
                if (kv.put(key, value) != null) {
                    throw new IllegalArgumentException("model " + origin + ": key '" + key + "' given twice");
                }
            } else {
                throw new IllegalArgumentException("model " + origin + " line " + e.lineNumber() + ": unknown key '" + key
                        + "' (known: " + new java.util.TreeSet<>(KEYS) + ", prior.NAME)");
            }
        }
        ModelConfig c = new ModelConfig(
                require(kv, "name", origin),
                require(kv, "sps", origin),
                number(kv, "sps.age_step_dex", "0.05", origin),
                require(kv, "sfh", origin),
                kv.getOrDefault("dust", "calzetti2000"),
                number(kv, "dust.nebular_factor", "1.0", origin),
                number(kv, "nebular.lyc_escape_fraction", "0.0", origin),
                number(kv, "nebular.lya_escape_fraction", "0.1", origin),
                kv.getOrDefault("igm", "inoue2014"),
                number(kv, "grid.resolution", "300", origin),
                priors,
                kv.getOrDefault("population", POPULATION_NONE),
                number(kv, "population.log10_stellar_mass_min", "7", origin),
                selection(kv, origin),
                modelError(kv, origin),
                text);
        c.validate(origin);
        return c;
    }

    private static Selection selection(Map<String, String> kv, String origin) {
        String band = kv.get("selection.band");
        String mag = kv.get("selection.max_ab_mag");
        if (band == null && mag == null) {
            return null;
        }
        if (band == null || band.isBlank() || mag == null) {
            throw new IllegalArgumentException("model " + origin + ": 'selection.band' and 'selection.max_ab_mag' go together (got "
                    + (band == null ? "only selection.max_ab_mag" : "only selection.band") + ")");
        }
        double m = number(kv, "selection.max_ab_mag", mag, origin);
        checkRange(origin, "selection.max_ab_mag", m, 10, 40);
        return new Selection(band, m);
    }

    private static ModelErrorSettings modelError(Map<String, String> kv, String origin) {
        try {
            return new ModelErrorSettings(number(kv, "noise.template_error_fraction", "0", origin),
                    number(kv, "noise.zero_point_jitter_mag", "0", origin), number(kv, "noise.zero_point_offset_mag", "0", origin));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("model ")) {
                throw e;
            }
            throw new IllegalArgumentException("model " + origin + ": " + e.getMessage(), e);
        }
    }

    private void validate(String origin) {
        if (!population.equals(POPULATION_NONE) && !population.equals(PopulationPrior.LEJA2020_SPEAGLE2014)) {
            throw new IllegalArgumentException("model " + origin + ": population '" + population + "' unknown (known: "
                    + POPULATION_NONE + ", " + PopulationPrior.LEJA2020_SPEAGLE2014 + ")");
        }
        if (!sps.equals("bc03-chabrier-tau")) {
            throw new IllegalArgumentException("model " + origin + ": sps '" + sps + "' unknown (known: bc03-chabrier-tau)");
        }
        SfhFamily family;
        try {
            family = SfhFamily.byName(sfh);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model " + origin + ": " + e.getMessage(), e);
        }
        try {
            DustLaw.byName(dust);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model " + origin + ": " + e.getMessage(), e);
        }
        if (!IgmModel.NAMES.contains(igm)) {
            throw new IllegalArgumentException("model " + origin + ": igm '" + igm + "' unknown (known: " + String.join(", ", IgmModel.NAMES) + ")");
        }
        checkRange(origin, "dust.nebular_factor", nebularDustFactor, 0, 10);
        checkRange(origin, "nebular.lyc_escape_fraction", lymanContinuumEscape, 0, 1);
        checkRange(origin, "nebular.lya_escape_fraction", lymanAlphaEscape, 0, 1);
        checkRange(origin, "grid.resolution", resolution, 50, 5000);
        checkRange(origin, "sps.age_step_dex", spsAgeStepDex, 0.005, 0.5);
        List<String> required = new ArrayList<>(List.of(ParameterNames.REDSHIFT, ParameterNames.LOG10_FORMED_MASS,
                ParameterNames.LOG10_METALLICITY, ParameterNames.LOG10_AV));
        required.addAll(family.priorKeys());
        for (String r : required) {
            if (!priors.containsKey(r)) {
                throw new IllegalArgumentException("model " + origin + ": missing key 'prior." + r + "' for sfh " + sfh);
            }
        }
        for (String k : priors.keySet()) {
            if (!required.contains(k)) {
                throw new IllegalArgumentException("model " + origin + ": key 'prior." + k + "' is not a parameter of sfh "
                        + sfh + " (expected " + required + ")");
            }
        }
    }

    private static void checkRange(String origin, String key, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException("model " + origin + ": '" + key + "' = " + v + " outside [" + lo + ", " + hi + "]");
        }
    }

    private static String require(Map<String, String> kv, String key, String origin) {
        String v = kv.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("model " + origin + ": missing key '" + key + "'");
        }
        return v;
    }

    private static double number(Map<String, String> kv, String key, String def, String origin) {
        String v = kv.getOrDefault(key, def);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model " + origin + ": key '" + key + "' is not a number: '" + v + "'", e);
        }
    }
}
