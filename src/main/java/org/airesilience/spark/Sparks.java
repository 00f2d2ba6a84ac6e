package org.airesilience.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * Creates the Spark session. Under spark-submit the master and deploy mode come from spark-submit; run with plain
 * {@code java} the master is {@code airesilience.spark.master} (local[*] by default).
 */
public final class Sparks {
    private Sparks() {
    }

    public static SparkSession session(Config config, String appName) {
        Config spark = config.getConfig("airesilience.spark");
        SparkSession.Builder b = SparkSession.builder().appName("airesilience " + appName);
        if (System.getProperty("spark.master") == null) {
            b.master(spark.getString("master"));
        }
        for (Map.Entry<String, ConfigValue> e : spark.getConfig("conf").entrySet()) {
            String key = e.getKey().replace("\"", "");
            b.config(key, String.valueOf(e.getValue().unwrapped()));
        }
        return b.getOrCreate();
    }
}
