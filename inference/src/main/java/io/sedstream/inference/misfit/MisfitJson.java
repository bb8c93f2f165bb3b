package io.sedstream.inference.misfit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.bundle.InvalidModelBundleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a bundle's misfit model file ({@code misfit.json}, named by the manifest's
 * {@code misfit.file}):
 * <pre>
 * { "formatVersion": 1, "kind": "gaussian-mixture-asinh-magnitudes",
 *   "bands": [...], "components": [{"weight", "mean": [n], "covariance": [n*n]}],
 *   "calibration": {"quantiles": Q, "byObservedBands": {"14": {"count": N, "scores": [Q]}, ...}},
 *   "provenance": {...free text fields...} }
 * </pre>
 * A malformed file is refused with the JSON path of the first problem.
 */
public final class MisfitJson {
    public static final String DEFAULT_FILE_NAME = "misfit.json";
    public static final String KIND = "gaussian-mixture-asinh-magnitudes";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MisfitJson() {
    }

    /** Reads and validates the file; {@code bundleBands} must equal its bands. */
    public static MisfitModel read(Path file, List<String> bundleBands) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidModelBundleException("misfit model file missing: " + file, e);
        } catch (IOException e) {
            throw new InvalidModelBundleException("cannot read misfit model " + file + ": " + e.getMessage(), e);
        }
        try {
            MisfitModel m = parse(text);
            if (!m.bandNames().equals(bundleBands)) {
                throw new InvalidModelBundleException("misfit model bands " + m.bandNames() + " differ from the bundle's " + bundleBands);
            }
            return m;
        } catch (InvalidModelBundleException e) {
            throw new InvalidModelBundleException(file + ": " + e.getMessage(), e);
        }
    }

    public static MisfitModel parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidModelBundleException("misfit model is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidModelBundleException("misfit model must be a JSON object");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isInt() || version.intValue() != 1) {
            throw new InvalidModelBundleException("misfit formatVersion must be 1, got " + version);
        }
        JsonNode kind = root.get("kind");
        if (kind == null || !KIND.equals(kind.asText(null))) {
            throw new InvalidModelBundleException("misfit kind must be \"" + KIND + "\", got " + kind);
        }
        List<String> bands = new ArrayList<>();
        JsonNode bandArray = array(root, "bands", "bands");
        for (int i = 0; i < bandArray.size(); i++) {
            if (!bandArray.get(i).isTextual()) {
                throw new InvalidModelBundleException("bands[" + i + "] must be a string");
            }
            bands.add(bandArray.get(i).textValue());
        }
        JsonNode comps = array(root, "components", "components");
        int k = comps.size();
        double[] weights = new double[k];
        double[][] means = new double[k][];
        double[][] covs = new double[k][];
        for (int c = 0; c < k; c++) {
            String at = "components[" + c + "]";
            JsonNode comp = comps.get(c);
            if (!comp.isObject()) {
                throw new InvalidModelBundleException(at + " must be an object");
            }
            JsonNode w = comp.get("weight");
            if (w == null || !w.isNumber()) {
                throw new InvalidModelBundleException(at + ".weight must be a number");
            }
            weights[c] = w.doubleValue();
            means[c] = numbers(comp, "mean", at + ".mean");
            covs[c] = numbers(comp, "covariance", at + ".covariance");
        }
        JsonNode cal = root.get("calibration");
        if (cal == null || !cal.isObject()) {
            throw new InvalidModelBundleException("calibration must be an object");
        }
        JsonNode by = cal.get("byObservedBands");
        if (by == null || !by.isObject()) {
            throw new InvalidModelBundleException("calibration.byObservedBands must be an object");
        }
        int n = bands.size();
        double[][] tables = new double[n][];
        long[] counts = new long[n];
        var names = by.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            String at = "calibration.byObservedBands." + key;
            int c;
            try {
                c = Integer.parseInt(key);
            } catch (NumberFormatException e) {
                throw new InvalidModelBundleException(at + ": the key must be a band count");
            }
            if (c < 1 || c > n) {
                throw new InvalidModelBundleException(at + ": band count outside 1.." + n);
            }
            JsonNode t = by.get(key);
            JsonNode count = t.get("count");
            if (count == null || !count.canConvertToLong()) {
                throw new InvalidModelBundleException(at + ".count must be an integer");
            }
            counts[c - 1] = count.longValue();
            tables[c - 1] = numbers(t, "scores", at + ".scores");
        }
        return new MisfitModel(bands, weights, means, covs, tables, counts);
    }

    /** Writes the model (and free-text provenance fields) to {@code file}. */
    public static void write(MisfitModel m, java.util.Map<String, String> provenance, Path file) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", 1);
        root.put("kind", KIND);
        root.put("definition", "score = -ln p(standardised asinh magnitudes of the observed bands) under this Gaussian mixture "
                + "(masked bands marginalised out); p-value = fraction of held-out simulated galaxies with as many observed bands "
                + "scoring at least as high");
        ArrayNode bands = root.putArray("bands");
        m.bandNames().forEach(bands::add);
        ArrayNode comps = root.putArray("components");
        for (int c = 0; c < m.componentCount(); c++) {
            ObjectNode comp = comps.addObject();
            comp.put("weight", m.weights()[c]);
            ArrayNode mean = comp.putArray("mean");
            for (double v : m.means()[c]) {
                mean.add(v);
            }
            ArrayNode cov = comp.putArray("covariance");
            for (double v : m.covariances()[c]) {
                cov.add(v);
            }
        }
        ObjectNode cal = root.putObject("calibration");
        ObjectNode by = cal.putObject("byObservedBands");
        for (int c = 0; c < m.bandCount(); c++) {
            if (m.calibration()[c] == null) {
                continue;
            }
            cal.put("quantiles", m.calibration()[c].length);
            ObjectNode t = by.putObject(Integer.toString(c + 1));
            t.put("count", m.calibrationCounts()[c]);
            ArrayNode scores = t.putArray("scores");
            for (double v : m.calibration()[c]) {
                scores.add((float) v);
            }
        }
        ObjectNode prov = root.putObject("provenance");
        provenance.forEach(prov::put);
        Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
    }

    private static JsonNode array(JsonNode node, String field, String at) {
        JsonNode a = node.get(field);
        if (a == null || !a.isArray() || a.isEmpty()) {
            throw new InvalidModelBundleException(at + " must be a non-empty array");
        }
        return a;
    }

    private static double[] numbers(JsonNode node, String field, String at) {
        JsonNode a = array(node, field, at);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new InvalidModelBundleException(at + "[" + i + "] must be a number");
            }
            out[i] = a.get(i).doubleValue();
        }
        return out;
    }
}
