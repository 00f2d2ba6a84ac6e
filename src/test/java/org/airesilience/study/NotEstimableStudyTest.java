package org.airesilience.study;

import org.airesilience.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A study whose sample cannot estimate a model, or a stage of a threshold model, completes
 * (src/test/resources/studies/not-estimable.conf on the mini panel): the column or stage row reads 不可估计, the
 * notes say why, every other number is there, and the explained command of the failed model fails on its own.
 */
class NotEstimableStudyTest {
    static final Path CONFIG = Path.of("src/test/resources/studies/not-estimable.conf");

    @TempDir
    Path dir;

    @Test
    void theStudyCompletesAndItsTablesSayWhatCouldNotBeEstimatedAndWhy() throws IOException {
        Path lake = dir.resolve("lake");
        Path data = MiniPanel.write(lake.resolve("curated/panels/mini"));
        List<String> args = List.of("study", "--config", CONFIG.toString(), "--lake", lake.toString(), "--data", data.toString());
        List<String> run = new java.util.ArrayList<>(args);
        run.addAll(List.of("--run-id", "r1"));
        assertEquals(0, Main.commandLine().execute(run.toArray(String[]::new)));
        Path out = lake.resolve("results/not-estimable/r1");

        List<String> t3 = Files.readAllLines(out.resolve("tables/table3.csv"), StandardCharsets.UTF_8);
        assertTrue(t3.get(2).matches("AI,-?\\d+\\.\\d{3}\\**,不可估计"), t3.get(2));
        assertTrue(t3.get(3).matches(",\\(-?\\d+\\.\\d{3}\\),"), t3.get(3));
        assertEquals("观测值,288,", t3.get(6));
        assertTrue(t3.contains("\"单一地区:不可估计(no residual degrees of freedom: 2 observations, 0 coefficients and 2 absorbed"
                + " fixed effects)\""), String.join("\n", t3));

        List<String> t8 = Files.readAllLines(out.resolve("tables/table8.csv"), StandardCharsets.UTF_8);
        assertTrue(t8.get(2).startsWith("全国 单一门槛,") && t8.get(3).matches("全国 双重门槛,\\d+\\.\\d{3}.*"), t8.toString());
        assertTrue(t8.get(2).matches("全国 单一门槛,\\d+\\.\\d{3}.*"), t8.get(2));
        assertEquals("全国 三重门槛,不可估计,,,,,,,", t8.get(4));
        assertTrue(t8.contains("全国 三重门槛:不可估计(no admissible candidate for threshold 3: the trimming share 0.45 leaves no"
                + " regime large enough)"), String.join("\n", t8));

        Map<String, Object> model = ExplainedCommands.json(out.resolve("models/table3-2.json"));
        assertTrue(model.get("not_estimable") instanceof String, model.toString());
        assertEquals(3, ExplainedCommands.reproduce(args, out, List.of("table3", "table8"), dir.resolve("explain")));
    }
}
