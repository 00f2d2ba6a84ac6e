package org.airesilience.cli;

import com.typesafe.config.Config;
import org.airesilience.config.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Options every job accepts: the configuration file, key=value overrides of any setting, and --dry-run. */
public final class CommonOptions {
    /** Not --conf: under spark-submit that option is Spark's own (--conf key=value). */
    @Option(names = "--config", paramLabel = "FILE",
            description = "HOCON configuration file (default: conf/application.conf when present, else built-in defaults).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override any setting, e.g. --set spark.partitions=8 (keys under 'airesilience.'). Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--dry-run",
            description = "Check the configuration, the inputs and the output locations and print what the job would "
                    + "read, do and write, without running it (no Spark work, nothing written).")
    boolean dryRun;

    /** The command this mixin belongs to. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /**
     * A job whose configuration file is its own specification (a study config), not a settings file: its settings
     * come from conf/application.conf and --set alone, and --config names the specification.
     */
    public interface SpecificationFile {
    }

    /** The file given with --config, or null. */
    public Path configFile() {
        return configFile;
    }

    /** The configuration with the given extra overrides (from a job's own options) applied on top. */
    public Config config(Map<String, String> extra) {
        Map<String, String> all = new java.util.LinkedHashMap<>(Settings.parseOverrides(overrides));
        all.putAll(extra);
        boolean specification = mixee != null && mixee.userObject() instanceof SpecificationFile;
        return Settings.load(specification ? null : configFile, all);
    }

    public Config config() {
        return config(Map.of());
    }
}
