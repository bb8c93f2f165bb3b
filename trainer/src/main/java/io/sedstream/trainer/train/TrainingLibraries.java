package io.sedstream.trainer.train;

import io.sedstream.inference.bundle.Provenance;
import io.sedstream.trainer.library.LibraryManifest;
import io.sedstream.trainer.library.LibraryReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The libraries one network trains on: one, or several forward-model families (SFH, dust law,
 * prior) on the same bands and parameters, whose union teaches the network more than one family
 * of galaxies. Rows are interleaved in proportion to each library's size, so any prefix
 * ({@code --max-rows}) and the random validation split hold every family in its share.
 */
public final class TrainingLibraries {

    private final List<Path> directories;
    private final List<LibraryManifest> manifests;

    private TrainingLibraries(List<Path> directories, List<LibraryManifest> manifests) {
        this.directories = List.copyOf(directories);
        this.manifests = List.copyOf(manifests);
    }

    /** Opens every library and refuses a set that cannot train one network: other bands or other parameters. */
    public static TrainingLibraries open(List<Path> directories) {
        if (directories.isEmpty()) {
            throw new IllegalArgumentException("no training library given");
        }
        if (directories.stream().map(p -> p.toAbsolutePath().normalize()).distinct().count() != directories.size()) {
            throw new IllegalArgumentException("a training library is given twice: " + directories);
        }
        List<LibraryManifest> manifests = new ArrayList<>();
        for (Path d : directories) {
            manifests.add(LibraryReader.open(d).manifest());
        }
        LibraryManifest first = manifests.get(0);
        for (int i = 1; i < manifests.size(); i++) {
            LibraryManifest m = manifests.get(i);
            if (!m.bands().equals(first.bands())) {
                throw new IllegalArgumentException("library " + directories.get(i) + " has bands " + m.bands() + ", library "
                        + directories.get(0) + " has " + first.bands() + ": one network trains on one filter set");
            }
            if (!m.parameterNames().equals(first.parameterNames())) {
                throw new IllegalArgumentException("library " + directories.get(i) + " has parameters " + m.parameterNames()
                        + ", library " + directories.get(0) + " has " + first.parameterNames());
            }
        }
        return new TrainingLibraries(directories, manifests);
    }

    public List<Path> directories() {
        return directories;
    }

    public List<LibraryManifest> manifests() {
        return manifests;
    }

    /**
     * One manifest whose parameter list describes the union: a parameter keeps its prior bounds only
     * where every library's prior samples it inside the same bounds (else it is derived somewhere,
     * and is treated as derived: bounds from the training range); min and max over all.
     */
    public LibraryManifest parameterView() {
        LibraryManifest first = manifests.get(0);
        if (manifests.size() == 1) {
            return first;
        }
        List<LibraryManifest.Parameter> merged = new ArrayList<>();
        for (int p = 0; p < first.parameters().size(); p++) {
            LibraryManifest.Parameter a = first.parameters().get(p);
            boolean sameBounds = a.priorLower() != null && a.priorUpper() != null;
            boolean free = a.free();
            double min = a.min();
            double max = a.max();
            for (LibraryManifest m : manifests.subList(1, manifests.size())) {
                LibraryManifest.Parameter b = m.parameters().get(p);
                sameBounds &= Objects.equals(a.priorLower(), b.priorLower()) && Objects.equals(a.priorUpper(), b.priorUpper());
                free &= b.free();
                min = Math.min(min, b.min());
                max = Math.max(max, b.max());
            }
            merged.add(new LibraryManifest.Parameter(a.name(), a.unit(), free, sameBounds ? a.priorLower() : null,
                    sameBounds ? a.priorUpper() : null, min, max));
        }
        return new LibraryManifest(first.formatVersion(), String.join("+", models()), first.modelConfig(), first.filterSet(),
                first.filterSetSpec(), first.bands(), first.parameterNames(), first.parameterUnits(), merged, first.prior(),
                first.noiseModel(), first.seed(), manifests.stream().mapToLong(LibraryManifest::n).sum(), first.chunkSize(),
                first.chunks(), first.randomStreams(), first.selection());
    }

    private List<String> models() {
        return manifests.stream().map(LibraryManifest::model).toList();
    }

    /** Each library's (forward model, seed): what validate checks a held-out library against. */
    public List<Provenance.TrainingLibraryId> ids() {
        return manifests.stream().map(m -> new Provenance.TrainingLibraryId(m.model(), m.seed())).toList();
    }

    /**
     * The union as one table, rows interleaved in proportion to the libraries' sizes (each library
     * in its own order), then its first {@code maxRows} (0 = every row): so a prefix holds every
     * library in its share.
     */
    public TrainingTable read(long maxRows) {
        if (directories.size() == 1) {
            return LibraryTables.read(directories.get(0), maxRows);
        }
        List<TrainingTable> tables = new ArrayList<>();
        for (Path d : directories) {
            tables.add(LibraryTables.read(d, 0));
        }
        TrainingTable union = TrainingTable.interleave(tables);
        return maxRows > 0 ? union.head((int) Math.min(maxRows, union.rows())) : union;
    }
}
