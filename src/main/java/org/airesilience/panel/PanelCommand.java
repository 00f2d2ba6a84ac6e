package org.airesilience.panel;

import com.typesafe.config.Config;
import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.lake.Lake;
import org.airesilience.lake.LakeFiles;
import org.airesilience.panel.catalog.IndicatorCatalog;
import org.airesilience.panel.spec.PanelSpec;
import org.airesilience.panel.yearbook.QuarantinedCell;
import org.airesilience.region.Gazetteer;
import org.airesilience.report.RunReport;
import org.airesilience.region.RegionGroups;
import org.airesilience.spark.Sparks;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "panel", mixinStandardHelpOptions = true,
        description = {"Build a region-year panel from yearbook tables and the measures, as a panel spec declares.",
                "Reads <lake>/raw/yearbooks/ (CSV long or wide, UTF-8 or GBK; .xlsx), validates every cell against the"
                        + " indicator catalogue (panel.catalogue, default conf/indicators.conf), imputes missing"
                        + " indicator values, evaluates the spec's variables and groups, and publishes"
                        + " <lake>/curated/panels/<name>/<run id>/ (LATEST names the current run): panel.csv, parquet/,"
                        + " weights_<variable>.csv, imputation_log.csv, coverage.csv, validation.json. Quarantined cells go to"
                        + " <lake>/quarantine/yearbooks/<name>.jsonl."})
public final class PanelCommand implements Callable<Integer>, JobPlan.Planned {
    @Mixin
    CommonOptions common;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "Panel spec, e.g. conf/panels/provinces.conf.")
    Path spec;

    @Option(names = "--lake", paramLabel = "DIR_OR_URI", description = "Data lake root, a path or URI (default: lake.root).")
    String lake;

    @Option(names = "--policy", defaultValue = "lenient", paramLabel = "strict|lenient",
            description = "strict: fail on any quarantined cell or unreadable table, naming them; lenient: quarantine and go on. Default: ${DEFAULT-VALUE}.")
    String policy;

    private Config config() {
        if (!policy.equals("strict") && !policy.equals("lenient")) {
            throw new IllegalArgumentException("--policy must be strict or lenient, got '" + policy + "'");
        }
        return common.config(lake == null ? Map.of() : Map.of("lake.root", lake));
    }

    /** --dry-run: the spec and the catalogue are parsed and checked; no table is read. */
    @Override
    public JobPlan plan() {
        Config config = config();
        Lake lakeRoot = Lake.open(config);
        PanelSpec panelSpec = PanelSpec.load(spec, config.getStringList("airesilience.regions.exclude-provinces"));
        IndicatorCatalog.fromSettings(config);
        return new JobPlan("panel").input("panel spec", spec).input("yearbook tables", lakeRoot, YEARBOOKS)
                .step("build panel " + panelSpec.name() + " (" + policy + " policy)")
                .output("panel", lakeRoot, PanelOutputs.folder(panelSpec.name()))
                .output("quarantine", lakeRoot, PanelOutputs.quarantineFile(panelSpec.name()))
                .output("run report", lakeRoot, RunReport.lakeFile("panel-" + panelSpec.name(), "<run id>"));
    }

    @Override
    public Integer call() throws Exception {
        Config config = config();
        Lake lakeRoot = Lake.open(config);
        String name = PanelSpec.load(spec, config.getStringList("airesilience.regions.exclude-provinces")).name();
        RunReport run = new RunReport("panel", Lake.newRunId()).input("panel spec", spec)
                .input("yearbook tables", lakeRoot.uri(YEARBOOKS))
                .settings(config, List.of("panel.catalogue"));
        return run.runTo(lakeRoot, RunReport.lakeFile("panel-" + name, run.runId()), () -> {
            SparkSession spark = run.stage("spark session", () -> Sparks.session(config, "panel"));
            try {
                Lake lake = Lake.open(config, spark.sparkContext().hadoopConfiguration());
                PanelResult r = run.stage("build and publish", () -> build(spark, config, spec, lake, policy));
                var c = r.cells();
                run.count("rows", r.rows()).count("regions", r.regionCodes().size())
                        .count("variables", r.variables().size()).count("cells_read", c.read())
                        .count("cells_used", c.used()).count("cells_quarantined", c.quarantine().size())
                        .count("cells_unused", c.unused()).count("cells_imputed", r.imputationLog().size())
                        .output("panel", lake.uri(PanelOutputs.folder(name)))
                        .output("quarantine", lake.uri(PanelOutputs.quarantineFile(name)));
            } finally {
                spark.stop();
            }
            return 0;
        });
    }

    /** {@link #build(SparkSession, Config, Path, Lake, String)} on a local lake. */
    public static PanelResult build(SparkSession spark, Config config, Path spec, Path lakeRoot, String policy) {
        return build(spark, config, spec, Lake.open(lakeRoot.toString(), config,
                spark.sparkContext().hadoopConfiguration()), policy);
    }

    /**
     * Builds the panel a spec declares from the lake's yearbook tables and measures, and publishes it as a run of
     * {@code <lake>/curated/panels/<name>/}; Spark writes only its Parquet copy. The builder reads local files: a
     * lake elsewhere has the yearbook tables and the measures' current runs copied to a local folder first.
     */
    public static PanelResult build(SparkSession spark, Config config, Path spec, Lake lake, String policy) {
        PanelSpec panelSpec = PanelSpec.load(spec, config.getStringList("airesilience.regions.exclude-provinces"));
        IndicatorCatalog catalog = IndicatorCatalog.fromSettings(config);
        PanelBuilder builder = new PanelBuilder(catalog, RegionGroups.load());
        PanelResult r;
        if (lake.isLocal()) {
            r = builder.build(panelSpec, lake.local(""), Gazetteer.load());
        } else {
            Path staged = LakeFiles.localTemp("panel-inputs");
            try {
                if (lake.exists(YEARBOOKS)) LakeFiles.copyToLocal(lake.fileSystem(), lake.path(YEARBOOKS), staged.resolve(YEARBOOKS));
                for (String m : panelSpec.measures()) {
                    var measure = lake.table("curated", m);
                    if (measure.exists()) LakeFiles.copyToLocal(lake.fileSystem(), measure.current(), staged.resolve("curated").resolve(m));
                }
                r = builder.build(panelSpec, staged, Gazetteer.load());
            } finally {
                LakeFiles.deleteLocal(staged);
            }
        }
        PanelOutputs.writeQuarantine(r, lake);
        String quarantine = lake.display(PanelOutputs.quarantineFile(panelSpec.name()));
        check(r, policy, quarantine);
        var published = PanelOutputs.publish(r, lake, Lake.newRunId(), policy, spark);
        print(r, LakeFiles.display(lake.fileSystem(), published), quarantine);
        return r;
    }

    /** Where the panel layer reads yearbook tables. */
    static final String YEARBOOKS = "raw/yearbooks";

    /** Under the strict policy, any quarantined cell or unreadable table fails the run, naming them. */
    static void check(PanelResult r, String policy, String quarantineFile) {
        if (!policy.equals("strict")) return;
        int q = r.cells().quarantine().size();
        if (q == 0 && r.skippedTables().isEmpty()) return;
        StringBuilder sb = new StringBuilder("strict policy: ");
        if (q > 0) sb.append(q).append(" quarantined cell(s) (all in ").append(quarantineFile).append(")");
        for (QuarantinedCell c : r.cells().quarantine().subList(0, Math.min(q, 20))) {
            sb.append("\n  ").append(c.location()).append(": ").append(c.reason()).append(" '").append(c.raw()).append("' ").append(c.detail());
        }
        for (var t : r.skippedTables()) {
            sb.append("\n  ").append(t.file()).append(t.sheet() == null ? "" : "[" + t.sheet() + "]").append(": ").append(t.reason());
        }
        throw new IllegalStateException(sb.toString());
    }

    static void print(PanelResult r, String folder, String quarantine) {
        var c = r.cells();
        System.out.printf(Locale.ROOT, "panel %s: %d regions x %d years = %d rows, %d variables, %d groups%n", r.spec().name(),
                r.regionCodes().size(), r.lastYear() - r.firstYear() + 1, r.rows(), r.variables().size(), r.groups().size());
        System.out.printf(Locale.ROOT, "cells: %d read = %d used + %d quarantined + %d unused (%d files, %d tables skipped)%n",
                c.read(), c.used(), c.quarantine().size(), c.unused(), r.files().size(), r.skippedTables().size());
        r.quarantinedByReason().forEach((k, v) -> System.out.printf(Locale.ROOT, "  quarantined %-22s %d%n", k, v));
        System.out.printf(Locale.ROOT, "imputed %d cells; %d series too short to impute%n", r.imputationLog().size(), r.notImputed().size());
        r.locationQuotientTotals().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %s: totals from %s%n", k, v));
        System.out.printf(Locale.ROOT, "wrote %s (quarantine %s)%n", folder, quarantine);
    }
}
