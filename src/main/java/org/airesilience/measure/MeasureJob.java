package org.airesilience.measure;

import com.typesafe.config.Config;
import org.airesilience.lake.Lake;
import org.airesilience.lake.LakeFiles;
import org.airesilience.lake.LakeTable;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.airesilience.report.RunManifest;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The patent-based AI measure of study A: AI patent applications per region and application year, found by the
 * keyword dictionary in title + abstract (+ claims), and {@code ai = ln(1 + ai_patents)}. Reads the current run of
 * {@code <lake>/curated/patents} and publishes a run of {@code <lake>/curated/ai_measure} ({@code <run id>/parquet/}
 * and {@code <run id>/ai_measure.csv}, {@code LATEST} naming it; {@link LakeTable}) with every region-year of the
 * panel, sorted by region code and year.
 */
public final class MeasureJob {
    public static final String OUTPUT = "curated/ai_measure";
    public static final String CSV = "ai_measure.csv";
    /** The curated patents the measure reads. */
    public static final String PATENTS = "curated/patents";
    /** The Parquet folder of a published run: {@code spark.read().parquet(<current run>/parquet)}. */
    public static final String PARQUET = MeasureTables.PARQUET;

    private MeasureJob() {
    }

    /** What a run counted, for the console and the run report. */
    public record MeasureReport(String level, String attribution, int fromYear, int toYear, long patentsScanned,
                                double aiPatents, Map<String, Double> byCategory, double aiPatentsOutsidePanel,
                                int rows, String output, List<Map<String, Object>> settingsFiles) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", level);
            m.put("attribution", attribution);
            m.put("years", fromYear + "-" + toYear);
            m.put("patents_scanned", patentsScanned);
            m.put("ai_patents", aiPatents);
            m.put("by_category", byCategory);
            m.put("ai_patents_outside_panel", aiPatentsOutsidePanel);
            m.put("rows", rows);
            m.put("output", output);
            m.put("settings_files", settingsFiles);
            return m;
        }
    }

    /** Measures a local lake into {@code <lake>/curated/ai_measure} with a fresh run id. */
    public static MeasureReport run(SparkSession spark, Config config, Path lakeRoot, String level, int fromYear,
                                    int toYear) {
        Lake lake = Lake.open(lakeRoot.toString(), config, spark.sparkContext().hadoopConfiguration());
        return run(spark, config, lake, level, fromYear, toYear, null, Lake.newRunId());
    }

    /** regions.attribution, checked against the level: first-applicant or fractional (province level only). */
    public static String checkedAttribution(Config config, String level) {
        String attribution = config.getString("airesilience.regions.attribution");
        boolean fractional = switch (attribution) {
            case "first-applicant" -> false;
            case "fractional" -> true;
            default -> throw new IllegalArgumentException(
                    "airesilience.regions.attribution must be first-applicant or fractional, got '" + attribution + "'");
        };
        if (fractional && level.equals("city")) {
            throw new IllegalArgumentException("fractional attribution needs the co-applicants' regions, which the "
                    + "curated patents carry for provinces only (applicant_provinces); use --level province or "
                    + "--set regions.attribution=first-applicant");
        }
        return attribution;
    }

    /**
     * @param out   the output table (a location: path or URI), or null for {@code <lake>/curated/ai_measure}
     * @param runId the run folder's name
     */
    public static MeasureReport run(SparkSession spark, Config config, Lake lake, String level, int fromYear,
                                    int toYear, String out, String runId) {
        String attribution = checkedAttribution(config, level);
        boolean fractional = attribution.equals("fractional");
        Set<String> excluded = new HashSet<>(config.getStringList("airesilience.regions.exclude-provinces"));
        List<Region> panel = MeasureTables.panel(Gazetteer.load(), level, excluded);
        KeywordMatcher matcher = KeywordMatcher.create(config);
        List<String> categories = matcher.dictionary().categoryIds();
        boolean claims = config.getBoolean("airesilience.measure.match-claims");

        LakeTable curated = lake.table(PATENTS);
        if (!curated.exists()) {
            throw new IllegalArgumentException("no curated patents at " + curated + " (run ingest first)");
        }
        Dataset<Row> patents = spark.read().parquet(curated.current().toString())
                .where(col("application_year").between(fromYear, toYear));
        String regionColumn = level.equals("city") ? "city" : "province";
        List<Column> selected = new ArrayList<>(List.of(col("title"), col("abstract"),
                claims ? col("claims") : lit(null).cast("string"),
                matcher.ipcMode() == KeywordMatcher.IpcMode.IGNORE ? lit(null).cast("string") : col("ipc"),
                col(regionColumn), col("application_year"),
                fractional ? col("applicant_provinces") : lit(null).cast("array<string>")));
        Dataset<Row> input = patents.select(selected.toArray(Column[]::new));

        // Matching reads Spark's own rows (UTF-8 strings, decoded and normalised in one pass into a reused buffer)
        // and each task returns its counts per region-year: no Java string or row object per patent.
        Broadcast<KeywordMatcher> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(matcher);
        int nCategories = categories.size();
        RegionYearCounts counts = new RegionYearCounts(nCategories);
        input.queryExecution().toRdd().toJavaRDD()
                .mapPartitions(rows -> List.of(RegionYearCounts.match(rows, shared.value(), nCategories)).iterator())
                .collect()
                .forEach(counts::add);

        // Fill the whole panel; counts of regions outside it (excluded provinces, co-applicants abroad) are reported.
        Map<String, double[]> byKey = new HashMap<>();
        double outside = 0;
        Set<String> panelCodes = new HashSet<>();
        panel.forEach(r -> panelCodes.add(r.code()));
        double total = 0;
        double[] byCategory = new double[categories.size()];
        for (Map.Entry<RegionYearCounts.Key, double[]> e : counts.byRegionYear.entrySet()) {
            String region = e.getKey().region();
            double[] v = new double[categories.size() + 1];
            // Fractional sums are rounded to 1e-9 so that the summation order of partitions cannot change output.
            for (int i = 0; i < v.length; i++) v[i] = Math.round(e.getValue()[i] * 1e9) / 1e9;
            if (region == null || !panelCodes.contains(region)) {
                outside += v[0];
                continue;
            }
            byKey.put(region + "/" + e.getKey().year(), v);
            total += v[0];
            for (int i = 0; i < byCategory.length; i++) byCategory[i] += v[i + 1];
        }

        DataType countType = fractional ? DataTypes.DoubleType : DataTypes.LongType;
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("region_code", DataTypes.StringType, false),
                DataTypes.createStructField("region_name", DataTypes.StringType, false),
                DataTypes.createStructField("year", DataTypes.IntegerType, false),
                DataTypes.createStructField("ai_patents", countType, false)));
        for (String c : categories) fields.add(DataTypes.createStructField(c, countType, false));
        fields.add(DataTypes.createStructField("ai", DataTypes.DoubleType, false));
        StructType schema = DataTypes.createStructType(fields);

        List<Row> rows = new ArrayList<>();
        for (Region region : panel) {
            for (int year = fromYear; year <= toYear; year++) {
                double[] v = byKey.getOrDefault(region.code() + "/" + year, new double[categories.size() + 1]);
                Object[] values = new Object[fields.size()];
                values[0] = region.code();
                values[1] = region.name();
                values[2] = year;
                for (int i = 0; i < v.length; i++) values[3 + i] = fractional ? (Object) v[i] : (Object) Math.round(v[i]);
                values[values.length - 1] = Math.log1p(v[0]);
                rows.add(RowFactory.create(values));
            }
        }
        LakeTable table = out != null ? lake.tableAt(out) : lake.table(OUTPUT);
        String output = LakeFiles.display(table.fileSystem(), MeasureTables.publish(spark, schema, rows, table, runId, CSV));

        Map<String, Double> perCategory = new LinkedHashMap<>();
        for (int i = 0; i < categories.size(); i++) perCategory.put(categories.get(i), byCategory[i]);
        return new MeasureReport(level, attribution, fromYear, toYear, counts.scanned, total, perCategory, outside,
                rows.size(), output, RunManifest.settingsFiles(config));
    }
}
