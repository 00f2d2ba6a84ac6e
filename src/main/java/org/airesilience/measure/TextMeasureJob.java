package org.airesilience.measure;

import org.airesilience.lake.Lake;
import org.airesilience.lake.LakeFiles;
import org.airesilience.lake.LakeTable;
import org.airesilience.report.RunManifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import org.airesilience.ingest.QuarantineReason;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Keyword frequencies of a city text corpus (study B): JSON Lines with {@code city}, {@code date} and {@code text};
 * for each corpus measure of the dictionary (tin, ai) the city-year frequency {@code <m>_count} and
 * {@code <m> = ln(1 + frequency)}, plus {@code documents}. Publishes a run of {@code <lake>/curated/text_measure}
 * ({@code <run id>/parquet/} and {@code text_measure.csv}; or another table) with every city-year of the panel.
 * Lines that cannot be used go to a run of {@code <lake>/quarantine/text_corpus} (JSON Lines, a new run each time)
 * with file, line number, reason code (the codes of the patent ingest where they apply) and detail.
 */
public final class TextMeasureJob {
    public static final String OUTPUT = "curated/text_measure";
    public static final String CSV = "text_measure.csv";

    private static final Pattern DATE = Pattern.compile(
            "\\s*(\\d{4})(?:\\s*[-/.年]\\s*(\\d{1,2})(?:\\s*[-/.月]\\s*(\\d{1,2})\\s*日?)?\\s*月?)?(?:[T ].*)?\\s*");

    public static final String QUARANTINE = "quarantine/text_corpus";
    /** Reasons a corpus line is quarantined, shared with the patent ingest except the corpus' own MISSING_TEXT. */
    public static final List<String> REASONS = List.of(QuarantineReason.MALFORMED_RECORD.name(),
            QuarantineReason.UNRESOLVABLE_REGION.name(), QuarantineReason.OUT_OF_SCOPE_REGION.name(),
            QuarantineReason.UNPARSEABLE_DATE.name(), "MISSING_TEXT");

    private TextMeasureJob() {
    }

    /** What a run counted. {@code lines = documents + outsideYears + blank + quarantined}. */
    public record TextMeasureReport(long lines, long documents, long outsideYears, long blank, long quarantined,
                                    Map<String, Long> byReason, Map<String, Long> frequencies, int cities, int rows,
                                    String output, String quarantine, List<Map<String, Object>> settingsFiles) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lines", lines);
            m.put("documents", documents);
            m.put("outside_years", outsideYears);
            m.put("blank", blank);
            m.put("quarantined", quarantined);
            m.put("by_reason", byReason);
            m.put("frequencies", frequencies);
            m.put("cities", cities);
            m.put("rows", rows);
            m.put("output", output);
            m.put("quarantine", quarantine);
            m.put("settings_files", settingsFiles);
            return m;
        }
    }

    /** {@link #run(SparkSession, Config, String, Lake, String, int, int, boolean, String)} on local paths. */
    public static TextMeasureReport run(SparkSession spark, Config config, Path corpus, Path lakeRoot, Path out,
                                        int fromYear, int toYear, boolean allCities, String runId) {
        Lake lake = Lake.open(lakeRoot.toString(), config, spark.sparkContext().hadoopConfiguration());
        return run(spark, config, corpus.toString(), lake, out == null ? null : out.toString(), fromYear, toYear,
                allCities, runId);
    }

    /**
     * @param corpus    a JSON Lines file or folder (path or URI)
     * @param out       output table (path or URI), or null for {@code <lake>/curated/text_measure}
     * @param allCities panel of every in-scope city of the gazetteer instead of the cities found in the corpus
     * @param runId     recorded with each quarantined line
     */
    public static TextMeasureReport run(SparkSession spark, Config config, String corpus, Lake lake, String out,
                                        int fromYear, int toYear, boolean allCities, String runId) {
        KeywordMatcher matcher = KeywordMatcher.create(config);
        List<String> measures = List.copyOf(matcher.dictionary().corpus().keySet());
        if (measures.isEmpty()) {
            throw new IllegalArgumentException("keyword dictionary " + matcher.dictionary().source()
                    + " has no corpus section (e.g. corpus { tin = [...], ai = [...] })");
        }
        Set<String> excluded = new HashSet<>(config.getStringList("airesilience.regions.exclude-provinces"));
        Gazetteer gazetteer = Gazetteer.load();
        List<Region> cities = MeasureTables.panel(gazetteer, "city", excluded);
        CityNames names = CityNames.of(gazetteer.cities(), excluded);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<KeywordMatcher> sharedMatcher = jsc.broadcast(matcher);
        Broadcast<CityNames> sharedNames = jsc.broadcast(names);
        JavaRDD<Row> parsed = null;
        for (String source : corpusFiles(corpus, lake)) {
            JavaRDD<Row> rows = jsc.textFile(source).zipWithIndex().mapPartitions(
                    lines -> new LineParser(lines, source, sharedMatcher.value(), sharedNames.value(), measures.size()));
            parsed = parsed == null ? rows : parsed.union(rows);
        }
        StructType parsedSchema = new StructType()
                .add("reason", DataTypes.StringType)
                .add("detail", DataTypes.StringType)
                .add("source_file", DataTypes.StringType)
                .add("source_line", DataTypes.LongType)
                .add("raw", DataTypes.StringType)
                .add("region_code", DataTypes.StringType)
                .add("year", DataTypes.IntegerType);
        for (int i = 0; i < measures.size(); i++) parsedSchema = parsedSchema.add("count_" + i, DataTypes.LongType);
        Dataset<Row> lines = spark.createDataFrame(parsed, parsedSchema).persist();
        try {
            return summarise(spark, config, lines, measures, cities, lake, out, fromYear, toYear, allCities, runId);
        } finally {
            lines.unpersist();
        }
    }

    private static TextMeasureReport summarise(SparkSession spark, Config config, Dataset<Row> lines, List<String> measures,
                                               List<Region> cities, Lake lake, String out, int fromYear, int toYear,
                                               boolean allCities, String runId) {
        // Outcome of every line: a reason, "blank", "outside_years" or "document".
        Column outcome = org.apache.spark.sql.functions.coalesce(col("reason"),
                org.apache.spark.sql.functions.when(col("region_code").isNull(), "blank")
                        .when(col("year").between(fromYear, toYear), "document")
                        .otherwise("outside_years"));
        Map<String, Long> outcomes = new TreeMap<>();
        for (Row r : lines.groupBy(outcome.as("outcome")).count().collectAsList()) outcomes.put(r.getString(0), r.getLong(1));
        long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (String reason : REASONS) if (outcomes.containsKey(reason)) byReason.put(reason, outcomes.get(reason));
        long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();

        LakeTable quarantineTable = lake.table(QUARANTINE);
        String quarantine = LakeFiles.display(quarantineTable.fileSystem(), quarantineTable.publish(runId, run -> lines.where(col("reason").isNotNull())
                .select(lit(runId).as("run_id"), col("reason"), col("detail"), col("source_file"), col("source_line"),
                        col("raw"))
                .orderBy("source_file", "source_line").coalesce(1).write().mode("append").json(run.toString())));

        Dataset<Row> documents = lines.where(col("reason").isNull().and(col("region_code").isNotNull())
                .and(col("year").between(fromYear, toYear)));
        List<Column> aggregates = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) aggregates.add(sum(col("count_" + i)).as(measures.get(i)));
        Map<String, long[]> byKey = new HashMap<>();
        Set<String> seen = new TreeSet<>();
        long[] frequencies = new long[measures.size()];
        for (Row r : documents.groupBy("region_code", "year").agg(count("*"), aggregates.toArray(Column[]::new))
                .collectAsList()) {
            long[] v = new long[measures.size() + 1];
            for (int i = 0; i < v.length; i++) v[i] = r.getLong(2 + i);
            for (int i = 0; i < frequencies.length; i++) frequencies[i] += v[i + 1];
            byKey.put(r.getString(0) + "/" + r.getInt(1), v);
            seen.add(r.getString(0));
        }
        List<Region> panel = allCities ? cities : cities.stream().filter(c -> seen.contains(c.code())).toList();

        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField("region_code", DataTypes.StringType, false),
                DataTypes.createStructField("region_name", DataTypes.StringType, false),
                DataTypes.createStructField("year", DataTypes.IntegerType, false),
                DataTypes.createStructField("documents", DataTypes.LongType, false)));
        for (String m : measures) {
            fields.add(DataTypes.createStructField(m + "_count", DataTypes.LongType, false));
            fields.add(DataTypes.createStructField(m, DataTypes.DoubleType, false));
        }
        StructType schema = DataTypes.createStructType(fields);
        List<Row> rows = new ArrayList<>();
        for (Region city : panel) {
            for (int year = fromYear; year <= toYear; year++) {
                long[] v = byKey.getOrDefault(city.code() + "/" + year, new long[measures.size() + 1]);
                Object[] values = new Object[fields.size()];
                values[0] = city.code();
                values[1] = city.name();
                values[2] = year;
                values[3] = v[0];
                for (int i = 0; i < measures.size(); i++) {
                    values[4 + 2 * i] = v[i + 1];
                    values[5 + 2 * i] = Math.log1p(v[i + 1]);
                }
                rows.add(RowFactory.create(values));
            }
        }
        LakeTable table = out != null ? lake.tableAt(out) : lake.table(OUTPUT);
        String output = LakeFiles.display(table.fileSystem(), MeasureTables.publish(spark, schema, rows, table, runId, CSV));

        Map<String, Long> freq = new LinkedHashMap<>();
        for (int i = 0; i < measures.size(); i++) freq.put(measures.get(i), frequencies[i]);
        return new TextMeasureReport(total, outcomes.getOrDefault("document", 0L),
                outcomes.getOrDefault("outside_years", 0L), outcomes.getOrDefault("blank", 0L), quarantined, byReason,
                freq, panel.size(), rows.size(), output, quarantine, RunManifest.settingsFiles(config));
    }

    /**
     * The corpus file, or the visible files under the corpus folder in name order: local files as paths, others as
     * URIs (the names quarantined lines carry).
     */
    static List<String> corpusFiles(String corpus, Lake lake) {
        org.apache.hadoop.fs.Path root = Lake.hadoopPath(corpus);
        FileSystem fs = LakeFiles.fileSystem(corpus, lake.hadoop());
        try {
            root = fs.makeQualified(root);
            FileStatus st;
            try {
                st = fs.getFileStatus(root);
            } catch (java.io.FileNotFoundException e) {
                throw new IllegalArgumentException("corpus not found: " + corpus);
            }
            List<org.apache.hadoop.fs.Path> found = new ArrayList<>();
            if (st.isFile()) {
                found.add(root);
            } else {
                for (LakeFiles.Listed f : LakeFiles.visibleFiles(fs, root)) found.add(f.status().getPath());
            }
            List<String> files = new ArrayList<>();
            for (org.apache.hadoop.fs.Path p : found) {
                files.add(LakeFiles.isLocal(fs) ? Path.of(p.toUri()).toString() : p.toString());
            }
            files.sort(null);
            if (files.isEmpty()) throw new IllegalArgumentException("no corpus files under " + corpus);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + corpus, e);
        }
    }

    /** The year of a date such as 2019-05-03, 2019/5/3, 2019.05, 2019年5月3日, 2019-05-03T08:00:00 or 2019. */
    static Integer year(String date) {
        Matcher m = DATE.matcher(date);
        if (!m.matches()) return null;
        int year = Integer.parseInt(m.group(1));
        if (year < 1900 || year > 2100) return null;
        if (m.group(2) != null) {
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) return null;
        }
        if (m.group(3) != null) {
            int day = Integer.parseInt(m.group(3));
            if (day < 1 || day > 31) return null;
        }
        return year;
    }

    /**
     * City names (full, short, aliases, and the code itself) to codes; a name of two cities is ambiguous, a city of
     * an excluded province out of scope.
     */
    static final class CityNames implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private static final String AMBIGUOUS = "";
        private final Map<String, String> codes;
        private final Set<String> outOfScope;

        private CityNames(Map<String, String> codes, Set<String> outOfScope) {
            this.codes = codes;
            this.outOfScope = outOfScope;
        }

        static CityNames of(List<Region> cities, Set<String> excludedProvinces) {
            Set<String> outOfScope = new HashSet<>();
            Map<String, String> codes = new HashMap<>();
            for (Region c : cities) {
                if (excludedProvinces.contains(c.provinceCode())) outOfScope.add(c.code());
                codes.put(c.code(), c.code());
                List<String> names = new ArrayList<>(List.of(c.name(), c.shortName()));
                names.addAll(c.aliases());
                for (String n : new HashSet<>(names)) {
                    String key = TextNormaliser.normalise(n).strip();
                    if (key.isEmpty()) continue;
                    String previous = codes.putIfAbsent(key, c.code());
                    if (previous != null && !previous.equals(c.code())) codes.put(key, AMBIGUOUS);
                }
            }
            return new CityNames(codes, outOfScope);
        }

        /** The city code, {@code ""} when the name is ambiguous, or null when unknown. */
        String resolve(String name) {
            return codes.get(TextNormaliser.normalise(name).strip());
        }

        boolean inScope(String code) {
            return !outOfScope.contains(code);
        }
    }

    /** Parses one partition of (line, index) pairs into documents with term counts, or quarantine rows. */
    private static final class LineParser implements Iterator<Row> {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final String MALFORMED = QuarantineReason.MALFORMED_RECORD.name();
        private static final String UNRESOLVABLE = QuarantineReason.UNRESOLVABLE_REGION.name();
        private static final String OUT_OF_SCOPE = QuarantineReason.OUT_OF_SCOPE_REGION.name();
        private static final String BAD_DATE = QuarantineReason.UNPARSEABLE_DATE.name();
        private final Iterator<Tuple2<String, Long>> lines;
        private final String source;
        private final KeywordMatcher matcher;
        private final CityNames names;
        private final int measures;

        LineParser(Iterator<Tuple2<String, Long>> lines, String source, KeywordMatcher matcher, CityNames names,
                   int measures) {
            this.lines = lines;
            this.source = source;
            this.matcher = matcher;
            this.names = names;
            this.measures = measures;
        }

        @Override
        public boolean hasNext() {
            return lines.hasNext();
        }

        @Override
        public Row next() {
            Tuple2<String, Long> t = lines.next();
            String line = t._1();
            long number = t._2() + 1;
            if (line.isBlank()) return row(null, null, number, null, null, null, null);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject()) return bad(MALFORMED, "not a JSON object", number, line);
            String city = text(node, "city");
            if (city == null) return bad(UNRESOLVABLE, "no city", number, line);
            String code = names.resolve(city);
            if (code == null) return bad(UNRESOLVABLE, "unknown city '" + city + "'", number, line);
            if (code.isEmpty()) return bad(UNRESOLVABLE, "'" + city + "' names several cities", number, line);
            if (!names.inScope(code)) return bad(OUT_OF_SCOPE, "city " + code + " is in an excluded province", number, line);
            String date = text(node, "date");
            if (date == null) return bad(BAD_DATE, "no date", number, line);
            Integer year = year(date);
            if (year == null) return bad(BAD_DATE, "unparseable date '" + date + "'", number, line);
            String text = text(node, "text");
            if (text == null) return bad("MISSING_TEXT", "no text", number, line);
            return row(null, null, number, null, code, year, matcher.countTerms(text));
        }

        private Row bad(String reason, String detail, long number, String line) {
            return row(reason, detail, number, line, null, null, null);
        }

        private Row row(String reason, String detail, long number, String line, String code, Integer year,
                        Map<String, Integer> counts) {
            Object[] v = new Object[7 + measures];
            v[0] = reason;
            v[1] = detail;
            v[2] = source;
            v[3] = number;
            v[4] = line;
            v[5] = code;
            v[6] = year;
            if (counts != null) {
                int i = 7;
                for (int c : counts.values()) v[i++] = (long) c;
            }
            return RowFactory.create(v);
        }

        private static String text(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull() || v.isContainerNode()) return null;
            String s = v.asText();
            return s.isBlank() ? null : s;
        }
    }
}
