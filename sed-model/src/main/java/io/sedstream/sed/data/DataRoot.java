package io.sedstream.sed.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The one place that locates the shared reference data (filter curves, SPS grids, IGM tables).
 *
 * <p>Resolution order: an explicit path (CLI flag), the system property {@code sedstream.data.dir},
 * the environment variable {@code SEDSTREAM_DATA_DIR}, else {@code ../shared/data} relative to the
 * working directory. A missing directory fails with a message naming the path that was tried.
 */
public record DataRoot(Path path) {

    public static final String PROPERTY = "sedstream.data.dir";
    public static final String ENV = "SEDSTREAM_DATA_DIR";
    public static final String DEFAULT_RELATIVE = "../shared/data";

    public DataRoot {
        Objects.requireNonNull(path, "path");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("sedstream reference data directory not found: "
                    + path.toAbsolutePath().normalize()
                    + " (set -D" + PROPERTY + "=DIR, env " + ENV + "=DIR or --data-dir DIR)");
        }
    }

    /** Resolves the data root from the property, the environment, then the default. */
    public static DataRoot resolve() {
        return resolve(null);
    }

    /** Resolves the data root; a non-null {@code explicitPath} (a CLI flag) wins over everything. */
    public static DataRoot resolve(Path explicitPath) {
        if (explicitPath != null) {
            return new DataRoot(explicitPath);
        }
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return new DataRoot(Path.of(prop));
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return new DataRoot(Path.of(env));
        }
        return new DataRoot(Path.of(DEFAULT_RELATIVE));
    }

    /** A path inside the data root; fails clearly when the file is missing. */
    public Path file(String relative) {
        Path p = path.resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("reference data file missing: " + p.toAbsolutePath().normalize());
        }
        return p;
    }
}
