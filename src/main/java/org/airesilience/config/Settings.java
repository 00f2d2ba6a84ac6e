package org.airesilience.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the HOCON configuration: command-line overrides, then the given (or ./conf/application.conf) file, then
 * the defaults bundled in reference.conf. All product settings live under the {@code airesilience} root.
 */
public final class Settings {
    public static final Path DEFAULT_FILE = Path.of("conf", "application.conf");

    private Settings() {
    }

    /**
     * @param file      a HOCON file, or null for ./conf/application.conf when it exists
     * @param overrides dotted keys (with or without the {@code airesilience.} prefix) to values
     */
    public static Config load(Path file, Map<String, String> overrides) {
        Config base = ConfigFactory.defaultReference();
        Path chosen = file != null ? file : (Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null);
        if (file != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("configuration file not found: " + file);
        }
        Config fromFile = chosen == null ? ConfigFactory.empty()
                : ConfigFactory.parseFile(chosen.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        Map<String, Object> o = new LinkedHashMap<>();
        overrides.forEach((k, v) -> o.put(k.startsWith("airesilience.") ? k : "airesilience." + k, parseValue(v)));
        return ConfigFactory.parseMap(o, "command line")
                .withFallback(fromFile)
                .withFallback(base)
                .resolve(ConfigResolveOptions.defaults());
    }

    public static Config defaults() {
        return load(null, Map.of());
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
