package io.sedstream.trainer.simulate;

import io.sedstream.sed.noise.DepthNoiseModel;
import io.sedstream.sed.noise.EmpiricalNoiseModel;
import io.sedstream.sed.noise.NoiseModel;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves a {@code --noise} argument: {@code deep} / {@code medium} (approximate JADES-like depth tiers),
 * a {@code .json} empirical model, a {@code .csv} catalogue to fit an empirical model from (the fitted
 * model is saved as {@code noise-model.json} in the output directory), or a depth config file.
 */
public final class NoiseModels {
    private NoiseModels() {
    }

    public static NoiseModel resolve(String spec, List<String> bands, Path outDir) {
        String lower = spec.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".json")) {
            return EmpiricalNoiseModel.read(Path.of(spec), bands);
        }
        if (lower.endsWith(".csv")) {
            EmpiricalNoiseModel m = EmpiricalNoiseModel.fit(Path.of(spec), bands);
            if (outDir != null) {
                m.write(outDir.resolve("noise-model.json"));
            }
            return m;
        }
        return DepthNoiseModel.load(spec, bands);
    }
}
