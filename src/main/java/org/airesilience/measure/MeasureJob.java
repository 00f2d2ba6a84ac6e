package org.airesilience.measure;

import com.typesafe.config.Config;
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

import java.nio.file.Files;
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
 * keyword dictionary in title + abstract (+ claims), and {@code ai = ln(1 + ai_patents)}. Writes
 * {@code <lake>/curated/ai_measure/parquet/} and {@code <lake>/curated/ai_measure/ai_measure.csv} with every
 * region-year of the panel, sorted by region code and year.
 */
public final class MeasureJob {
    public static final String OUTPUT = "curated/ai_measure";
    public static final String CSV = "ai_measure.csv";
    /** Where Spark reads the table: {@code spark.read().parquet(<lake>/curated/ai_measure/parquet)}. */
    public static final String PARQUET = OUTPUT + "/" + MeasureTables.PARQUET;

    private MeasureJob() {
    }

    /** What a run counted, for the console and the run report. */
    public record MeasureReport(String level, String attribution, int fromYear, int toYear, long patentsScanned,
                                double aiPatents, Map<String, Double> byCategory, double aiPatentsOutsidePanel,
                                int rows, Path output, List<Map<String, Object>> settingsFiles) {
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
            m.put("output", output.toString());
            m.put("settings_files", settingsFiles);
            return m;
        }
    }

    public static MeasureReport run(SparkSession spark, Config config, Path lakeRoot, String level, int fromYear,
                                    int toYear) {
        return run(spark, config, lakeRoot, level, fromYear, toYear, null);
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

    /** @param out the output folder, or null for {@code <lake>/curated/ai_measure} */
    public static MeasureReport run(SparkSession spark, Config config, Path lakeRoot, String level, int fromYear,
                                    int toYear, Path out) {
        String attribution = checkedAttribution(config, level);
        boolean fractional = attribution.equals("fractional");
        Set<String> excluded = new HashSet<>(config.getStringList("airesilience.regions.exclude-provinces"));
        List<Region> panel = MeasureTables.panel(Gazetteer.load(), level, excluded);
        KeywordMatcher matcher = KeywordMatcher.create(config);
        List<String> categories = matcher.dictionary().categoryIds();
        boolean claims = config.getBoolean("airesilience.measure.match-claims");

        Path patentsDir = lakeRoot.resolve("curated/patents");
        if (!Files.isDirectory(patentsDir)) {
            throw new IllegalArgumentException("no curated patents at " + patentsDir + " (run ingest first)");
        }
        Dataset<Row> patents = spark.read().parquet(patentsDir.toString())
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
        Path output = out != null ? out : lakeRoot.resolve(OUTPUT);
        MeasureTables.publish(spark, schema, rows, output, CSV);

        Map<String, Double> perCategory = new LinkedHashMap<>();
        for (int i = 0; i < categories.size(); i++) perCategory.put(categories.get(i), byCategory[i]);
        return new MeasureReport(level, attribution, fromYear, toYear, counts.scanned, total, perCategory, outside,
                rows.size(), output, RunManifest.settingsFiles(config));
    }
}
