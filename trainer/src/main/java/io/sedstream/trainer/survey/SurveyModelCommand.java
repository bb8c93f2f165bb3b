package io.sedstream.trainer.survey;

import io.sedstream.inference.Estimator;
import io.sedstream.inference.bundle.ManifestJson;
import io.sedstream.inference.catalogue.CatalogueReader;
import io.sedstream.inference.catalogue.CatalogueRow;
import io.sedstream.inference.catalogue.ColumnMap;
import io.sedstream.sed.filter.FilterSet;
import io.sedstream.sed.model.ForwardModel;
import io.sedstream.sed.noise.EmpiricalNoiseModel;
import io.sedstream.trainer.TrainerCli;
import io.sedstream.trainer.export.BundleExporter;
import io.sedstream.trainer.library.LibraryManifest;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.simulate.LibrarySimulator;
import io.sedstream.trainer.simulate.ModelOptions;
import io.sedstream.trainer.simulate.NoiseModels;
import io.sedstream.trainer.train.TrainingOptions;
import io.sedstream.trainer.train.TrainingRun;
import io.sedstream.trainer.validate.SnrSelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code survey-model}: one command from a real catalogue, a filter set and a model file to a validated bundle
 * with a misfit model and a survey report. Each stage is the existing one (noise fit, simulate, train,
 * validate, fit-misfit); libraries and the noise model are cached in {@code --work} under a key of their inputs.
 */
@Command(name = "survey-model", mixinStandardHelpOptions = true,
        description = "Build a model for a survey: fit the empirical noise model from the real catalogue, simulate a training "
                + "and a held-out library through the filter set with it, train, validate, fit the misfit model, and write "
                + "<out>/report/survey.md (+ survey.json, PNGs): the real and the training library's magnitude and colour "
                + "distributions side by side and the misfit flags on the real catalogue.")
public final class SurveyModelCommand implements Callable<Integer> {
    private static final int STAGES = 8;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--extra-model", paramLabel = "MODEL", description = "Also simulate a training library of this model (name or "
            + "file; same filters and noise) and train one network on the union, so it sees more than one SFH/dust family "
            + "(trainer/README.md \"Mixed-family training\"). Repeatable. --n is split evenly over the families, each with its own "
            + "seed (--library-seed + 1000 x i); validation stays on the --model family's held-out library.")
    List<String> extraModels = new ArrayList<>();

    @Option(names = "--recipe", defaultValue = SurveyRecipe.NONE, paramLabel = "NAME",
            description = "none: the --model family (and any --extra-model) as given. population-mixed: the levers measured on the "
                    + "HDF-N-like mocks, built from the --model file: a galaxy-population prior, 5%% template error and 0.04 mag "
                    + "zero-point jitter in the simulated noise, the catalogue's flux limit in the --snr-band as the selection, and "
                    + "three families trained as one network (the --model physics, SMC Bar dust, a delayed-tau SFH); their model "
                    + "files are written to --work/recipe. Default: ${DEFAULT-VALUE}")
    String recipe;

    @Option(names = "--catalogue", required = true, paramLabel = "FILE",
            description = "The real catalogue (.csv, .fits, .cat ...; read row by row as infer reads it)")
    Path catalogue;

    @Option(names = "--columns", defaultValue = "sedstream", paramLabel = "MAP",
            description = "Column naming of the catalogue, as for infer: sedstream, dp1, eazy or a map file. Default: ${DEFAULT-VALUE}")
    String columns;

    @Option(names = "--zero-point", paramLabel = "AB", description = "AB zero point of the catalogue's fluxes (needed by eazy)")
    Double zeroPointAb;

    @Option(names = "--out", required = true, description = "Bundle directory, conventionally models/<name>/<version>")
    Path out;

    @Option(names = "--n", defaultValue = "300000", description = "Training library size. Default: ${DEFAULT-VALUE}")
    long n;

    @Option(names = "--heldout-n", defaultValue = "0",
            description = "Held-out library size (0: n/10, at least 1,000 and at most 20,000). Default: ${DEFAULT-VALUE}")
    long heldoutN;

    @Option(names = "--library-seed", defaultValue = "1", description = "Seed of the training library. Default: ${DEFAULT-VALUE}")
    long librarySeed;

    @Option(names = "--heldout-seed", defaultValue = "9001", description = "Seed of the held-out library (must differ). Default: ${DEFAULT-VALUE}")
    long heldoutSeed;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Where the noise model and libraries are kept and reused when their inputs are the same "
                    + "(default: /tmp/sedstream-survey/<name>-<version>)")
    Path work;

    @Option(names = "--overwrite", description = "Replace an existing bundle in --out")
    boolean overwrite;

    @Option(names = "--resume", description = "Keep a bundle in --out that this command trained with the same inputs and settings; "
            + "validation, misfit fit and report are redone")
    boolean resume;

    @Option(names = "--simulate-threads", defaultValue = "0", description = "Simulation threads (0 = all cores). Default: ${DEFAULT-VALUE}")
    int simulateThreads;

    @Option(names = "--components", defaultValue = "20", description = "Mixture components K. Default: ${DEFAULT-VALUE}")
    int components;

    @Option(names = "--logit-parameters", defaultValue = "default", description = "As for train. Default: ${DEFAULT-VALUE}")
    String logitParameters;

    @Option(names = "--parallel-members", defaultValue = "1", description = "As for train. Default: ${DEFAULT-VALUE}")
    int parallelMembers;

    @Mixin
    TrainingOptions training;

    @Option(names = "--snr-band", paramLabel = "BAND",
            description = "Band whose S/N selects galaxies for validation and for the comparison (default: the filter set's reddest)")
    String snrBand;

    @Option(names = "--snr-min", defaultValue = "5", paramLabel = "S/N", description = "The S/N cut. Default: ${DEFAULT-VALUE}")
    double snrMin;

    @Option(names = "--misfit-components", defaultValue = "24", description = "Components of the misfit density. Default: ${DEFAULT-VALUE}")
    int misfitComponents;

    @Option(names = "--misfit-max-rows", defaultValue = "100000", description = "Training galaxies the misfit density is fitted on. Default: ${DEFAULT-VALUE}")
    long misfitMaxRows;

    @Option(names = "--misfit-p-threshold", defaultValue = "0.001",
            description = "p-value below which a real galaxy counts as flagged MISFIT (the stream's misfit.p.threshold). Default: ${DEFAULT-VALUE}")
    double misfitPThreshold;

    @Option(names = "--compare-rows", defaultValue = "100000",
            description = "Training-library galaxies compared with the catalogue (0 = all). Default: ${DEFAULT-VALUE}")
    long compareRows;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Path bundleDir = out.toAbsolutePath().normalize();
        String name = bundleDir.getParent() != null ? bundleDir.getParent().getFileName().toString() : "survey";
        String version = bundleDir.getFileName().toString();
        checkOptions();
        SurveyRecipe.check(recipe);
        ForwardModel model = modelOptions.load(); // a model file with an unknown key is refused here, before any work
        List<ForwardModel> extras = new ArrayList<>();
        for (String extra : extraModels) {
            extras.add(checkedExtra(model, modelOptions.load(extra), extra));
        }
        int familyCount = 1 + extras.size() + (recipe.equals(SurveyRecipe.NONE) ? 0 : 2);
        if (n < familyCount) {
            throw new IllegalArgumentException("--n " + n + " cannot be split over " + familyCount + " model families");
        }
        if (snrBand != null && !model.bandNames().contains(snrBand)) {
            throw new IllegalArgumentException("--snr-band " + snrBand + " is not a band of filter set " + model.filters().name() + " "
                    + model.bandNames());
        }
        ColumnMap columnMap = ColumnMap.resolve(columns, zeroPointAb);
        Path workDir = (work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "sedstream-survey", name + "-" + version))
                .toAbsolutePath().normalize();
        prepareOut(bundleDir);
        checkCatalogue(model.bandNames(), columnMap);
        Files.createDirectories(workDir);
        if (recipe.equals(SurveyRecipe.POPULATION_MIXED)) {
            List<String> bands = byWavelength(model.filters());
            String selectionBand = snrBand != null ? snrBand : bands.get(bands.size() - 1);
            SurveyRecipe.Families f = SurveyRecipe.populationMixed(model.config(), catalogue, columnMap, selectionBand);
            Path recipeDir = Files.createDirectories(workDir.resolve("recipe"));
            List<ForwardModel> families = new ArrayList<>();
            for (var config : f.models()) {
                Files.writeString(recipeDir.resolve(config.name() + ".model"), config.text());
                families.add(modelOptions.load(config));
            }
            List<ForwardModel> given = extras;
            model = families.get(0);
            extras = new ArrayList<>();
            for (ForwardModel extra : families.subList(1, families.size())) {
                extras.add(checkedExtra(model, extra, extra.name()));
            }
            for (ForwardModel extra : given) {
                extras.add(checkedExtra(model, extra, extra.name()));
            }
            String selectionText = f.maxAbMag() == null ? "no selection" : String.format(Locale.ROOT, "selection observed %s <= %.2f AB",
                    f.selectionBand(), f.maxAbMag());
            System.err.printf(Locale.ROOT, "survey-model: recipe %s: families %s; population prior %s, model error %.0f%% template + %.2f mag "
                            + "zero-point jitter, %s (%s); model files in %s%n", recipe,
                    families.stream().map(ForwardModel::name).toList(), model.config().population(), 100 * SurveyRecipe.TEMPLATE_ERROR_FRACTION,
                    SurveyRecipe.ZERO_POINT_JITTER_MAG, selectionText, f.limitFrom(), recipeDir);
        }
        long heldout = heldoutN > 0 ? heldoutN : Math.max(1000, Math.min(20000, n / 10));
        StageLog log = new StageLog(System.err, STAGES + extras.size());
        System.err.printf(Locale.ROOT, "survey-model %s/%s: model %s, filter set %s (%d bands), catalogue %s, work %s%n", name, version,
                model.name(), model.filters().name(), model.bandNames().size(), catalogue, workDir);

        // 1. Empirical noise model from the catalogue.
        Path noiseFile = workDir.resolve("noise-model.json");
        Path noiseKey = workDir.resolve("noise-model.key");
        // The fit's method is part of the key: a noise model cached by an older fit (scatter about the bin median) is refitted.
        String noiseInputs = catalogueIdentity() + "\ncolumns " + columnMap.name() + " zero point " + zeroPointAb + "\nbands " + model.bandNames()
                + "\nfit " + EmpiricalNoiseModel.FIT_METHOD;
        log.start("noise", "empirical noise model from " + catalogue);
        if (StageLog.keyMatches(noiseKey, noiseInputs) && Files.isRegularFile(noiseFile)) {
            log.skipped("cached in " + noiseFile);
        } else {
            StageLog.deleteKey(noiseKey);
            NoiseModels.resolve(catalogue.toString(), columnMap, model.bandNames(), workDir); // writes noise-model.json
            StageLog.writeKey(noiseKey, noiseInputs);
            log.done("wrote " + noiseFile);
        }
        EmpiricalNoiseModel noise = EmpiricalNoiseModel.read(noiseFile, model.bandNames());
        String noiseText = Files.readString(noiseFile);

        // 2-3. Training and held-out libraries, same model and noise, separate seeds; with --extra-model one
        // training library per family, --n split evenly, seeds 1000 apart.
        int families = 1 + extras.size();
        long perFamily = n / families;
        Path trainLibrary = simulate(log, "training library", model, noise, noiseText, workDir, n - perFamily * (families - 1), librarySeed);
        List<Path> trainLibraries = new ArrayList<>(List.of(trainLibrary));
        for (int i = 0; i < extras.size(); i++) {
            trainLibraries.add(simulate(log, "training library (" + extras.get(i).name() + ")", extras.get(i), noise, noiseText, workDir,
                    perFamily, librarySeed + 1000L * (i + 1)));
        }
        Path heldoutLibrary = simulate(log, "held-out library", model, noise, noiseText, workDir, heldout, heldoutSeed);
        LibraryManifest trainManifest = LibraryReader.open(trainLibrary).manifest();

        // 4. Train (in-process, the train command's code).
        StringBuilder libraryKeys = new StringBuilder();
        for (Path library : trainLibraries) {
            libraryKeys.append(Files.readString(keyFile(workDir, library))).append('\n');
        }
        String trainInputs = libraryKeys + "training " + training.config() + " members " + training.members()
                + " hidden " + training.hiddenText() + " " + training.activationText() + " K " + components + " logit " + logitParameters
                + " augment " + (training.dropoutOverride() == null) + "\nbundle " + name + "/" + version;
        Path trainKey = workDir.resolve("bundle.key");
        log.start("train", String.format(Locale.ROOT, "%d member(s), K = %d, hidden %s, on %,d galaxies -> %s", training.members(),
                components, training.hiddenText(), n, bundleDir));
        if (resume && Files.isRegularFile(bundleDir.resolve(ManifestJson.FILE_NAME))) {
            if (!StageLog.keyMatches(trainKey, trainInputs)) {
                throw new IllegalArgumentException("--resume: the bundle in " + bundleDir + " was not trained by survey-model with these "
                        + "inputs and settings (" + trainKey + " differs or is missing); pass --overwrite to retrain");
            }
            log.skipped("--resume: the bundle in " + bundleDir + " was trained with the same inputs");
        } else {
            StageLog.deleteKey(trainKey);
            String familyNames = Stream.concat(Stream.of(model), extras.stream()).map(ForwardModel::name).collect(java.util.stream.Collectors.joining(" + "));
            String description = String.format(Locale.ROOT, "survey model: %s through %s, noise fitted from %s; MDN (%d members, K=%d, hidden %s)",
                    familyNames, model.filters().name(), catalogue.getFileName(), training.members(), components, training.hiddenText());
            TrainingRun.Outcome o = TrainingRun.run(new TrainingRun.Settings(trainLibraries, 0, bundleDir,
                    new BundleExporter.BundleIdentity(name, version, description), training.members(), components, training.hiddenWidths(),
                    training.activation(), training.config(), training.dropoutOverride(), training.threads(), logitParameters, parallelMembers,
                    false),
                    line -> System.err.println(line));
            StageLog.writeKey(trainKey, trainInputs);
            log.done(String.format(Locale.ROOT, "%,d galaxies, %.0f rows/s per member, parity %.1e", o.trainingRows(), o.meanRowsPerSecond(),
                    o.parityMaxAbsDifference()));
        }

        // 5. Validate on the held-out library (the validate command).
        log.start("validate", "held-out library " + heldoutLibrary);
        List<String> validate = new ArrayList<>(List.of("validate", "--model", bundleDir.toString(), "--library", heldoutLibrary.toString(),
                "--replace", "--snr-min", Double.toString(snrMin)));
        if (snrBand != null) {
            validate.addAll(List.of("--snr-band", snrBand));
        }
        runCommand(validate);
        log.done("wrote " + bundleDir.resolve("report/report.md"));

        // 6. Misfit model (the fit-misfit command): density on the training library, p-values calibrated on the held-out one.
        log.start("fit-misfit", misfitComponents + " components on up to " + misfitMaxRows + " training galaxies");
        List<String> fitMisfit = new ArrayList<>(List.of("fit-misfit", "--model", bundleDir.toString()));
        for (Path library : trainLibraries) {
            fitMisfit.addAll(List.of("--library", library.toString()));
        }
        fitMisfit.addAll(List.of("--calibration", heldoutLibrary.toString(), "--components", Integer.toString(misfitComponents),
                "--max-rows", Long.toString(misfitMaxRows), "--seed", Long.toString(librarySeed)));
        runCommand(fitMisfit);
        log.done("wrote " + bundleDir.resolve("misfit.json"));

        // 7. The survey report.
        log.start("survey report", "real catalogue beside the training library");
        SnrSelection selection = SnrSelection.resolve(snrBand, snrMin, trainManifest);
        List<String> bands = byWavelength(model.filters());
        PhotometrySample real = PhotometrySample.ofCatalogue(catalogue, columnMap, bands, selection.band(), selection.minSnr());
        PhotometrySample simulated = PhotometrySample.ofLibraries(trainLibraries, bands, selection.band(), selection.minSnr(), compareRows);
        if (real.rows() == 0) {
            throw new IllegalArgumentException("no galaxy of " + catalogue + " has " + selection.band() + " S/N >= " + selection.minSnr()
                    + ": nothing to compare; lower --snr-min or choose --snr-band");
        }
        SurveyComparison comparison = SurveyComparison.of(real, simulated, bands.stream().map(SurveyModelCommand::shortName).toList());
        MisfitCensus misfit = MisfitCensus.run(bundleDir, catalogue, columnMap, misfitPThreshold);
        Path reportDir = bundleDir.resolve("report");
        SurveyReport report = new SurveyReport(name + "/" + version,
                new SurveyReport.CatalogueInfo(catalogue.toString(), columnMap.name()),
                new SurveyReport.LibraryInfo(trainLibraries.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" + ")),
                        librarySeed, n, compareRows),
                new SurveyReport.Selection(selection.band(), selection.minSnr(), selection.chosenBy()), real, simulated, comparison, misfit,
                log.seconds());
        report.write(reportDir);
        log.done("wrote " + reportDir.resolve(SurveyReport.MARKDOWN));

        // 8. Zero points from the catalogue's spectroscopic redshifts (the zero-points command), when it has any.
        Path zeroPoints = reportDir.resolve("zero-points.json");
        String zeroPointNote = zeroPoints(log, columnMap, trainLibraries, zeroPoints);

        try (Estimator estimator = Estimator.load(bundleDir)) { // the bundle as the stream and infer load it
            System.out.printf(Locale.ROOT, "survey model %s: %d bands, misfit model %s; %s%n", estimator.manifest().label(),
                    estimator.manifest().bandNames().size(), estimator.bundle().misfit().isPresent() ? "present" : "MISSING", bundleDir);
        }
        SurveyComparison.Quantity worst = Stream.concat(comparison.magnitudes().stream(), comparison.colours().stream())
                .filter(q -> Double.isFinite(q.ks())).max(Comparator.comparingDouble(SurveyComparison.Quantity::ks)).orElse(null);
        System.out.printf(Locale.ROOT, "  real catalogue: %,d selected of %,d rows; largest KS D %s; %.2f%% outside the library's colour range; "
                        + "%.2f%% flagged MISFIT (p < %s)%n", real.rows(), real.rowsSeen(),
                worst == null ? "n/a" : String.format(Locale.ROOT, "%.3f (%s)", worst.ks(), worst.name()),
                100 * comparison.realOutsideAnyColour(), 100 * misfit.misfitFraction(), misfitPThreshold);
        System.out.println("  zero points: " + zeroPointNote);
        System.out.printf(Locale.ROOT, "  report: %s (%.1f min in all)%n", reportDir.resolve(SurveyReport.MARKDOWN),
                (System.nanoTime() - start) / 60e9);
        return 0;
    }

    /**
     * Runs {@code zero-points} on the catalogue's spec-z galaxies with the training libraries as templates; a catalogue
     * without a spec-z column, or too few spectra to calibrate a band, is said and skipped, not an error.
     * @return what the summary line says about it
     */
    private String zeroPoints(StageLog log, ColumnMap columnMap, List<Path> trainLibraries, Path out) throws IOException {
        log.start("zero points", "from the catalogue's spectroscopic redshifts");
        Files.deleteIfExists(out);
        String specZColumn;
        try (CatalogueReader reader = CatalogueReader.open(catalogue, columnMap, StandardCharsets.UTF_8)) {
            specZColumn = reader.layout().specZColumn();
        }
        if (specZColumn == null) {
            log.done("skipped: the catalogue has no spec-z column");
            return "none (no spec-z column)";
        }
        List<String> args = new ArrayList<>(List.of("zero-points", "--catalogue", catalogue.toString(), "--columns", columns, "--out",
                out.toString()));
        if (zeroPointAb != null) {
            args.addAll(List.of("--zero-point", Double.toString(zeroPointAb)));
        }
        for (Path library : trainLibraries) {
            args.addAll(List.of("--library", library.toString()));
        }
        if (TrainerCli.commandLine().execute(args.toArray(String[]::new)) != 0) {
            log.done("not calibrated (its message is above)");
            return "not calibrated (see the zero-points message above)";
        }
        log.done("wrote " + out);
        return "apply them with infer --zero-point-offsets " + out + " (fitted on the catalogue's spec-z galaxies)";
    }

    /** An extra family must give the same bands and the same output parameters as the --model one, or no network can train on both. */
    private static ForwardModel checkedExtra(ForwardModel primary, ForwardModel extra, String option) {
        List<String> p = primary.outputParameters().stream().map(x -> x.name()).toList();
        List<String> e = extra.outputParameters().stream().map(x -> x.name()).toList();
        if (!p.equals(e)) {
            throw new IllegalArgumentException("--extra-model " + option + " has output parameters " + e + ", --model " + primary.name()
                    + " has " + p + ": one network trains on one parameter set");
        }
        if (extra.name().equals(primary.name())) {
            throw new IllegalArgumentException("--extra-model " + option + " is the --model family itself (" + primary.name() + ")");
        }
        return extra;
    }

    private void checkOptions() {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        if (librarySeed == heldoutSeed) {
            throw new IllegalArgumentException("--heldout-seed must differ from --library-seed (" + librarySeed + "): the held-out "
                    + "galaxies would be the training galaxies");
        }
        if (overwrite && resume) {
            throw new IllegalArgumentException("--overwrite and --resume contradict each other: choose one");
        }
        if (!(misfitPThreshold > 0 && misfitPThreshold < 1)) {
            throw new IllegalArgumentException("--misfit-p-threshold must be between 0 and 1, got " + misfitPThreshold);
        }
    }

    /** An existing --out is refused unless --overwrite (a bundle is then deleted) or --resume. */
    private void prepareOut(Path dir) throws IOException {
        if (!Files.exists(dir) || isEmptyDirectory(dir) || resume) {
            return;
        }
        if (!overwrite) {
            throw new IllegalArgumentException("--out " + dir + " already exists and is not empty; pass --overwrite to replace it or "
                    + "--resume to keep a bundle this command trained there");
        }
        if (!Files.isRegularFile(dir.resolve(ManifestJson.FILE_NAME))) {
            throw new IllegalArgumentException("--out " + dir + " is not a model bundle (no " + ManifestJson.FILE_NAME + "); "
                    + "--overwrite only replaces a bundle: choose another --out");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Refuses a catalogue that lacks a band of the filter set or holds no usable row, before any work. */
    private void checkCatalogue(List<String> bands, ColumnMap map) {
        long read = 0;
        long usable = 0;
        long refused = 0;
        try (CatalogueReader reader = CatalogueReader.open(catalogue, map, StandardCharsets.UTF_8)) {
            List<String> have = reader.layout().bands();
            List<String> missing = bands.stream().filter(b -> !have.contains(b)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("catalogue " + catalogue + " has no columns for the filter set's bands " + missing
                        + " (column map " + map.name() + " looks for " + map.fluxPattern() + " and " + map.errorPattern()
                        + "; the catalogue's bands: " + have + ")");
            }
            while (reader.hasNext()) {
                CatalogueRow row = reader.next();
                if (row instanceof CatalogueRow.Read r) {
                    read++;
                    usable += r.fluxes().stream().anyMatch(f -> !f.isMissing() && f.fluxErrNJy() != null) ? 1 : 0;
                } else {
                    refused++;
                }
            }
        }
        if (usable == 0) {
            throw new IllegalArgumentException("catalogue " + catalogue + " is empty: " + read + " rows read, " + refused
                    + " refused, none with a measured flux and error");
        }
    }

    private String catalogueIdentity() throws IOException {
        Path abs = catalogue.toAbsolutePath().normalize();
        return "catalogue " + abs + " bytes " + Files.size(abs) + " modified " + Files.getLastModifiedTime(abs).toMillis();
    }

    private static Path keyFile(Path workDir, Path library) {
        return workDir.resolve(library.getFileName() + ".key");
    }

    /** Simulates a library into the work directory, or reuses the one there made from the same inputs. */
    private Path simulate(StageLog log, String what, ForwardModel model, EmpiricalNoiseModel noise, String noiseText, Path workDir,
            long count, long seed) {
        String dirName = (what.startsWith("training") ? "train" : "heldout") + "-" + count + "-seed" + seed;
        Path dir = workDir.resolve(dirName);
        Path key = keyFile(workDir, dir);
        String inputs = "model " + model.name() + "\n" + model.config().text() + "\nfilters " + model.filters().spec() + "\nnoise "
                + noiseText + "\nn " + count + " seed " + seed;
        log.start(what, String.format(Locale.ROOT, "%,d galaxies, seed %d -> %s", count, seed, dir));
        if (StageLog.keyMatches(key, inputs) && Files.isRegularFile(dir.resolve(LibraryManifest.FILE_NAME))) {
            log.skipped("cached in " + dir);
            return dir;
        }
        StageLog.deleteKey(key);
        LibrarySimulator.deleteLibraryFiles(dir);
        int threads = simulateThreads > 0 ? simulateThreads : Runtime.getRuntime().availableProcessors();
        LibrarySimulator.Result r = LibrarySimulator.run(model, noise, new LibrarySimulator.Settings(count, seed, threads, 100_000, 0, true),
                dir, System.err);
        StageLog.writeKey(key, inputs);
        log.done(String.format(Locale.ROOT, "%,d galaxies in %.1f s", r.manifest().n(), r.wallSeconds()));
        return dir;
    }

    private static void runCommand(List<String> args) {
        int exit = TrainerCli.commandLine().execute(args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException(args.get(0) + " failed with exit status " + exit + " (its message is above)");
        }
    }

    /** The filter set's band names ordered by pivot wavelength, so adjacent colours are neighbours in wavelength. */
    static List<String> byWavelength(FilterSet set) {
        return IntStream.range(0, set.size()).boxed()
                .sorted(Comparator.comparingDouble(i -> set.band(i).pivotWavelengthAngstrom()))
                .map(i -> set.bandNames().get(i)).toList();
    }

    /** The band's last name part in capitals (hst.wfpc2.f814w -> F814W). */
    static String shortName(String band) {
        return band.substring(band.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
    }
}
