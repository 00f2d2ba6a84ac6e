package org.airesilience.config;

import com.typesafe.config.Config;
import org.airesilience.report.RunManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void commandLineOverridesFileOverridesDefaults() throws IOException {
        Path f = dir.resolve("app.conf");
        Files.writeString(f, "airesilience { lake.root = \"/lake\", spark.partitions = 16 }");
        Config c = Settings.load(f, Settings.parseOverrides(List.of("spark.partitions=64")));
        assertEquals("/lake", c.getString("airesilience.lake.root"));
        assertEquals(64, c.getInt("airesilience.spark.partitions"));
        assertEquals("local[*]", c.getString("airesilience.spark.master"));
    }

    @Test
    void missingFileAndBadOverrideAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> Settings.load(dir.resolve("none.conf"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Settings.parseOverrides(List.of("novalue")));
    }

    @Test
    void theShippedConfigurationIsValid() {
        Config c = Settings.load(Path.of("conf/application.conf"), Map.of());
        assertEquals(0.20, c.getDouble("airesilience.ingest.quarantine.max-share"));
    }

    @Test
    void anUnknownKeyInAFileNamesTheKeyTheFileTheLineAndTheNearestKnownKey() throws IOException {
        Path f = dir.resolve("typo.conf");
        Files.writeString(f, "airesilience {\n  lake.root = \"/lake\"\n  ingest {\n    quarantine.max_share = 0.3\n  }\n}\n");
        String m = message(() -> Settings.load(f, Map.of()));
        assertEquals("configuration: unknown setting 'ingest.quarantine.max_share' (" + f + " line 4); "
                + "nearest known key: 'ingest.quarantine.max-share'", m);
    }

    @Test
    void anUnknownKeyInSetNamesTheNearestKnownKey() {
        assertEquals("configuration: unknown setting 'max_share' (--set); nearest known key: "
                + "'ingest.quarantine.max-share'", message(() -> Settings.load(null, Map.of("max_share", "0.3"))));
        assertEquals("configuration: unknown setting 'replicates.bootstarp' (--set); nearest known key: "
                + "'replicates.bootstrap'", message(() -> Settings.load(null, Map.of("replicates.bootstarp", "9"))));
        // Nothing close: no suggestion rather than a wild one.
        assertEquals("configuration: unknown setting 'colour' (--set)",
                message(() -> Settings.load(null, Map.of("colour", "blue"))));
    }

    @Test
    void keysOutsideTheRootAndEveryProblemOfAFileAreReportedTogether() throws IOException {
        Path f = dir.resolve("flat.conf");
        Files.writeString(f, "lake.root = \"/lake\"\nairesilience.measure.levle = city\n");
        String m = message(() -> Settings.load(f, Map.of()));
        assertTrue(m.contains("unknown setting 'lake' (" + f + " line 1); settings live under 'airesilience { ... }'"), m);
        assertTrue(m.contains("unknown setting 'measure.levle' (" + f + " line 2); nearest known key: 'measure.level'"), m);
    }

    @Test
    void mapSectionsTakeAnyKey() {
        Config c = Settings.load(null, Map.of("ingest.charsets.\"cnipa/*.csv\"", "GBK",
                "spark.conf.\"spark.sql.adaptive.enabled\"", "false", "ingest.columns.AppNo", "application_number"));
        assertEquals("GBK", c.getString("airesilience.ingest.charsets.\"cnipa/*.csv\""));
        assertEquals("application_number", c.getString("airesilience.ingest.columns.AppNo"));
    }

    @Test
    void numbersAreCheckedForKindAndRange() {
        assertEquals("configuration: ingest.quarantine.max-share = 1.5 (--set) is a share and must lie in [0, 1]",
                message(() -> Settings.load(null, Map.of("ingest.quarantine.max-share", "1.5"))));
        assertEquals("configuration: spark.partitions = -1 (--set) must be at least 0",
                message(() -> Settings.load(null, Map.of("spark.partitions", "-1"))));
        assertEquals("configuration: replicates.bootstrap = 2.5 (--set) must be a whole number",
                message(() -> Settings.load(null, Map.of("replicates.bootstrap", "2.5"))));
        assertEquals("configuration: replicates.draws = \"many\" (--set) must be a number",
                message(() -> Settings.load(null, Map.of("replicates.draws", "many"))));
        String both = message(() -> Settings.load(null, Map.of("ingest.quarantine.max-share", "-0.1",
                "replicates.draws", "-3")));
        assertTrue(both.contains("max-share = -0.1") && both.contains("replicates.draws = -3"), both);
        // A seed may be negative; the edges of a share are allowed.
        assertEquals(-5, Settings.load(null, Map.of("replicates.seed", "-5")).getLong("airesilience.replicates.seed"));
        Settings.load(null, Map.of("ingest.quarantine.max-share", "0"));
        Settings.load(null, Map.of("ingest.quarantine.max-share", "1"));
    }

    @Test
    void aConfiguredFileThatDoesNotExistIsAnErrorNamingTheSetting() throws IOException {
        assertEquals("measure.keywords = /nope.conf (--set): no such file; nor shipped with --files as nope.conf",
                message(() -> Settings.load(null, Map.of("measure.keywords", "/nope.conf"))));
        Path f = dir.resolve("app.conf");
        Files.writeString(f, "airesilience {\n  measure.keywords = \"" + dir.resolve("gone.conf") + "\"\n}\n");
        assertEquals("measure.keywords = " + dir.resolve("gone.conf") + " (" + f + " line 2): no such file; nor "
                        + "shipped with --files as gone.conf",
                message(() -> Settings.load(f, Map.of())));
        assertEquals("measure.keywords = classpath:nope.conf (--set): no such resource in the application jar",
                message(() -> Settings.load(null, Map.of("measure.keywords", "classpath:nope.conf"))));
        Settings.SettingFile bundled = Settings.file(
                Settings.load(null, Map.of("measure.keywords", "classpath:keywords.conf")), "measure.keywords");
        assertTrue(bundled.resource() != null && bundled.file() == null);
    }

    @Test
    void runReportsNameTheConfigurationAndDictionaryFilesWithTheirDigests() throws Exception {
        Path dictionary = dir.resolve("words.conf");
        Files.copy(Path.of("conf/keywords.conf"), dictionary);
        Files.writeString(dictionary, "\n# edited\n", java.nio.file.StandardOpenOption.APPEND);
        Path f = dir.resolve("app.conf");
        Files.writeString(f, "airesilience.measure.keywords = \"" + dictionary + "\"\n");
        List<Map<String, Object>> files = RunManifest.settingsFiles(Settings.load(f, Map.of()));
        assertEquals(List.of(
                Map.of("setting", "configuration", "path", f.toString(), "sha256", sha256(f)),
                Map.of("setting", "measure.keywords", "path", dictionary.toString(), "sha256", sha256(dictionary))),
                files);
        // The bundled dictionary is named as such, with the digest of its bytes; a file none of whose values
        // counted (all overridden by --set) is not listed.
        List<Map<String, Object>> bundled = RunManifest.settingsFiles(
                Settings.load(f, Map.of("measure.keywords", "classpath:keywords.conf")));
        assertEquals(List.of(Map.of("setting", "measure.keywords", "path", "classpath:keywords.conf",
                "sha256", sha256(Path.of("src/main/resources/keywords.conf")))), bundled);
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    private static String message(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }
}
