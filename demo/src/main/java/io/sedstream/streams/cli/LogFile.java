package io.sedstream.streams.cli;

import java.nio.file.Path;

/**
 * The demo's and bench's log file: the in-process broker, the Kafka clients and the service log a
 * lot that is no result (controller activation, deserialisation warnings with stack traces for the
 * expected poison pills), so slf4j-simple writes to a file and the terminal shows progress and figures.
 */
final class LogFile {
    static final String PROPERTY = "org.slf4j.simpleLogger.logFile";

    private LogFile() {
    }

    /** Points slf4j-simple at a file unless the user chose a destination; must run before the first logger is made. */
    static Path redirect(String what) {
        String chosen = System.getProperty(PROPERTY);
        if (chosen != null) {
            return Path.of(chosen);
        }
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "sedstream-" + what + "-" + ProcessHandle.current().pid() + ".log");
        System.setProperty(PROPERTY, file.toString());
        return file;
    }
}
