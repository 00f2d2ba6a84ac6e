package org.airesilience.spark;

import com.typesafe.config.Config;
import org.airesilience.config.Settings;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What the user gave spark-submit wins; the project's defaults fill only the gaps. */
class SparksTest {
    private static final Config DEFAULTS = Settings.load(null, Map.of());

    @Test
    void userSettingsWinOverProjectDefaults() {
        SparkConf given = new SparkConf(false)
                .set("spark.master", "local[3]")
                .set("spark.ui.enabled", "true")
                .set("spark.sql.shuffle.partitions", "200")
                .set("spark.sql.session.timeZone", "Asia/Shanghai")
                .set("spark.app.name", "nightly")
                .set("spark.driver.extraJavaOptions", "-Duser.flag=1");
        SparkConf c = Sparks.conf(DEFAULTS, given, "ingest");
        assertEquals("local[3]", c.get("spark.master"));
        assertEquals("true", c.get("spark.ui.enabled"));
        assertEquals("200", c.get("spark.sql.shuffle.partitions"));
        assertEquals("Asia/Shanghai", c.get("spark.sql.session.timeZone"));
        assertEquals("nightly", c.get("spark.app.name"));
        assertEquals("-Duser.flag=1", c.get("spark.driver.extraJavaOptions"));
        // A key the user left alone takes the project's value.
        assertEquals("org.airesilience.spark.PosixLocalFileSystem", c.get("spark.hadoop.fs.file.impl"));
    }

    @Test
    void projectDefaultsFillTheGapsAndLocalTuningsStayLocal() {
        SparkConf local = Sparks.conf(DEFAULTS, new SparkConf(false), "ingest");
        assertEquals("local[*]", local.get("spark.master"));
        assertEquals("airesilience ingest", local.get("spark.app.name"));
        assertEquals("false", local.get("spark.ui.enabled"));
        assertEquals("8", local.get("spark.sql.shuffle.partitions"));
        assertEquals("UTC", local.get("spark.sql.session.timeZone"));

        SparkConf cluster = Sparks.conf(DEFAULTS, new SparkConf(false).set("spark.master", "spark://10.0.0.1:7077"),
                "ingest");
        assertEquals("UTC", cluster.get("spark.sql.session.timeZone"));
        assertFalse(cluster.contains("spark.ui.enabled"), "the UI stays on on a cluster");
        assertFalse(cluster.contains("spark.sql.shuffle.partitions"), "Spark's shuffle partitions on a cluster");
    }

    @Test
    void projectSettingsGivenWithSetStillFillTheGaps() {
        Config config = Settings.load(null, Map.of("spark.master", "local[2]",
                "spark.conf.\"spark.sql.shuffle.partitions\"", "4"));
        SparkConf c = Sparks.conf(config, new SparkConf(false), "measure");
        assertEquals("local[2]", c.get("spark.master"));
        assertEquals("4", c.get("spark.sql.shuffle.partitions"));
        SparkConf submitted = Sparks.conf(config, new SparkConf(false).set("spark.master", "yarn")
                .set("spark.sql.shuffle.partitions", "400"), "measure");
        assertEquals("yarn", submitted.get("spark.master"));
        assertEquals("400", submitted.get("spark.sql.shuffle.partitions"));
    }
}
