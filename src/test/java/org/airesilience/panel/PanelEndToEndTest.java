package org.airesilience.panel;

import com.typesafe.config.ConfigFactory;
import org.airesilience.config.Settings;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.panel.catalog.IndicatorCatalog;
import org.airesilience.panel.spec.PanelSpec;
import org.airesilience.panel.yearbook.QuarantineReason;
import org.airesilience.panel.yearbook.QuarantinedCell;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.RegionGroups;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-made lake of {@link YearbookLake} built end to end; every expected value is worked out in the comments. */
class PanelEndToEndTest {
    private static final double TOL = 1e-12;
    @TempDir
    static Path lake;
    static PanelResult panel;

    @BeforeAll
    static void build() throws Exception {
        YearbookLake.write(lake);
        PanelSpec spec = PanelSpec.parse(ConfigFactory.parseString(YearbookLake.SPEC), "tiny.conf", List.of());
        panel = new PanelBuilder(IndicatorCatalog.fromSettings(Settings.defaults()), RegionGroups.load()).build(spec, lake, Gazetteer.load());
    }

    /** Panel row of region index r (0 Beijing, 1 Tianjin, 2 Shanghai) and year. */
    private static double v(String variable, int r, int year) {
        return panel.values(variable)[r * 4 + (year - 2010)];
    }

    private static int flag(String variable, int r, int year) {
        return panel.variables().get(variable).imputed()[panel.gridRow(r * 4 + (year - 2010))] ? 1 : 0;
    }

    @Test
    void everyCellIsAccountedFor() {
        var c = panel.cells();
        // 22 long rows + 11 wide rows x 3 indicator columns + 17 sheet rows
        assertEquals(72, c.read());
        assertEquals(8, c.quarantine().size());
        // unknown indicator, unused indicator, Tibet, 2008 (long); Tianjin 2009 value added and population (wide)
        assertEquals(6, c.unused());
        assertEquals(58, c.used());
        assertEquals(c.read(), c.used() + c.quarantine().size() + c.unused());
        assertEquals(1, c.agreeingDuplicates());
        assertEquals(5, c.missingMarks()); // — in the long file; four empty cells in Beijing's wide rows
        assertEquals(List.of("book.xlsx", "long-utf8.csv", "sub/wide-gbk.csv"), panel.files());
        assertEquals(1, panel.skippedTables().size());
        assertEquals("说明", panel.skippedTables().get(0).sheet());
    }

    @Test
    void everyQuarantineReasonNamesItsCell() {
        Set<String> got = panel.cells().quarantine().stream()
                .map(q -> q.file() + "|" + q.sheet() + "|" + q.row() + "|" + q.column() + "|" + q.reason() + "|" + q.raw())
                .collect(Collectors.toSet());
        assertEquals(Set.of(
                "long-utf8.csv|null|11|数值|UNKNOWN_REGION|5",
                "long-utf8.csv|null|13|数值|OUT_OF_RANGE|120%",
                "long-utf8.csv|null|14|数值|NON_NUMERIC|abc",
                "long-utf8.csv|null|17|数值|UNIT_MISMATCH|2000",
                "long-utf8.csv|null|18|数值|INVALID_YEAR|2000",
                "long-utf8.csv|null|4|数值|CONFLICTING_DUPLICATE|１２１",
                "sub/wide-gbk.csv|null|12|地区生产总值（亿元）|CONFLICTING_DUPLICATE|125",
                "book.xlsx|工业|18|数值|UNKNOWN_REGION|1"), got);
        for (QuarantineReason r : List.of(QuarantineReason.UNKNOWN_REGION, QuarantineReason.NON_NUMERIC,
                QuarantineReason.OUT_OF_RANGE, QuarantineReason.CONFLICTING_DUPLICATE, QuarantineReason.UNIT_MISMATCH)) {
            assertTrue(panel.quarantinedByReason().containsKey(r), r.name());
        }
    }

    @Test
    void valuesAsWorkedByHand() {
        // Beijing GDP: 100 (1,000,000 万元), 110, [121 conflicts with 125: both quarantined], —, 146.41
        // -> 2011 and 2012 interpolated between 110 (2010) and 146.41 (2013)
        double bj2011 = 110 + (146.41 - 110) / 3, bj2012 = 110 + 2 * (146.41 - 110) / 3;
        assertEquals(30 / 110.0, v("share", 0, 2010), TOL);
        assertEquals(33 / bj2011, v("share", 0, 2011), TOL);
        assertEquals(36 / bj2012, v("share", 0, 2012), TOL);
        // location quotient with the national rows: (30 / 110) / (400 / 1000)
        assertEquals((30 / 110.0) / (400 / 1000.0), v("lq", 0, 2010), TOL);
        assertEquals((24 / 66.55) / (480 / 1200.0), v("lq", 1, 2012), TOL);
        // growth within the region, 2010 reads 2009
        assertEquals(0.1, v("g", 0, 2010), TOL);
        // Shanghai has no 2009 GDP: extrapolated back with the mean growth of the two nearest years,
        // g = (220/200 - 1 + 240/220 - 1) / 2, x_2009 = 200 / (1 + g), so growth 2010 = g
        double gSh = (220 / 200.0 - 1 + 240 / 220.0 - 1) / 2;
        assertEquals(gSh, v("g", 2, 2010), TOL);
        // population in 人 in the wide header: 10,000,000 人 = 1000 万人
        assertEquals(55 / 1000.0, v("pc", 1, 2010), TOL);
        // Beijing's population 2011 (unit 万件) and 2012 (year 二〇一二) quarantined: interpolated, 2000
        assertEquals(110 / 2000.0, v("pc", 0, 2010), TOL);
        assertEquals(bj2011 / 2000.0, v("pc", 0, 2011), TOL);
        // internet penetration 50% -> 0.5; 2011 (120%) and 2012 (abc) interpolated to 0.6 in 2013
        assertEquals(0.5, v("net", 0, 2010), TOL);
        assertEquals(0.5 + 0.1 / 3, v("net", 0, 2011), TOL);
        assertEquals(0.4, v("net", 1, 2010), TOL);
        // Bartik: lag(AI) * (1 + g_t), N_t = 16 (t - 2008): g_2010 = 1, g_2013 = 0.25
        assertEquals(Math.log1p(10) * 2, v("iv", 0, 2010), TOL);
        assertEquals(Math.log1p(4 * 5) * 1.25, v("iv", 2, 2013), TOL);
        // imputed flags follow the inputs of each row
        assertEquals(0, flag("share", 0, 2010));
        assertEquals(1, flag("share", 0, 2011));
        assertEquals(1, flag("g", 2, 2010));
        assertEquals(0, flag("g", 2, 2011));
        assertEquals(1, flag("idx", 0, 2012));
        // groups
        assertEquals("east", panel.groups().get("region3").text()[0]);
        // mean GDP 2010-2013: Beijing ~127.7, Tianjin ~63.8, Shanghai 230 -> median is Beijing's: only Shanghai above
        assertEquals(0, v("big", 0, 2010));
        assertEquals(0, v("big", 1, 2010));
        assertEquals(1, v("big", 2, 2013));
        assertEquals("national rows of industrial_va and gdp", panel.locationQuotientTotals().get("lq"));
    }

    @Test
    void imputationLogListsExactlyTheFilledCells() {
        Set<String> got = panel.imputationLog().stream()
                .map(c -> c.regionCode() + "|" + c.year() + "|" + c.variable() + "|" + c.method())
                .collect(Collectors.toSet());
        assertEquals(Set.of(
                "110000|2011|gdp|interpolate", "110000|2012|gdp|interpolate",
                "310000|2009|gdp|extrapolate",
                "110000|2011|internet_penetration|interpolate", "110000|2012|internet_penetration|interpolate",
                "110000|2011|population|interpolate", "110000|2012|population|interpolate"), got);
        assertEquals(7, panel.imputationLog().size());
    }

    @Test
    void strictPolicyFailsNamingTheCells() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PanelCommand.check(panel, "strict", lake.resolve("q.jsonl").toString()));
        assertTrue(e.getMessage().contains("long-utf8.csv:14:数值: NON_NUMERIC 'abc'"), e.getMessage());
        assertTrue(e.getMessage().contains("book.xlsx[说明]"), e.getMessage());
        PanelCommand.check(panel, "lenient", lake.resolve("q.jsonl").toString());
    }

    /**
     * The Parquet the driver writes reads back as what Spark's own writer makes of the same rows: same schema (names,
     * types, order), same rows and nulls, and the same Parquet types in the footer.
     */
    private static void assertParquetIsSparks(SparkSession spark, Path published) throws Exception {
        StructType schema = PanelOutputs.schema(panel);
        List<Row> rows = new ArrayList<>();
        PanelOutputs.rows(panel, schema).forEachRemaining(rows::add);
        Path bySpark = lake.resolve("by-spark");
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(bySpark.toString());
        Dataset<Row> expected = spark.read().parquet(bySpark.toString());
        Dataset<Row> actual = spark.read().parquet(published.toString());
        assertEquals(expected.schema(), actual.schema());
        assertTrue(schema.fields().length > 20 && actual.schema().apply("big").dataType().equals(DataTypes.IntegerType)
                && actual.schema().apply("region3").dataType().equals(DataTypes.StringType), actual.schema().treeString());
        List<Row> e = expected.orderBy("region_code", "year").collectAsList();
        List<Row> a = actual.orderBy("region_code", "year").collectAsList();
        assertEquals(12, a.size());
        assertEquals(e, a);
        assertEquals(footerSchema(bySpark), footerSchema(published));
    }

    private static MessageType footerSchema(Path folder) throws Exception {
        Path file;
        try (Stream<Path> s = Files.list(folder)) {
            file = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return r.getFileMetaData().getSchema();
        }
    }

    @Test
    void publishedPanelFeedsTheEstimator() throws Exception {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("PanelEndToEndTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            org.airesilience.lake.Lake published = org.airesilience.lake.Lake.open(lake.toString(),
                    org.airesilience.config.Settings.defaults(), spark.sparkContext().hadoopConfiguration());
            PanelOutputs.writeQuarantine(panel, published);
            PanelOutputs.publish(panel, published, "r1", "lenient", spark);
            assertParquetIsSparks(spark, lake.resolve("curated/panels/tiny/r1/parquet"));
        } finally {
            spark.stop();
        }
        Path dir = PanelOutputs.currentFolder(lake, "tiny");
        assertEquals(lake.resolve("curated/panels/tiny/r1"), dir);
        String header = Files.readAllLines(dir.resolve("panel.csv")).get(0);
        assertEquals("region_code,region_name,year,share,pc,lq,g,AI,iv,net,idx,share_imputed,pc_imputed,lq_imputed,"
                + "g_imputed,AI_imputed,iv_imputed,net_imputed,idx_imputed,region3,big", header);
        for (String f : List.of("weights_idx.csv", "imputation_log.csv", "coverage.csv", "validation.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(Files.isDirectory(dir.resolve("parquet")));
        assertEquals(9, Files.readAllLines(lake.resolve("quarantine/yearbooks/tiny.jsonl")).size() + 1);
        Table t = Table.readCsv(dir.resolve("panel.csv"));
        assertEquals(12, t.rows());
        EstimationResult r = Estimators.fit(t, EstimateSpec.of("share ~ pc + net"));
        assertEquals(12, r.nobs());
        // coverage: Beijing's GDP present in 2010 and 2013 of the three regions... 2011 has Tianjin and Shanghai only
        assertTrue(Files.readString(dir.resolve("coverage.csv")).contains("gdp,2011,3,2,"));
    }
}
