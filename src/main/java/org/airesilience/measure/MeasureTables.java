package org.airesilience.measure;

import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.airesilience.lake.LakeFiles;
import org.airesilience.lake.LakeTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the region-year measure tables share: the panel of regions, the year range, and publishing a table as
 * Parquet (for Spark, in {@code <run>/parquet/}) plus one CSV file (for people, {@code <run>/<name>.csv}), in a run
 * folder of the table that {@code LATEST} then names ({@link LakeTable}).
 */
public final class MeasureTables {
    private static final Pattern YEARS = Pattern.compile("\\s*(\\d{4})\\s*(?:-\\s*(\\d{4})\\s*)?");

    private MeasureTables() {
    }
    /** "2006-2020" or "2015" to {from, to}. */
    public static int[] parseYears(String years) {
        Matcher m = YEARS.matcher(years);
        if (!m.matches()) throw new IllegalArgumentException("years must look like 2006-2020, got '" + years + "'");
        int from = Integer.parseInt(m.group(1));
        int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
        if (to < from) throw new IllegalArgumentException("years: " + to + " is before " + from);
        return new int[]{from, to};
    }

    /** The regions of a panel: provinces or cities of the gazetteer outside the excluded provinces, by code. */
    static List<Region> panel(Gazetteer gazetteer, String level, Set<String> excludedProvinces) {
        List<Region> regions = switch (level) {
            case "province" -> gazetteer.provinces();
            case "city" -> gazetteer.cities();
            default -> throw new IllegalArgumentException("level must be province or city, got '" + level + "'");
        };
        return regions.stream()
                .filter(r -> !excludedProvinces.contains(r.provinceCode()))
                .sorted(Comparator.comparing(Region::code))
                .toList();
    }

    /** Sub-folder of a published table holding its Parquet files. */
    static final String PARQUET = "parquet";

    /**
     * Publishes the rows (already in output order) as run {@code runId} of {@code table}: Parquet in
     * {@code <run>/parquet} and {@code <run>/csvName}. The Parquet files get their own sub-folder because Spark
     * would try to read a CSV file lying among them as Parquet and fail. Returns the run folder.
     */
    static Path publish(SparkSession spark, StructType schema, List<Row> rows, LakeTable table, String runId,
                        String csvName) {
        return table.publish(runId, run -> {
            spark.createDataFrame(rows, schema).coalesce(1).write().parquet(new Path(run, PARQUET).toString());
            LakeFiles.write(table.fileSystem(), new Path(run, csvName), csv(schema, rows).getBytes(StandardCharsets.UTF_8));
        });
    }

    /** RFC 4180 CSV with a header; numbers in plain notation, integers without decimals. */
    public static String csv(StructType schema, List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        try {
            csv(schema, rows.iterator(), sb);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringBuilder does not throw
        }
        return sb.toString();
    }

    /** {@link #csv(StructType, List)} streamed to {@code out} row by row (for tables too large for one string). */
    public static void csv(StructType schema, java.util.Iterator<Row> rows, Appendable out) throws java.io.IOException {
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) out.append(',');
            out.append(quote(fields[i].name()));
        }
        out.append('\n');
        boolean[] isDouble = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) isDouble[i] = fields[i].dataType().equals(DataTypes.DoubleType);
        while (rows.hasNext()) {
            Row row = rows.next();
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) out.append(',');
                Object v = row.get(i);
                if (v == null) continue;
                if (isDouble[i]) {
                    out.append(plain((Double) v));
                } else if (v instanceof Number) {
                    out.append(v.toString());
                } else {
                    out.append(quote(v.toString()));
                }
            }
            out.append('\n');
        }
    }

    /**
     * A double in plain notation without trailing zeros: Double.toString's shortest digits, which are already plain
     * between 1e-3 and 1e7 (only a trailing ".0" to drop), through BigDecimal elsewhere.
     */
    public static String plain(double v) {
        String s = Double.toString(v);
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }

    private static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
