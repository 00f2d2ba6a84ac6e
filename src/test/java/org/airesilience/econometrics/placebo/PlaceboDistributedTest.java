package org.airesilience.econometrics.placebo;

import org.airesilience.distributed.LocalReplicateRunner;
import org.airesilience.distributed.SparkReplicateRunner;
import org.airesilience.econometrics.data.Table;
import org.airesilience.report.Json;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Placebo draws on Spark: identical output for any partition count (the figure is tested with the command). */
class PlaceboDistributedTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("PlaceboDistributedTest")
                .config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void identicalResultsForAnyPartitionCount() throws Exception {
        Table data = PlaceboSimulationTest.simulate(5, 15, 6, 0.2);
        PlaceboSpec spec = new PlaceboSpec("x", null, PermutationScheme.WITHIN_TIME, "id", "year", 120, 99);
        String local = Json.write(Placebo.run(data, PlaceboSimulationTest.SLOPE, spec,
                new LocalReplicateRunner(99, false)).toJsonMap());
        for (int partitions : new int[]{1, 2, 7}) {
            PlaceboResult onSpark = Placebo.run(data, PlaceboSimulationTest.SLOPE, spec,
                    new SparkReplicateRunner(spark, 99, partitions, false));
            assertEquals(local, Json.write(onSpark.toJsonMap()), partitions + " partitions");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> placebo = (Map<String, Object>) Json.MAPPER.readValue(local, Map.class).get("placebo");
        assertEquals(120, ((List<?>) placebo.get("estimates")).size());
        assertEquals(120, ((List<?>) placebo.get("t_statistics")).size());
        assertEquals(120, ((List<?>) placebo.get("p_values")).size());
        assertEquals("within-time", placebo.get("scheme"));
    }
}
