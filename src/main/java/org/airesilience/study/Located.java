package org.airesilience.study;

import com.typesafe.config.ConfigValue;

import java.nio.file.Path;

/** Where a config value was written: file, line and dotted key, for error messages. */
record Located(Path file, int line, String key) {
    static Located of(Path file, ConfigValue v, String key) {
        return new Located(file, v == null ? -1 : v.origin().lineNumber(), key);
    }

    String problem(String reason) {
        return file + (line > 0 ? ":" + line : "") + ": " + key + ": " + reason;
    }
}
