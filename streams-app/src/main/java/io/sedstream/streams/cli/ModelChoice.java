package io.sedstream.streams.cli;

import io.sedstream.streams.app.ModelLocator;
import io.sedstream.streams.config.SedstreamConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** The demo and bench model: --model, else the newest trained models/default/<version>, else a loudly labelled fixture. */
final class ModelChoice {
    private ModelChoice() {
    }

    static Path resolve(SedstreamConfig config, PrintStream progress) throws IOException {
        if (config.modelDir().isPresent()) {
            return ModelLocator.explicit(config.modelDir().get());
        }
        var trained = ModelLocator.newestTrained(config.modelsRoot());
        if (trained.isPresent()) {
            progress.println("sedstream: using trained bundle " + trained.get());
            return trained.get();
        }
        Path fixture = ModelLocator.writeFixture();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> io.sedstream.streams.app.EmbeddedPipeline.deleteRecursively(fixture)));
        progress.println("sedstream: *** NO TRAINED MODEL in " + config.modelsRoot().resolve("default")
                + ": using a FIXTURE bundle (seeded, UNTRAINED, default size) written to " + fixture
                + ". Its posteriors exercise the pipeline and are NOT physical. ***");
        return fixture;
    }
}
