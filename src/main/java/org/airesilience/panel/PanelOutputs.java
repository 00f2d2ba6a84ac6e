package org.airesilience.panel;

import org.airesilience.ingest.SparkParquet;
import org.airesilience.lake.Lake;
import org.airesilience.lake.LakeTable;
import org.airesilience.measure.MeasureTables;
import org.airesilience.panel.expr.Evaluator;
import org.airesilience.panel.yearbook.QuarantinedCell;
import org.airesilience.report.Json;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Publishes a built panel as a run of {@code <lake>/curated/panels/<name>/} ({@code <run id>/}, then {@code LATEST}
 * names it; {@link LakeTable}): {@code panel.csv} and
 * {@code parquet/} (region_code, region_name, year, the variables in declared order, their {@code _imputed} flags,
 * the group columns), {@code weights_<variable>.csv}, {@code imputation_log.csv}, {@code coverage.csv} and
 * {@code validation.json}; the quarantined cells go to {@code <lake>/quarantine/yearbooks/<name>.jsonl}.
 */
public final class PanelOutputs {
    private PanelOutputs() {
    }

    /** The panel's table in the lake. */
    public static String folder(String name) {
        return "curated/panels/" + name;
    }

    /** The panel's quarantine file in the lake. */
    public static String quarantineFile(String name) {
        return "quarantine/yearbooks/" + name + ".jsonl";
    }

    /** The folder of the panel's current run in a local lake (the run LATEST names). */
    public static Path currentFolder(Path lake, String name) {
        return LakeTable.currentLocal(lake.resolve(folder(name)));
    }

    public static Path quarantineFile(Path lake, String name) {
        return lake.resolve(quarantineFile(name));
    }

    /** Writes the quarantine file, replacing it atomically (also when the run then fails under the strict policy). */
    public static void writeQuarantine(PanelResult r, Lake lake) {
        StringBuilder sb = new StringBuilder();
        com.fasterxml.jackson.databind.ObjectWriter line = Json.MAPPER.writer()
                .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        try {
            for (QuarantinedCell q : r.cells().quarantine()) sb.append(line.writeValueAsString(q.toMap())).append('\n');
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a quarantined cell", e);
        }
        lake.write(quarantineFile(r.spec().name()), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static StructType schema(PanelResult r) {
        List<StructField> f = new ArrayList<>(List.of(
                DataTypes.createStructField("region_code", DataTypes.StringType, false),
                DataTypes.createStructField("region_name", DataTypes.StringType, false),
                DataTypes.createStructField("year", DataTypes.IntegerType, false)));
        for (Map.Entry<String, Evaluator.Col> v : r.variables().entrySet()) {
            f.add(DataTypes.createStructField(v.getKey(), type(r, v.getValue(), false), true));
        }
        for (String v : r.variables().keySet()) f.add(DataTypes.createStructField(v + "_imputed", DataTypes.IntegerType, false));
        for (Map.Entry<String, Evaluator.Col> g : r.groups().entrySet()) {
            f.add(DataTypes.createStructField(g.getKey(), type(r, g.getValue(), true), true));
        }
        return DataTypes.createStructType(f);
    }

    /** Text for labels; variables as doubles; groups as integers when every value is whole (0/1), else doubles. */
    private static DataType type(PanelResult r, Evaluator.Col c, boolean group) {
        if (c.text() != null) return DataTypes.StringType;
        if (!group) return DataTypes.DoubleType;
        for (int i = 0; i < r.rows(); i++) {
            double v = c.v()[r.gridRow(i)];
            if (!Double.isNaN(v) && (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)) return DataTypes.DoubleType;
        }
        return DataTypes.IntegerType;
    }

    /**
     * The panel's rows in output order, each made when asked for: the writers stream them, so the 10^7 boxed values
     * of a large panel are never all alive at once.
     */
    public static Iterator<Row> rows(PanelResult r, StructType schema) {
        List<Evaluator.Col> cols = new ArrayList<>(r.variables().values());
        List<Evaluator.Col> groups = new ArrayList<>(r.groups().values());
        StructField[] fields = schema.fields();
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < r.rows();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                int g = r.gridRow(i);
                Object[] row = new Object[fields.length];
                int k = 0;
                row[k++] = r.regionCodes().get(r.region(i));
                row[k++] = r.regionNames().get(r.region(i));
                row[k++] = r.year(i);
                for (Evaluator.Col c : cols) row[k] = value(c, g, fields[k++].dataType());
                for (Evaluator.Col c : cols) row[k++] = c.imputed()[g] ? 1 : 0;
                for (Evaluator.Col c : groups) row[k] = value(c, g, fields[k++].dataType());
                i++;
                return RowFactory.create(row);
            }
        };
    }

    private static Object value(Evaluator.Col c, int g, DataType type) {
        if (c.text() != null) return c.text()[g];
        double v = c.v()[g];
        if (Double.isNaN(v)) return null;
        return type.equals(DataTypes.IntegerType) ? (Object) (int) v : (Object) v;
    }

    /**
     * Publishes the panel folder. The driver writes the one Parquet file itself ({@link SparkParquet}, the files
     * Spark's writer would make), with the codec Spark is set to use: handing the rows to Spark would serialize the
     * whole panel into a single task first.
     */
    public static org.apache.hadoop.fs.Path publish(PanelResult r, Lake lake, String runId, String policy,
                                                    SparkSession spark) {
        StructType schema = schema(r);
        String quarantine = lake.display(quarantineFile(r.spec().name()));
        String codec = spark.conf().get("spark.sql.parquet.compression.codec");
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        return lake.table(folder(r.spec().name())).publishLocal(runId, staged -> {
            Path parquet = staged.resolve("parquet");
            Files.createDirectories(parquet);
            String file = "part-00000" + SparkParquet.extension(codec) + ".parquet";
            SparkParquet.writeRows(new org.apache.hadoop.fs.Path(parquet.resolve(file).toUri()), schema, rows(r, schema),
                    codec, spark.version(), hadoop);
            Files.createFile(parquet.resolve("_SUCCESS")); // as Spark marks a finished table
            try (Writer csv = Files.newBufferedWriter(staged.resolve("panel.csv"), StandardCharsets.UTF_8)) {
                MeasureTables.csv(schema, rows(r, schema), csv);
            }
            writeWeights(r, staged);
            write(staged.resolve("imputation_log.csv"), imputationLog(r));
            write(staged.resolve("coverage.csv"), coverage(r));
            write(staged.resolve("validation.json"), Json.write(r.validation(policy, quarantine)));
        });
    }

    private static void write(Path file, String content) throws java.io.IOException {
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeWeights(PanelResult r, Path dir) throws java.io.IOException {
        Map<String, List<Evaluator.Weights>> byVariable = new java.util.LinkedHashMap<>();
        for (Evaluator.Weights w : r.weights()) byVariable.computeIfAbsent(w.variable(), k -> new ArrayList<>()).add(w);
        for (Map.Entry<String, List<Evaluator.Weights>> e : byVariable.entrySet()) {
            boolean perYear = e.getValue().get(0).year() != null;
            StringBuilder sb = new StringBuilder(perYear ? "year," : "").append("indicator,direction,entropy,divergence,weight\n");
            for (Evaluator.Weights w : e.getValue()) {
                for (int j = 0; j < w.indicators().size(); j++) {
                    if (perYear) sb.append(w.year()).append(',');
                    sb.append(csvText(w.indicators().get(j))).append(',').append(w.directions().get(j)).append(',')
                            .append(number(w.entropy()[j])).append(',').append(number(w.divergence()[j])).append(',')
                            .append(number(w.weight()[j])).append('\n');
                }
            }
            write(dir.resolve("weights_" + e.getKey() + ".csv"), sb.toString());
        }
    }

    private static String imputationLog(PanelResult r) {
        StringBuilder sb = new StringBuilder("region_code,year,variable,method,value\n");
        for (PanelBuilder.ImputedCell c : r.imputationLog()) {
            sb.append(c.regionCode()).append(',').append(c.year()).append(',').append(c.variable()).append(',')
                    .append(c.method()).append(',').append(number(c.value())).append('\n');
        }
        return sb.toString();
    }

    private static String coverage(PanelResult r) {
        StringBuilder sb = new StringBuilder("indicator,year,regions,present,share\n");
        for (PanelResult.Coverage c : r.coverage()) {
            sb.append(c.indicator()).append(',').append(c.year()).append(',').append(c.regions()).append(',')
                    .append(c.present()).append(',').append(number(c.share())).append('\n');
        }
        return sb.toString();
    }

    /** Plain notation, full precision (as the measure tables write numbers). */
    static String number(double v) {
        return Double.isFinite(v) ? MeasureTables.plain(v) : "";
    }

    private static String csvText(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
