package io.sedstream.trainer.simulate;

import io.sedstream.sed.data.DataRoot;
import io.sedstream.sed.filter.FilterSets;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ModelConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the simulate, preview and bench commands: which model, which bands, where the data is. */
public final class ModelOptions {
    @Option(names = "--model", defaultValue = "default",
            description = "Model name (built-in: default, delayed-tau) or model file. Default: ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--filters", defaultValue = "jades-gs-14",
            description = "Filter set name (built-in: jades-gs-14) or filter-set file. Default: ${DEFAULT-VALUE}")
    String filters;

    @Option(names = "--data-dir", defaultValue = "${env:SEDSTREAM_DATA_DIR}",
            description = "Reference data directory (default: -Dsedstream.data.dir, env SEDSTREAM_DATA_DIR, ../shared/data)")
    Path dataDir;

    /** Loads the forward model these options name. */
    public ForwardModel load() {
        return load(model);
    }

    /** Loads another model (name or file) through these options' filter set and data directory. */
    public ForwardModel load(String modelNameOrFile) {
        return ForwardModel.load(modelNameOrFile, filters, DataRoot.resolve(dataDir));
    }

    /** Builds a model from a configuration (e.g. one derived from a model file) through these options' filter set and data directory. */
    public ForwardModel load(ModelConfig config) {
        DataRoot data = DataRoot.resolve(dataDir);
        return ForwardModel.load(config, FilterSets.load(filters, data), data);
    }
}
