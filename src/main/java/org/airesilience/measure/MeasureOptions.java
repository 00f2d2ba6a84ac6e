package org.airesilience.measure;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** The lake and the regions and years a measure covers, as options of every job that measures; each maps to a config key. */
public final class MeasureOptions {
    @Option(names = "--lake", paramLabel = "DIR_OR_URI",
            description = "Data-lake root: a path, or a Hadoop file system URI such as hdfs://namenode/lake (default: lake.root).")
    String lake;

    @Option(names = "--level", paramLabel = "province|city", description = "Panel level (default: measure.level).")
    String level;

    @Option(names = "--years", paramLabel = "FROM-TO", description = "Application years (default: measure.years).")
    String years;

    /** The options given, as config overrides (keys under {@code airesilience.}). */
    public Map<String, String> overrides() {
        Map<String, String> o = new LinkedHashMap<>();
        if (lake != null) o.put("lake.root", lake);
        if (level != null) o.put("measure.level", level);
        if (years != null) o.put("measure.years", years);
        return o;
    }
}
