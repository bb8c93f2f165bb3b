package io.sedstream.trainer.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.inference.onnx.Activation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a child JVM needs to train one ensemble member exactly as the in-process loop would: the
 * run's settings (library, architecture, the whole {@link TrainingConfig}, band dropout, intra-op
 * threads), which member, its wall-clock share and where to write the result. Written by the
 * parent as JSON (doubles round-trip exactly), read by {@code train-member}.
 */
record MemberJob(TrainingRun.Settings settings, int member, double wallSeconds, Path result) {

    MemberJob {
        if (member < 0 || member >= settings.members()) {
            throw new IllegalArgumentException("member " + member + " is not in an ensemble of " + settings.members());
        }
        if (Double.isNaN(wallSeconds)) {
            throw new IllegalArgumentException("member " + member + ": wall-clock share is not a number");
        }
    }

    void write(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        TrainingRun.Settings s = settings;
        root.put("member", member);
        root.put("wall_seconds", wallSeconds);
        root.put("result", result.toAbsolutePath().toString());
        ArrayNode libraries = root.putArray("libraries");
        for (Path library : s.libraries()) {
            libraries.add(library.toAbsolutePath().toString());
        }
        root.put("max_rows", s.maxRows());
        root.put("members", s.members());
        root.put("components", s.components());
        ArrayNode hidden = root.putArray("hidden");
        for (int w : s.hidden()) {
            hidden.add(w);
        }
        root.put("activation", s.activation().name());
        root.put("threads", s.threads());
        root.put("logit_parameters", s.logitParameters());
        root.put("redshift_input", s.redshiftInput());
        TrainingConfig c = s.training();
        ObjectNode t = root.putObject("training");
        t.put("max_epochs", c.maxEpochs());
        t.put("batch", c.batchSize());
        t.put("lr", c.learningRate());
        t.put("clip", c.gradientClipNorm());
        t.put("val_fraction", c.validationFraction());
        t.put("patience", c.patience());
        t.put("seed", c.seed());
        t.put("max_wall_millis", c.maxWall().toMillis());
        t.put("lr_plateau_epochs", c.lrPlateauEpochs());
        t.put("lr_decay", c.lrDecay());
        if (s.dropout() != null) {
            BandDropout d = s.dropout();
            ObjectNode dn = root.putObject("dropout");
            dn.put("per_band", d.perBandProbability());
            dn.put("random_subset", d.randomSubsetProbability());
            dn.put("max_random_bands", d.maxRandomBands());
            ArrayNode groups = dn.putArray("groups");
            for (BandDropout.Group g : d.groups()) {
                ObjectNode gn = groups.addObject();
                gn.put("name", g.name());
                gn.put("probability", g.probability());
                ArrayNode bands = gn.putArray("bands");
                for (int b : g.bands()) {
                    bands.add(b);
                }
            }
        }
        mapper.writeValue(file.toFile(), root);
    }

    static MemberJob read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode t = root.path("training");
        TrainingConfig config = new TrainingConfig(t.path("max_epochs").asInt(), t.path("batch").asInt(), t.path("lr").asDouble(),
                t.path("clip").asDouble(), t.path("val_fraction").asDouble(), t.path("patience").asInt(), t.path("seed").asLong(),
                Duration.ofMillis(t.path("max_wall_millis").asLong()), t.path("lr_plateau_epochs").asInt(),
                t.path("lr_decay").asDouble());
        int[] hidden = new int[root.path("hidden").size()];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = root.path("hidden").get(i).asInt();
        }
        BandDropout dropout = null;
        if (root.has("dropout")) {
            JsonNode dn = root.get("dropout");
            List<BandDropout.Group> groups = new ArrayList<>();
            for (JsonNode gn : dn.path("groups")) {
                int[] bands = new int[gn.path("bands").size()];
                for (int i = 0; i < bands.length; i++) {
                    bands[i] = gn.path("bands").get(i).asInt();
                }
                groups.add(new BandDropout.Group(gn.path("name").asText(), bands, gn.path("probability").asDouble()));
            }
            dropout = new BandDropout(dn.path("per_band").asDouble(), dn.path("random_subset").asDouble(),
                    dn.path("max_random_bands").asInt(), groups);
        }
        List<Path> libraries = new ArrayList<>();
        for (JsonNode library : root.path("libraries")) {
            libraries.add(Path.of(library.asText()));
        }
        TrainingRun.Settings s = new TrainingRun.Settings(libraries, root.path("max_rows").asLong(),
                null, null, root.path("members").asInt(), root.path("components").asInt(), hidden,
                Activation.valueOf(root.path("activation").asText()), config, dropout, root.path("threads").asInt(),
                root.path("logit_parameters").isTextual() ? root.path("logit_parameters").asText() : null, 1,
                root.path("redshift_input").asBoolean(false));
        return new MemberJob(s, root.path("member").asInt(), root.path("wall_seconds").asDouble(), Path.of(root.path("result").asText()));
    }
}
