package io.sedstream.streams.cli;

import io.sedstream.streams.config.ConfigKey;
import io.sedstream.streams.config.SedstreamConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that run the topology: {@code --config FILE}, {@code --set key=value}
 * (every key) and one dedicated flag per {@link ConfigKey} that names one. Those flags are not declared
 * here but built from {@link ConfigKey} by {@link #addKeyFlags}, so a key is defined in one place.
 */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with configuration keys.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any configuration key (repeatable); kafka.* passes through to Kafka.")
    Map<String, String> set = new LinkedHashMap<>();

    /** Values given through the dedicated flags, by key. */
    private final Map<String, String> keyFlags = new LinkedHashMap<>();

    /** Adds the dedicated flag of every {@link ConfigKey} to each command (under {@code root}) that mixes these options in. */
    static void addKeyFlags(CommandLine root) {
        CommandSpec spec = root.getCommandSpec();
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof ConfigOptions options) {
                options.addFlagsTo(spec);
            }
        }
        root.getSubcommands().values().forEach(ConfigOptions::addKeyFlags);
    }

    private void addFlagsTo(CommandSpec spec) {
        for (ConfigKey k : ConfigKey.values()) {
            if (k.flag().isEmpty()) {
                continue;
            }
            OptionSpec.Builder b = OptionSpec.builder(k.flag().get())
                    .description(k.doc() + " (" + k.key() + ", env " + k.envVar() + ")")
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            if (value != null) {
                                keyFlags.put(k.key(), value.toString());
                            }
                            return null;
                        }
                    });
            if (k.isBoolean()) {
                b.type(Boolean.class).arity("0").negatable(true);
            } else {
                b.type(String.class).arity("1").paramLabel(k.key().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            spec.addOption(b.build());
        }
    }

    /** The flags as configuration keys (a dedicated flag wins over {@code --set} of the same key). */
    Map<String, String> flags() {
        Map<String, String> m = new LinkedHashMap<>(set);
        m.putAll(keyFlags);
        return m;
    }

    /** Whether a flag, the SEDSTREAM_* environment or the --config file sets {@code key} (else its default applies). */
    boolean setsKey(String key) throws IOException {
        if (flags().containsKey(key) || System.getenv(ConfigKey.envVarOf(key)) != null) {
            return true;
        }
        if (configFile == null) {
            return false;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(configFile)) {
            p.load(r);
        }
        return p.stringPropertyNames().stream().anyMatch(n -> n.trim().equals(key));
    }

    /** Sets {@code key} to {@code value} unless a flag, the environment or the file sets it (the demo's own defaults). */
    void defaultTo(String key, String value) throws IOException {
        if (!setsKey(key)) {
            set.put(key, value);
        }
    }

    /** The process configuration: defaults < file < SEDSTREAM_* environment < flags. */
    SedstreamConfig load() {
        return SedstreamConfig.load(configFile, System.getenv(), flags());
    }
}
