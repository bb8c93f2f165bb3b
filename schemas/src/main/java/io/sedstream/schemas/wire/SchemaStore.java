package io.sedstream.schemas.wire;

import io.sedstream.schemas.DeadLetter;
import io.sedstream.schemas.ModelComparison;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.PosteriorSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every writer schema a reader may meet, by Avro single-object fingerprint (CRC-64-AVRO of the
 * parsing canonical form) and by Confluent schema id. Immutable; build it once per process.
 *
 * <p>The built-in store holds the current version of each record (the generated classes), the older
 * versions kept as resources under {@code /schemas/} (listed in {@code /schemas/index.txt}) and the
 * Confluent id map {@code /schemas/confluent-ids.properties}.
 */
public final class SchemaStore {

    private static final String RESOURCE_DIR = "/schemas/";

    private final Map<Long, Schema> byFingerprint;
    private final Map<Integer, Schema> byConfluentId;

    private SchemaStore(Map<Long, Schema> byFingerprint, Map<Integer, Schema> byConfluentId) {
        this.byFingerprint = Collections.unmodifiableMap(new HashMap<>(byFingerprint));
        this.byConfluentId = Collections.unmodifiableMap(new HashMap<>(byConfluentId));
    }

    /** The current schemas, the older versions shipped as resources and the shipped Confluent id map. */
    public static SchemaStore builtIn() {
        Map<Long, Schema> fps = new HashMap<>();
        for (Schema s : currentSchemas()) {
            fps.put(fingerprint(s), s);
        }
        for (String name : readIndex()) {
            Schema s = parseResource(name);
            fps.put(fingerprint(s), s);
        }
        Map<Integer, Schema> ids = new HashMap<>();
        Properties p = new Properties();
        try (InputStream in = resource("confluent-ids.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE_DIR + "confluent-ids.properties", e);
        }
        for (String key : p.stringPropertyNames()) {
            ids.put(parseId(key, "resource " + RESOURCE_DIR + "confluent-ids.properties"), resolveMapValue(p.getProperty(key).trim(), null));
        }
        return new SchemaStore(fps, ids);
    }

    /** The current schema of every record of the wire contract. */
    public static List<Schema> currentSchemas() {
        return List.of(PhotometryRecord.getClassSchema(), PosteriorSummary.getClassSchema(),
                DeadLetter.getClassSchema(), ModelComparison.getClassSchema());
    }

    /** A copy of this store that also knows {@code schema} by its fingerprint. */
    public SchemaStore with(Schema schema) {
        Map<Long, Schema> fps = new HashMap<>(byFingerprint);
        fps.put(fingerprint(schema), schema);
        return new SchemaStore(fps, byConfluentId);
    }

    /** A copy of this store that also maps Confluent {@code id} to {@code schema} (and knows its fingerprint). */
    public SchemaStore withConfluentId(int id, Schema schema) {
        Map<Integer, Schema> ids = new HashMap<>(byConfluentId);
        ids.put(id, schema);
        Map<Long, Schema> fps = new HashMap<>(byFingerprint);
        fps.put(fingerprint(schema), schema);
        return new SchemaStore(fps, ids);
    }

    /** A copy that also knows every {@code *.avsc} file in {@code dir} (each one self-contained schema). */
    public SchemaStore withDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("schema directory " + dir.toAbsolutePath() + " does not exist or is not a directory");
        }
        SchemaStore out = this;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".avsc")).sorted().toList()) {
                out = out.with(parseFile(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list schema directory " + dir.toAbsolutePath(), e);
        }
        return out;
    }

    /**
     * A copy that also reads a Confluent id map file: lines {@code id=value} where value is an
     * {@code .avsc} path (relative to the map file), a resource under /schemas/, or a generated record's full name.
     */
    public SchemaStore withConfluentMap(Path mapFile) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(mapFile, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Confluent schema map " + mapFile.toAbsolutePath(), e);
        }
        SchemaStore out = this;
        for (String key : p.stringPropertyNames()) {
            int id = parseId(key, mapFile.toString());
            out = out.withConfluentId(id, resolveMapValue(p.getProperty(key).trim(), mapFile.toAbsolutePath().getParent()));
        }
        return out;
    }

    public Optional<Schema> byFingerprint(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    public Optional<Schema> byConfluentId(int id) {
        return Optional.ofNullable(byConfluentId.get(id));
    }

    /** Number of distinct writer schemas known by fingerprint. */
    public int size() {
        return byFingerprint.size();
    }

    /** The Avro single-object fingerprint: CRC-64-AVRO of the parsing canonical form. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static int parseId(String key, String where) {
        try {
            return Integer.parseInt(key.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Confluent schema id '" + key + "' in " + where + " is not an integer", e);
        }
    }

    private static Schema resolveMapValue(String value, Path baseDir) {
        for (Schema s : currentSchemas()) {
            if (s.getFullName().equals(value)) {
                return s;
            }
        }
        if (baseDir != null) {
            Path f = baseDir.resolve(value);
            if (Files.isRegularFile(f)) {
                return parseFile(f);
            }
        }
        if (SchemaStore.class.getResource(RESOURCE_DIR + value) != null) {
            return parseResource(value);
        }
        throw new IllegalArgumentException("Confluent schema map value '" + value
                + "' is neither a record of the wire contract, a file, nor a resource under " + RESOURCE_DIR);
    }

    private static List<String> readIndex() {
        List<String> names = new ArrayList<>();
        try (InputStream in = resource("index.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    names.add(t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE_DIR + "index.txt", e);
        }
        return names;
    }

    private static InputStream resource(String name) {
        InputStream in = SchemaStore.class.getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            throw new IllegalStateException("schema resource " + RESOURCE_DIR + name + " is missing from the classpath");
        }
        return in;
    }

    private static Schema parseResource(String name) {
        try (InputStream in = resource(name)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + RESOURCE_DIR + name, e);
        }
    }

    private static Schema parseFile(Path f) {
        try {
            return new Schema.Parser().parse(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema file " + f.toAbsolutePath(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("schema file " + f.toAbsolutePath() + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }
}
