package org.airesilience.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.ingest.SourceCatalog.RawFile;
import org.airesilience.report.Json;
import org.airesilience.report.RunManifest;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The manifest of the raw files behind the curated patents: for each file (by its name relative to the raw
 * directory) its size and modification time when read, the SHA-256 of its bytes as stored (compressed files
 * compressed) and the run that read it. It lives inside the curated folder, {@code <curated>/_ingest/
 * processed-files.json}, beside the duplicates kept for later runs ({@code _ingest/duplicates}, see
 * {@link CarriedRecords}), so that it is published by the very step that publishes the curated files and can never
 * describe another set; Spark and Hive skip names starting with '_'.
 */
final class ProcessedFiles {
    static final String FOLDER = "_ingest";
    static final String MANIFEST = "processed-files.json";
    static final String DUPLICATES = "duplicates";

    private ProcessedFiles() {
    }

    /** One processed raw file. */
    record Entry(String name, long size, long modificationTime, String sha256, String runId) implements Serializable {
        /** Whether the listed file has the size and modification time this entry recorded. */
        boolean sameStamp(RawFile f) {
            return f.size() == size && f.modificationTime() == modificationTime;
        }
    }

    /** The manifest: the raw directory (qualified URI) the names are relative to, and the entries by name. */
    record Manifest(String raw, Map<String, Entry> files) {
        Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("raw", raw);
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Entry e : files.values()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("file", e.name());
                x.put("size", e.size());
                x.put("modification_time", e.modificationTime());
                x.put("sha256", e.sha256());
                x.put("run_id", e.runId());
                entries.add(x);
            }
            m.put("files", entries);
            return m;
        }
    }

    static Path manifestPath(Path curated) {
        return new Path(new Path(curated, FOLDER), MANIFEST);
    }

    static Path duplicatesFolder(Path curated) {
        return new Path(new Path(curated, FOLDER), DUPLICATES);
    }

    /** The manifest published with the curated patents at {@code curated}; null when there is none. */
    static Manifest read(Configuration hadoop, Path curated) {
        Path p = manifestPath(curated);
        try {
            FileSystem fs = p.getFileSystem(hadoop);
            if (!fs.exists(p)) return null;
            JsonNode root;
            try (InputStream in = fs.open(p)) {
                root = Json.MAPPER.readTree(in);
            }
            Map<String, Entry> files = new TreeMap<>();
            for (JsonNode e : root.get("files")) {
                files.put(e.get("file").asText(), new Entry(e.get("file").asText(), e.get("size").asLong(),
                        e.get("modification_time").asLong(), e.get("sha256").asText(), e.get("run_id").asText()));
            }
            return new Manifest(root.get("raw").asText(), files);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the manifest of processed raw files " + p + ": " + e.getMessage()
                    + "; run a full ingest (without --incremental) to rebuild it", e);
        }
    }

    /** Writes the manifest into a staged curated folder (published with it). */
    static void write(Configuration hadoop, Path stagedCurated, Manifest manifest) throws IOException {
        Path p = manifestPath(stagedCurated);
        try (FSDataOutputStream out = p.getFileSystem(hadoop).create(p, true)) {
            out.write(Json.write(manifest.toJsonMap()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The SHA-256 of a file's bytes as stored. */
    static String sha256(RawFile f, Configuration hadoop) {
        Path p = new Path(f.uri());
        try (InputStream in = p.getFileSystem(hadoop).open(p)) {
            return RunManifest.sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f.uri() + " to compute its checksum", e);
        }
    }

    /**
     * Hashes files in Spark tasks (a task per file, at most four per core: a first run over a long history of
     * nightly partitions hashes thousands of files); the checksums in the files' order.
     */
    static Function<List<RawFile>, List<String>> sparkHasher(JavaSparkContext jsc, Configuration hadoop) {
        return files -> {
            if (files.isEmpty()) return List.of();
            Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));
            int tasks = Math.min(files.size(), 4 * jsc.defaultParallelism());
            return jsc.parallelize(files, tasks).map(f -> sha256(f, conf.value().value())).collect();
        };
    }

    /** Hashes files one after the other in this JVM (the dry run, which starts no Spark). */
    static Function<List<RawFile>, List<String>> localHasher(Configuration hadoop) {
        return files -> files.stream().map(f -> sha256(f, hadoop)).toList();
    }
}
