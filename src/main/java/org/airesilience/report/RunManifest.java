package org.airesilience.report;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import org.airesilience.config.Settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a run used and produced: input files with sizes and SHA-256 digests, the effective configuration, seeds and
 * software versions, so a result can be traced to exactly what made it.
 */
public final class RunManifest {
    private final Map<String, Object> content = new LinkedHashMap<>();
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    private final List<Map<String, Object>> outputs = new ArrayList<>();

    public RunManifest(String runId, String job, Config config) {
        content.put("run_id", runId);
        content.put("job", job);
        content.put("versions", versions());
        content.put("seeds", Map.of("run_seed", config.getLong("airesilience.replicates.seed"),
                "derivation", "each replicate's stream = SplitMix64(run seed, stage, replicate id)"));
        content.put("config", Json.MAPPER.convertValue(
                config.getConfig("airesilience").root().unwrapped(), Map.class));
        content.put("config_hocon", config.getConfig("airesilience").root()
                .render(ConfigRenderOptions.concise().setFormatted(true).setJson(false)));
        content.put("settings_files", settingsFiles(config));
        content.put("inputs", inputs);
        content.put("outputs", outputs);
    }

    /** Records every regular file under {@code root} (sorted by path), with size and digest. */
    public RunManifest addInputs(Path root) {
        if (!Files.exists(root)) return this;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                inputs.add(fileEntry(root.getParent() == null ? root : root.getParent(), f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list inputs under " + root, e);
        }
        return this;
    }

    /**
     * {@link #addInputs(Path)} for a folder on any Hadoop file system (a lake on HDFS): a local folder is walked as a
     * local path, so that both record the same entries.
     */
    public RunManifest addInputs(org.apache.hadoop.fs.FileSystem fs, org.apache.hadoop.fs.Path root) {
        if (org.airesilience.lake.LakeFiles.isLocal(fs)) return addInputs(Path.of(fs.makeQualified(root).toUri()));
        try {
            if (!fs.exists(root)) return this;
            String base = root.getParent() == null ? fs.makeQualified(root).toUri().getPath()
                    : fs.makeQualified(root.getParent()).toUri().getPath();
            List<org.apache.hadoop.fs.FileStatus> files = new java.util.ArrayList<>();
            var it = fs.listFiles(root, true);
            while (it.hasNext()) files.add(it.next());
            files.sort(java.util.Comparator.comparing(f -> f.getPath().toUri().getPath()));
            for (org.apache.hadoop.fs.FileStatus f : files) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", f.getPath().toUri().getPath().substring(base.length()).replaceFirst("^/", ""));
                m.put("bytes", f.getLen());
                try (InputStream in = fs.open(f.getPath())) {
                    m.put("sha256", sha256(in));
                }
                inputs.add(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list inputs under " + root, e);
        }
        return this;
    }

    public RunManifest addOutput(String name, Path path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("path", path.toString());
        outputs.add(m);
        return this;
    }

    public RunManifest put(String key, Object value) {
        content.put(key, value);
        return this;
    }

    /** The manifest as it would be written (for showing it in a report). */
    public Map<String, Object> content() {
        return java.util.Collections.unmodifiableMap(content);
    }

    public void write(Path file) {
        Json.writeFile(file, content);
    }

    private static Map<String, Object> fileEntry(Path base, Path f) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            m.put("path", base.relativize(f).toString());
            m.put("bytes", Files.size(f));
            m.put("sha256", sha256(f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input " + f, e);
        }
        return m;
    }

    /**
     * The configuration files a run's settings came from and the files its settings name (the keyword dictionary),
     * each as {setting, path, sha256}: "configuration" for a configuration file, else the setting's key.
     */
    public static List<Map<String, Object>> settingsFiles(Config config) {
        return settingsFiles(Settings.sources(config));
    }

    /** As {@link #settingsFiles(Config)}, with the files of the given file settings. */
    public static List<Map<String, Object>> settingsFiles(Config config, List<String> fileSettings) {
        return settingsFiles(Settings.sources(config, fileSettings));
    }

    private static List<Map<String, Object>> settingsFiles(List<Settings.SettingFile> files) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Settings.SettingFile f : files) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("setting", f.setting());
            m.put("path", f.file() != null ? f.file().toAbsolutePath().normalize().toString() : f.location());
            try (InputStream in = f.file() != null ? Files.newInputStream(f.file()) : f.resource().openStream()) {
                m.put("sha256", sha256(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f.location() + " (" + f.setting() + ")", e);
            }
            out.add(m);
        }
        return out;
    }

    static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            return sha256(in);
        }
    }

    /** The SHA-256 of a stream's bytes, in lower-case hex; reads the stream to its end. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        return HexFormat.of().formatHex(md.digest());
    }

    private static Map<String, Object> versions() {
        Map<String, Object> v = new LinkedHashMap<>();
        String app = RunManifest.class.getPackage().getImplementationVersion();
        v.put("airesilience", app == null ? "dev" : app);
        v.put("java", System.getProperty("java.version"));
        v.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        v.put("scala", scala.util.Properties.versionNumberString());
        return v;
    }
}
