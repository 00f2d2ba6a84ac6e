package org.airesilience.study;

import org.airesilience.panel.PanelResult;
import org.airesilience.panel.RandomYearbookLake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two bundled studies' configs (conf/studies/) pass --dry-run's checks (every option, every panel column) against
 * the panels the bundled panel specs (conf/panels/) build from a random yearbook lake, and --explain turns every model
 * into a command line.
 */
class StudyConfigsTest {
    @TempDir
    Path lake;

    private StudyRunner dryRun(String study, String panelSpec) throws Exception {
        PanelResult panel = RandomYearbookLake.build(lake, Path.of(panelSpec));
        Path csv = RandomYearbookLake.writeCsv(panel, lake.resolve("curated/panels").resolve(panel.spec().name()));
        StudySpec spec = StudyConfig.load(Path.of(study));
        assertEquals(panelSpec, StudyConfig.panelSpec(Path.of(study)));
        StudyRunner runner = new StudyRunner(spec, lake, csv, Set.of());
        runner.validate();
        return runner;
    }

    @Test
    void aiResilienceStudyValidatesAgainstTheProvincePanel() throws Exception {
        StudyRunner runner = dryRun("conf/studies/ai-resilience.conf", "conf/panels/provinces.conf");
        assertEquals(List.of("table2", "table3", "table4", "table5", "table6", "table7", "table8", "table9"),
                runner.study().tables().stream().map(StudySpec.TableSpec::id).toList());
        List<String> commands = runner.explain();
        assertTrue(commands.stream().anyMatch(l -> l.startsWith("./submit.sh threshold ") && l.contains("--where")), String.join("\n", commands));
        assertTrue(commands.stream().anyMatch(l -> l.startsWith("./submit.sh gmm ")), String.join("\n", commands));
        assertTrue(commands.stream().anyMatch(l -> l.startsWith("./submit.sh mediate ") && l.contains("i.year")), String.join("\n", commands));
    }

    @Test
    void yangtzeStudyValidatesAgainstTheCityPanel() throws Exception {
        StudyRunner runner = dryRun("conf/studies/yangtze-agglomeration.conf", "conf/panels/yangtze-cities.conf");
        assertEquals(List.of("table2", "table3", "table4", "table5", "table6", "table7"),
                runner.study().tables().stream().map(StudySpec.TableSpec::id).toList());
        assertEquals(1 + 4 + 3 + 6 + 6 + 4 + 1, runner.models().size());
        assertTrue(runner.explain().stream().anyMatch(l -> l.startsWith("./submit.sh placebo ") && l.contains("--draws 1000")));
    }
}
