package org.airesilience.config;

import org.airesilience.panel.spec.PanelSpec;
import org.airesilience.study.StudyConfig;
import org.airesilience.study.StudyConfigException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A configured file is the path as given, else shipped with --files, else in the jar; missing is an error. */
class ConfiguredFilesTest {
    @TempDir
    Path work;

    private Settings.SettingFile resolve(String value, String bundled) {
        return ConfiguredFiles.resolve("measure.keywords", value, "--set", bundled, work, null);
    }

    private Path write(String relative, String text) throws Exception {
        Path f = work.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void thePathAsGivenComesFirst() throws Exception {
        Path given = write("conf/keywords.conf", "given = 1");
        write("keywords.conf", "shipped = 1");
        Settings.SettingFile f = resolve("conf/keywords.conf", "keywords.conf");
        assertEquals(given, f.file());
        assertEquals(1, f.parse().getInt("given"));
    }

    @Test
    void thenAFileOfThatNameShippedWithFilesIntoTheWorkingDirectory() throws Exception {
        Path shipped = write("custom.conf", "shipped = 1");
        // Configured as the path on the machine that submitted the job; in cluster deploy mode the driver runs
        // elsewhere, with the --files in its working directory.
        Settings.SettingFile f = resolve("/home/analyst/dictionaries/custom.conf", null);
        assertEquals(shipped, f.file());
        assertEquals(shipped.toString(), f.location());
    }

    @Test
    void thenTheFolderSparkFilesKeepsTheApplicationsFilesIn() throws Exception {
        Path source = Files.createDirectories(work.resolve("gateway")).resolve("shipped-dictionary.conf");
        Files.writeString(source, "from-spark-files = 1");
        SparkSession spark = SparkSession.builder().master("local[1]").appName("configured-files")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            spark.sparkContext().addFile(source.toString());
            Settings.SettingFile f = ConfiguredFiles.resolve("measure.keywords",
                    "/absent/on/the/driver/shipped-dictionary.conf", "--set", null);
            assertEquals(Path.of(org.apache.spark.SparkFiles.get("shipped-dictionary.conf")), f.file());
            assertEquals(1, f.parse().getInt("from-spark-files"));
        } finally {
            spark.stop();
        }
    }

    @Test
    void thenTheJarUnderTheRelativePathAsGivenOrForTheDefaultItsBundledCopy() {
        Settings.SettingFile asGiven = resolve("gazetteer/groups.conf", null);
        assertEquals("classpath:gazetteer/groups.conf", asGiven.location());
        assertNull(asGiven.file());
        Settings.SettingFile bundledDefault = resolve("conf/keywords.conf", "keywords.conf");
        assertEquals("classpath:keywords.conf", bundledDefault.location());
        assertEquals(com.typesafe.config.ConfigFactory.parseFile(Path.of("src/main/resources/keywords.conf").toFile()),
                bundledDefault.parse());
    }

    @Test
    void aConfiguredFileFoundNowhereIsAnErrorNamingTheKeyNeverTheBundledCopy() {
        // keywords.conf is bundled, but a configured file of that name is not the bundled one.
        IllegalArgumentException absolute = assertThrows(IllegalArgumentException.class,
                () -> resolve("/data/keywords.conf", null));
        assertEquals("measure.keywords = /data/keywords.conf (--set): no such file; nor shipped with --files as "
                + "keywords.conf", absolute.getMessage());
        IllegalArgumentException relative = assertThrows(IllegalArgumentException.class,
                () -> resolve("mine/keywords.conf", null));
        assertEquals("measure.keywords = mine/keywords.conf (--set): no such file; nor shipped with --files as "
                + "keywords.conf, nor in the application jar as mine/keywords.conf", relative.getMessage());
    }

    @Test
    void everyConfiguredFileIsResolvedSoAndItsKeyNamedWhenMissing() throws Exception {
        String catalogue = assertThrows(IllegalArgumentException.class,
                () -> Settings.load(null, Map.of("panel.catalogue", "/nope/indicators.conf"))).getMessage();
        assertTrue(catalogue.startsWith("panel.catalogue = /nope/indicators.conf (--set): no such file"), catalogue);
        String config = assertThrows(IllegalArgumentException.class,
                () -> Settings.load(work.resolve("absent.conf"), Map.of())).getMessage();
        assertTrue(config.startsWith("--config = " + work.resolve("absent.conf") + " (command line): no such file"),
                config);
        String spec = assertThrows(IllegalArgumentException.class,
                () -> PanelSpec.load(work.resolve("provinces.conf"), List.of())).getMessage();
        assertTrue(spec.startsWith("panel spec = " + work.resolve("provinces.conf") + ": no such file"), spec);
        String study = assertThrows(StudyConfigException.class,
                () -> StudyConfig.load(work.resolve("study.conf"))).getMessage();
        assertTrue(study.contains("study config not found"), study);

        // The shipped configuration resolves its catalogue and dictionary from conf/ of the checkout.
        var settings = Settings.load(null, Map.of());
        assertEquals(Path.of("conf/indicators.conf"), Settings.file(settings, "panel.catalogue").file());
        assertEquals(Path.of("conf/keywords.conf"), Settings.file(settings, "measure.keywords").file());
    }
}
