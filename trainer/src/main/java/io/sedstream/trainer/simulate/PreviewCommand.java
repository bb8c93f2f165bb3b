package io.sedstream.trainer.simulate;

import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.model.ObservedSpectrum;
import io.sedstream.sed.model.SimulatedSed;
import io.sedstream.sed.noise.NoiseModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code preview}: a PNG of a few simulated galaxies (prior draws at chosen redshifts and mass), their
 * observed-frame spectra, noiseless band fluxes and one noise realisation, for a person to look at.
 */
@Command(name = "preview", mixinStandardHelpOptions = true, description = "Write a PNG of a few simulated SEDs with their band fluxes.")
public final class PreviewCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "PNG file to write")
    Path out;

    @Option(names = "--redshifts", split = ",", defaultValue = "1.5,3,6,9",
            description = "Redshifts of the galaxies shown (one panel each). Default: ${DEFAULT-VALUE}")
    double[] redshifts;

    @Option(names = "--log-mass", defaultValue = "10", description = "log10 formed mass of the galaxies shown. Default: ${DEFAULT-VALUE}")
    double logMass;

    @Option(names = "--seed", defaultValue = "3", description = "Seed of the other parameters' prior draws. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--noise", defaultValue = "deep", description = "Noise model (as for simulate). Default: ${DEFAULT-VALUE}")
    String noise;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() {
        ForwardModel model = modelOptions.load();
        NoiseModel noiseModel = NoiseModels.resolve(noise, model.bandNames(), null);
        List<SedPlot.Panel> panels = new ArrayList<>();
        for (int i = 0; i < redshifts.length; i++) {
            SplittableRandom rng = GalaxyStreams.forGalaxy(seed, i);
            double[] free = model.prior().sample(rng);
            free[model.redshiftIndex()] = redshifts[i];
            free[model.formedMassIndex()] = logMass;
            SimulatedSed sed = model.simulate(free);
            ObservedSpectrum spec = model.observedSpectrum(free);
            double[] obs = new double[model.bandNames().size()];
            double[] err = new double[obs.length];
            noiseModel.apply(sed.fluxNJy(), rng, obs, err);
            double[] o = sed.outputParameters();
            String title = String.format("z=%.2f  logM*=%.1f  Av=%.2f  logZ=%.2f  logSFR100=%.2f  t50=%.2f  beta=%.2f",
                    o[0], o[2], Math.pow(10, o[4]), o[3], o[5], o[8], o[11]);
            panels.add(new SedPlot.Panel(title, spec, obs, err));
        }
        String heading = "sedstream preview: model '" + model.name() + "', bands " + model.filters().name()
                + ", noise " + noiseModel.description().replaceFirst(" \\(.*", "") + " (one realisation)";
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SedPlot.write(out, panels, 2, 820, 520, heading);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        System.err.println("wrote " + out);
        return 0;
    }
}
