package io.sedstream.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The repository's files and the external tools (promtool, prometheus, docker-compose) the deployment tests run. */
final class Tools {
    private Tools() {
    }

    /** The repository root (set by the build; the working directory's parent otherwise). */
    static Path repo() {
        String dir = System.getProperty("sedstream.repo.dir");
        return (dir != null ? Path.of(dir) : Path.of("..")).toAbsolutePath().normalize();
    }

    static Optional<Path> onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, binary);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The binary, or the test is skipped naming the package to install; in CI ({@code CI=true}, where
     * {@code .ci/run} installs it) a missing binary fails instead.
     */
    static Path require(String binary, String debianPackage) {
        Optional<Path> p = onPath(binary);
        if (p.isEmpty()) {
            String why = binary + " is not on the PATH: install the Debian package '" + debianPackage + "' (.ci/run installs it)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort("SKIPPED: " + why);
        }
        return p.get();
    }

    record Result(int exit, String output) { }

    /** Runs a command to completion (at most two minutes) and returns its exit code and merged output. */
    static Result run(Path workDir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("sedstream-tool", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                Assertions.fail(String.join(" ", command) + " did not finish within 2 minutes");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
