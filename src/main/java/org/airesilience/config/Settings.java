package org.airesilience.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads the HOCON configuration: command-line overrides, then the given (or ./conf/application.conf) file, then
 * the defaults bundled in reference.conf. All product settings live under the {@code airesilience} root.
 *
 * <p>Mistakes fail before any work, each named with where it was set (file and line, or --set): a key that
 * reference.conf does not know (with the nearest known key), a number of the wrong kind or outside its range, and
 * a configured file that does not exist. Sections that are empty in reference.conf or whose keys are quoted names
 * (spark.conf, ingest.charsets, ...) are maps that take any key.
 */
public final class Settings {
    public static final Path DEFAULT_FILE = Path.of("conf", "application.conf");
    private static final String ROOT = "airesilience";
    /** Settings that name a file (found as {@link ConfiguredFiles} says); the value may also be classpath:NAME. */
    private static final List<String> FILE_SETTINGS = List.of("measure.keywords", "panel.catalogue");
    /** Whole-number settings that may be negative; every other one is a count, at least 0. */
    private static final Set<String> SIGNED = Set.of("replicates.seed");

    private Settings() {
    }

    /** A file a setting names, found either in the file system or as a resource of the jar. */
    public record SettingFile(String setting, String location, Path file, URL resource) {
        /** The file parsed as HOCON (substitutions not yet resolved). */
        public Config parse() {
            ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false);
            return file != null ? ConfigFactory.parseFile(file.toFile(), options) : ConfigFactory.parseURL(resource, options);
        }
    }

    /**
     * @param file      a HOCON file, or null for ./conf/application.conf when it exists
     * @param overrides dotted keys (with or without the {@code airesilience.} prefix) to values
     */
    public static Config load(Path file, Map<String, String> overrides) {
        Config reference = ConfigFactory.defaultReference();
        Config fromFile = file != null ? ConfiguredFiles.resolve("--config", file.toString(), "command line", null).parse()
                : Files.isRegularFile(DEFAULT_FILE) ? new SettingFile("configuration", DEFAULT_FILE.toString(), DEFAULT_FILE, null).parse()
                : ConfigFactory.empty();
        Map<String, Object> o = new LinkedHashMap<>();
        overrides.forEach((k, v) -> o.put(k.startsWith(ROOT + ".") ? k : ROOT + "." + k, parseValue(v)));
        Config fromCommandLine = ConfigFactory.parseMap(o, "command line");

        ConfigObject known = reference.getObject(ROOT);
        List<String> knownKeys = known(known, List.of());
        List<String> problems = new ArrayList<>();
        checkKeys(fromFile.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true)).root(), known,
                knownKeys, problems);
        checkKeys(fromCommandLine.root(), known, knownKeys, problems);
        fail(problems);

        Config config = fromCommandLine.withFallback(fromFile).withFallback(reference)
                .resolve(ConfigResolveOptions.defaults());
        checkNumbers(config, known, List.of(), problems);
        fail(problems);
        for (String setting : FILE_SETTINGS) file(config, setting);
        return config;
    }

    public static Config defaults() {
        return load(null, Map.of());
    }

    /**
     * The file that {@code setting} (a key under {@code airesilience.}) names, found as {@link ConfiguredFiles}
     * says: the path, else a file of that name shipped with --files, else the jar (for the built-in default value,
     * the copy bundled at the jar's root under the same file name; so a job runs where the checkout's conf/ is
     * absent, as in cluster deploy mode). A configured file found nowhere is an error naming the setting, never a
     * silent fall-back to the bundled one. {@code classpath:NAME} names a resource explicitly.
     */
    public static SettingFile file(Config config, String setting) {
        String path = ROOT + "." + setting;
        String value = config.getString(path);
        boolean isDefault = value.equals(ConfigFactory.defaultReference().getString(path));
        String bundled = isDefault && !value.startsWith(ConfiguredFiles.CLASSPATH)
                ? Path.of(value).getFileName().toString() : null;
        return ConfiguredFiles.resolve(setting, value, where(config, path), bundled);
    }

    /**
     * The files a run's settings came from and name, for run reports: every configuration file that set a value
     * (sorted by path; the built-in defaults are not listed) and the keyword dictionary.
     */
    public static List<SettingFile> sources(Config config) {
        return sources(config, List.of("measure.keywords"));
    }

    /** As {@link #sources(Config)}, with the files of the given file settings (a job's own, e.g. panel.catalogue). */
    public static List<SettingFile> sources(Config config, List<String> fileSettings) {
        List<SettingFile> out = new ArrayList<>();
        Set<String> files = new TreeSet<>();
        collectFiles(config.getObject(ROOT), files);
        for (String f : files) out.add(new SettingFile("configuration", f, Path.of(f), null));
        for (String setting : fileSettings) out.add(file(config, setting));
        return out;
    }

    private static void collectFiles(ConfigObject object, Set<String> files) {
        for (ConfigValue v : object.values()) {
            // Built-in defaults (reference.conf) come with the jar: its version names them.
            if (v.origin().filename() != null && v.origin().resource() == null) files.add(v.origin().filename());
            if (v instanceof ConfigObject child) collectFiles(child, files);
        }
    }

    /** Where a value was set: "FILE line N", "--set" or "built-in default". */
    public static String where(Config config, String path) {
        return where(config.getValue(path).origin());
    }

    private static String where(ConfigOrigin origin) {
        if (origin.filename() != null) return origin.filename() + " line " + origin.lineNumber();
        if (origin.resource() != null) return "built-in default, " + origin.resource();
        return "--set";
    }

    // ---- unknown keys

    /** Adds a message for every key of {@code given} (a whole user file or the --set overrides) unknown here. */
    private static void checkKeys(ConfigObject given, ConfigObject known, List<String> knownKeys,
                                  List<String> problems) {
        for (String key : given.keySet()) {
            ConfigValue v = given.get(key);
            if (key.equals(ROOT) && v instanceof ConfigObject o) {
                checkSection(o, known, List.of(), knownKeys, problems);
            } else {
                problems.add(unknown(key, v.origin(), knownKeys, "settings live under '" + ROOT + " { ... }'"));
            }
        }
    }

    private static void checkSection(ConfigObject given, ConfigObject known, List<String> at, List<String> knownKeys,
                                     List<String> problems) {
        for (String key : given.keySet()) {
            List<String> path = append(at, key);
            ConfigValue v = given.get(key);
            ConfigValue k = known.get(key);
            if (k == null) {
                problems.add(unknown(ConfigUtil.joinPath(path), v.origin(), knownKeys, null));
            } else if (k instanceof ConfigObject section && !isMap(section)) {
                if (v instanceof ConfigObject o) checkSection(o, section, path, knownKeys, problems);
                else if (v.valueType() != ConfigValueType.NULL) {
                    problems.add("setting '" + ConfigUtil.joinPath(path) + "' (" + where(v.origin())
                            + ") is a section; give its keys, e.g. " + ConfigUtil.joinPath(path) + "."
                            + section.keySet().iterator().next() + " = ...");
                }
            }
        }
    }

    /** A map section takes any key: empty in reference.conf, or keyed by quoted names that contain dots. */
    private static boolean isMap(ConfigObject section) {
        return section.isEmpty() || section.keySet().stream().anyMatch(k -> k.contains("."));
    }

    private static String unknown(String key, ConfigOrigin origin, List<String> knownKeys, String hint) {
        String nearest = nearest(key, knownKeys);
        return "unknown setting '" + key + "' (" + where(origin) + ")"
                + (hint != null ? "; " + hint : "")
                + (nearest != null ? "; nearest known key: '" + nearest + "'" : "");
    }

    private static List<String> known(ConfigObject known, List<String> at) {
        List<String> out = new ArrayList<>();
        for (String key : known.keySet()) {
            List<String> path = append(at, key);
            ConfigValue v = known.get(key);
            if (v instanceof ConfigObject section && !isMap(section)) out.addAll(known(section, path));
            else out.add(ConfigUtil.joinPath(path));
        }
        return out;
    }

    /**
     * The known key closest in edit distance to {@code key}, compared whole and by its last segments (so that
     * "max_share" finds "ingest.quarantine.max-share").
     */
    static String nearest(String key, List<String> keys) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        int segments = ConfigUtil.splitPath(key).size();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : keys) {
            List<String> parts = ConfigUtil.splitPath(k);
            String tail = ConfigUtil.joinPath(parts.subList(Math.max(0, parts.size() - segments), parts.size()));
            int d = Math.min(distance.apply(key, k), distance.apply(key, tail));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // A suggestion that shares less than half the letters is noise.
        return bestDistance <= Math.max(2, key.length() / 2) ? best : null;
    }

    // ---- numbers

    /**
     * Numbers where reference.conf has a number: a whole number where it has one (a count, at least 0, unless
     * signed), and a share (a key ending in "share") within [0, 1].
     */
    private static void checkNumbers(Config config, ConfigObject known, List<String> at, List<String> problems) {
        for (String key : known.keySet()) {
            List<String> path = append(at, key);
            ConfigValue k = known.get(key);
            String name = ConfigUtil.joinPath(path);
            String full = ROOT + "." + name;
            if (k instanceof ConfigObject section) {
                if (!isMap(section)) checkNumbers(config, section, path, problems);
                continue;
            }
            if (k.valueType() != ConfigValueType.NUMBER || !config.hasPath(full)) continue;
            ConfigValue v = config.getValue(full);
            double x;
            try {
                x = config.getDouble(full);
            } catch (ConfigException.WrongType e) {
                problems.add(name + " = " + v.render() + " (" + where(v.origin()) + ") must be a number");
                continue;
            }
            boolean whole = k.unwrapped() instanceof Integer || k.unwrapped() instanceof Long;
            if (whole && (x != Math.rint(x) || Double.isInfinite(x))) {
                problems.add(name + " = " + v.render() + " (" + where(v.origin()) + ") must be a whole number");
            } else if (whole && x < 0 && !SIGNED.contains(name)) {
                problems.add(name + " = " + v.render() + " (" + where(v.origin()) + ") must be at least 0");
            } else if (key.endsWith("share") && !(x >= 0 && x <= 1)) {
                problems.add(name + " = " + v.render() + " (" + where(v.origin())
                        + ") is a share and must lie in [0, 1]");
            }
        }
    }

    private static List<String> append(List<String> path, String key) {
        List<String> out = new ArrayList<>(path);
        out.add(key);
        return out;
    }

    private static void fail(List<String> problems) {
        if (problems.isEmpty()) return;
        throw new IllegalArgumentException(problems.size() == 1 ? "configuration: " + problems.get(0)
                : "configuration:\n  " + String.join("\n  ", problems));
    }

    /** Lets "--set spark.partitions=8" and "--set x.list=[a,b]" carry typed values. */
    private static Object parseValue(String v) {
        String t = v.trim();
        if (t.startsWith("[") || t.startsWith("{")) {
            return ConfigFactory.parseString("v = " + t).getValue("v").unwrapped();
        }
        if (t.equals("true") || t.equals("false")) return Boolean.parseBoolean(t);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            // not an integer
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return t;
        }
    }

    /** Splits "a.b=c" pairs. */
    public static Map<String, String> parseOverrides(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--set expects key=value, got '" + p + "'");
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1));
        }
        return out;
    }
}
