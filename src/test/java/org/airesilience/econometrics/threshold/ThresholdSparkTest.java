package org.airesilience.econometrics.threshold;

import org.airesilience.distributed.LocalReplicateRunner;
import org.airesilience.distributed.SparkReplicateRunner;
import org.airesilience.econometrics.data.Table;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The threshold bootstrap broadcast to Spark executors gives bit-identical replicates to the in-process runner. */
class ThresholdSparkTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("threshold-test")
                .config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void sparkReplicatesEqualLocalReplicates() {
        Table d = SimulatedPanels.panel(21, 40, 6, new double[]{0.5}, new double[]{1.0, 1.5}, 1.0, 0.1, false, false);
        ThresholdSpec spec = SimulatedPanels.spec(2, List.of("r"), 0.05, 24);
        ThresholdResult distributed = PanelThreshold.estimate(d, spec, new SparkReplicateRunner(spark, 99, 3, false));
        // The in-process runner on several threads (ids handed out as threads free up).
        ThresholdResult local = PanelThreshold.estimate(d, spec, new LocalReplicateRunner(99, false, 3));
        for (int k = 0; k < 2; k++) {
            double[] a = local.stages().get(k).bootstrapF();
            double[] b = distributed.stages().get(k).bootstrapF();
            assertEquals(24, b.length);
            for (int i = 0; i < a.length; i++) assertEquals(Double.doubleToLongBits(a[i]), Double.doubleToLongBits(b[i]));
        }
        assertEquals(local.toJsonMap().toString(), distributed.toJsonMap().toString());
    }
}
