package org.airesilience.config;

import com.typesafe.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
