package io.sedstream.trainer.export;

import io.sedstream.inference.bundle.BandSpec;
import io.sedstream.inference.bundle.FeatureSpec;
import io.sedstream.inference.bundle.Manifest;
import io.sedstream.inference.bundle.MemberSpec;
import io.sedstream.inference.bundle.ModelBundleWriter;
import io.sedstream.inference.bundle.ParameterSpec;
import io.sedstream.inference.bundle.Provenance;
import io.sedstream.inference.onnx.OnnxMlpWriter;
import io.sedstream.trainer.train.TrainedMember;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes trained ensemble members as a model bundle: one ONNX file per member through the
 * inference module's shared writer, equal member weights, and {@code manifest.json} pinning the
 * encoder (bands and softenings, feature standardisation) and the parameter standardisation.
 * The inference module's writer reloads the bundle, so a bundle that would not serve is refused here.
 */
public final class BundleExporter {

    private BundleExporter() {
    }

    /** What a bundle says about itself besides its networks. */
    public record BundleIdentity(String name, String version, String description) {
    }

    public static Manifest export(Path directory, BundleIdentity identity, List<BandSpec> bands, FeatureSpec features,
                                  List<ParameterSpec> parameters, int components, List<TrainedMember> members,
                                  Provenance provenance) throws IOException {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no trained members to export");
        }
        Map<String, byte[]> models = new LinkedHashMap<>();
        List<MemberSpec> specs = new ArrayList<>();
        double weight = 1.0 / members.size();
        for (TrainedMember m : members) {
            String file = String.format("member-%02d.onnx", m.member());
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("sedstream.model", identity.name() + "/" + identity.version());
            metadata.put("sedstream.member", Integer.toString(m.member()));
            metadata.put("sedstream.seed", Long.toString(m.seed()));
            metadata.put("sedstream.best_epoch", Integer.toString(m.bestEpoch()));
            metadata.put("sedstream.best_val_neg_log_prob", Double.toString(m.bestValidationLoss()));
            models.put(file, OnnxMlpWriter.toBytes(m.weights(), identity.name() + "-member-" + m.member(), metadata));
            specs.add(new MemberSpec(file, weight, m.seed()));
        }
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, identity.name(), identity.version(), identity.description(),
                false, bands, features, parameters, components, specs, provenance);
        ModelBundleWriter.write(directory, manifest, models);
        return manifest;
    }
}
