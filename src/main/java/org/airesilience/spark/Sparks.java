package org.airesilience.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.util.Map;

/**
 * Creates the Spark session. What the user gave spark-submit ({@code --master}, {@code --conf}, {@code --name},
 * {@code --properties-file}, spark-defaults.conf; all reach the driver as {@code spark.*} system properties, as do
 * the {@code --conf} of the local runner) wins over the project's defaults: {@code airesilience.spark.master},
 * {@code airesilience.spark.conf} and, in local mode only, {@code airesilience.spark.local-conf} fill in only the
 * keys Spark has no value for.
 */
public final class Sparks {
    private Sparks() {
    }

    public static SparkSession session(Config config, String appName) {
        SparkSession.Builder b = SparkSession.builder();
        for (Tuple2<String, String> e : conf(config, new SparkConf(), appName).getAll()) {
            b.config(e._1(), e._2());
        }
        return b.getOrCreate();
    }

    /**
     * The Spark configuration of a session: {@code given} (what Spark itself loaded) completed by the project's
     * defaults where it has no value. Modifies and returns {@code given}.
     */
    public static SparkConf conf(Config config, SparkConf given, String appName) {
        Config spark = config.getConfig("airesilience.spark");
        given.setIfMissing("spark.master", spark.getString("master"));
        given.setIfMissing("spark.app.name", "airesilience " + appName);
        fillMissing(given, spark.getConfig("conf"));
        // Laptop tunings (no UI server, few shuffle partitions for small data) would be wrong on a cluster.
        if (given.get("spark.master").startsWith("local")) {
            fillMissing(given, spark.getConfig("local-conf"));
        }
        return given;
    }

    private static void fillMissing(SparkConf conf, Config defaults) {
        for (Map.Entry<String, ConfigValue> e : defaults.entrySet()) {
            String key = e.getKey().replace("\"", "");
            conf.setIfMissing(key, String.valueOf(e.getValue().unwrapped()));
        }
    }
}
