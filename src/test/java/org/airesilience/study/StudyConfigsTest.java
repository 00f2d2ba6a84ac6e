package org.airesilience.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two studies' configs (conf/studies/) checked as --dry-run checks them, against panels with the columns the
 * panel layer writes (PANEL_CONTRACT: provinces and yangtze-cities).
 */
class StudyConfigsTest {
    @TempDir
    Path dir;

    Path panel(String name, List<String> numeric, String extraHeader, String[] extraValues, int units, int years) throws IOException {
        SplittableRandom r = new SplittableRandom(1);
        StringBuilder sb = new StringBuilder("region_code,region_name,year," + String.join(",", numeric) + "," + extraHeader + "\n");
        for (int i = 0; i < units; i++) {
            for (int t = 0; t < years; t++) {
                sb.append(110000 + i).append(",r").append(i).append(',').append(2006 + t);
                for (String ignored : numeric) sb.append(',').append(String.format(Locale.ROOT, "%.4f", r.nextDouble()));
                sb.append(',').append(extraValues[i % extraValues.length]).append('\n');
            }
        }
        Path csv = dir.resolve(name).resolve("panel.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, sb.toString());
        return csv;
    }

    @Test
    void yangtzeStudyValidatesAgainstTheCityPanel() throws IOException {
        Path csv = panel("yangtze-cities", List.of("AGG", "TIN", "AI", "POS", "NUE", "GRA", "VHT", "RD"), "industry_type",
                new String[]{"equipment", "advanced", "new_industrialization"}, 28, 10);
        StudySpec spec = StudyConfig.load(Path.of("conf/studies/yangtze-agglomeration.conf"));
        assertEquals(List.of("table2", "table3", "table4", "table5", "table6", "table7"),
                spec.tables().stream().map(StudySpec.TableSpec::id).toList());
        StudyRunner runner = new StudyRunner(spec, dir, csv, Set.of());
        runner.validate();
        assertEquals(1 + 4 + 3 + 6 + 6 + 4 + 1, runner.models().size());
        assertTrue(runner.explain().stream().anyMatch(l -> l.startsWith("./submit.sh placebo ") && l.contains("--draws 1000")));
    }

    /**
     * Study A uses two additions of the estimator work (--where on threshold, factor terms i.year for FGLS); until
     * they are merged, validation names exactly those places. When they land, this test must be changed to expect
     * no problem at all.
     */
    @Test
    void aiResilienceStudyNamesOnlyTheEstimatorAdditionsItStillNeeds() throws IOException {
        Path file = Path.of("conf/studies/ai-resilience.conf");
        List<String> problems = assertThrows(StudyConfigException.class, () -> StudyConfig.load(file)).problems();
        assertEquals(6, problems.size(), String.join("\n", problems));
        for (String p : problems) {
            assertTrue(p.matches(file + ":\\d+: tables\\[[67]\\]\\.columns\\[[123]\\]\\.where: threshold has no option --where"), p);
        }
    }
}
