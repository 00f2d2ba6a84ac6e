package org.airesilience.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import org.airesilience.config.Settings;
import org.airesilience.lake.Lake;
import org.airesilience.study.StudyConfig;
import org.airesilience.study.StudyRunner;
import org.airesilience.study.StudySpec;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A study's panel spec shipped with spark-submit --files (absent at the path the study config names, as on a cluster
 * driver) is found as every configured file is: the run command builds it and the study reads the panel it names.
 */
class ShippedPanelSpecTest {
    @TempDir
    Path work;

    @Test
    void aPanelSpecShippedWithFilesIsFoundByTheRunCommandAndTheStudy() throws Exception {
        // Its name (the panel's folder under curated/panels/) differs from its file name on purpose.
        Path spec = Files.createDirectories(work.resolve("gateway")).resolve("shipped-panel.conf");
        Files.writeString(spec, """
                name = shipped
                level = province
                years = "2010-2012"
                variables = \"\"\"
                  y = ln(industrial_va)
                  x = ai_measure.ai
                \"\"\"
                """);
        Path study = work.resolve("study.conf");
        Files.writeString(study, """
                id = shipped-study
                panel = "/absent/on/the/driver/shipped-panel.conf"
                defaults { command = estimate, panel = "region_code,year" }
                tables = [ { id = t, columns = [ { formula = "y ~ x | region_code" } ] } ]
                """);
        Path lakeRoot = Files.createDirectories(work.resolve("lake/raw/yearbooks")).getParent().getParent();
        Config config = Settings.defaults().withValue("airesilience.study.configs",
                ConfigValueFactory.fromIterable(List.of(study.toString())));
        Lake lake = Lake.open(lakeRoot.toString(), config, Lake.hadoopConfiguration(config));

        SparkSession spark = SparkSession.builder().master("local[1]").appName("shipped-panel-spec")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            spark.sparkContext().addFile(spec.toString());

            assertEquals(List.of(study.toString()), RunCommand.studiesWithPanels(config, lake));

            StudySpec loaded = StudyConfig.load(study);
            try (StudyRunner runner = new StudyRunner(loaded, lakeRoot, null, Set.of())) {
                assertEquals(lake.display("curated/panels", "shipped", "panel.csv"), runner.dataName());
                // Not built yet: the model's columns are checked against the columns the shipped spec declares.
                assertNull(runner.validate());
            }
        } finally {
            spark.stop();
        }
    }
}
