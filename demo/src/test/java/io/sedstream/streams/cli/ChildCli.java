package io.sedstream.streams.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code sedstream} in its own JVM, as a user runs it (the test classpath, the shipped models, the data root): exit code, stdout lines, stderr. */
record ChildCli(int exit, List<String> stdout, String stderr) {

    static ChildCli run(Path dir, String... args) throws Exception {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path")));
        String data = System.getProperty("sedstream.data.dir");
        if (data != null) {
            cmd.add("-Dsedstream.data.dir=" + data);
        }
        cmd.add(SedstreamCli.class.getName());
        cmd.add(args[0]);
        cmd.addAll(List.of("--models-root", Path.of("..", "models").toAbsolutePath().normalize().toString()));
        cmd.addAll(List.of(args).subList(1, args.length));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "sedstream " + args[0] + " finishes");
        return new ChildCli(p.exitValue(), Files.readAllLines(out), Files.readString(err));
    }
}
