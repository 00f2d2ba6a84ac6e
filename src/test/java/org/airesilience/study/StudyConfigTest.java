package org.airesilience.study;

import org.airesilience.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mistakes in a study config fail before anything runs, each named by file, line and key. */
class StudyConfigTest {
    @TempDir
    Path dir;

    Path write(String text) throws IOException {
        Path f = dir.resolve("study.conf");
        Files.writeString(f, text);
        return f;
    }

    List<String> problems(String text) throws IOException {
        Path f = write(text);
        return assertThrows(StudyConfigException.class, () -> StudyConfig.load(f)).problems();
    }

    static final String HEAD = "id = s\npanel = \"conf/panels/p.conf\"\n";

    @Test
    void unknownKeysCommandsAndOptionsAreLocated() throws IOException {
        Path f = dir.resolve("study.conf");
        List<String> p = problems(HEAD + """
                titel = "x"
                tables = [
                  { id = t1
                    columns = [
                      { command = estimate, formula = "y ~ x", thresholds = 2 }
                      { command = regress, formula = "y ~ x" }
                      { command = estimate, formula = "y ~ x", json = "out.json" }
                      { command = threshold, x = [a] }
                    ]
                    rows = [ { term = x, stars = true }, { value = nobs, test = f } ]
                  }
                ]
                """);
        assertEquals(List.of(
                f + ":3: titel: unknown key (expected one of [data, defaults, figures, id, let, panel, tables, title, variables])",
                f + ":7: tables[0].columns[0].thresholds: estimate has no option --thresholds",
                f + ":8: tables[0].columns[1].command: unknown command 'regress' (one of [compare, describe, estimate, gmm, mediate, placebo, threshold])",
                f + ":9: tables[0].columns[2].json: set by the study itself (the panel's CSV, the model's JSON, plot = true for figures); leave it out",
                f + ":10: tables[0].columns[3].command: threshold needs --panel (key panel)",
                f + ":10: tables[0].columns[3].command: threshold needs --y (key y)",
                f + ":10: tables[0].columns[3].command: threshold needs --regime (key regime)",
                f + ":10: tables[0].columns[3].command: threshold needs --threshold (key threshold)",
                f + ":12: tables[0].rows[0].stars: unknown key (expected one of [label, term])",
                f + ":12: tables[0].rows[1].value: a row is one of [controls, effect, term, test, value, variable]; this one says both test and value"),
                p);
    }

    @Test
    void defaultsServeSeveralCommandsButTyposInThemStillFail() throws IOException {
        Path f = write(HEAD + """
                defaults { command = estimate, panel = "id,year", vcov = iid }
                tables = [ { id = t, columns = [ { command = describe, vars = [y] }, { formula = "y ~ x" } ] } ]
                """);
        StudySpec s = StudyConfig.load(f);
        assertEquals(Set.of("vars"), s.tables().get(0).columns().get(0).options().keySet());
        assertEquals(Set.of("formula", "panel", "vcov"), s.tables().get(0).columns().get(1).options().keySet());
        List<String> p = problems(HEAD + """
                defaults { command = estimate, vcvo = iid }
                tables = [ { id = t, columns = [ { formula = "y ~ x" } ] } ]
                """);
        assertEquals(List.of(dir.resolve("study.conf") + ":3: tables[0].columns[0].vcvo: estimate has no option --vcvo"), p);
    }

    @Test
    void panelColumnsAndFormulasAreCheckedAgainstThePanelBeforeAnythingRuns() throws IOException {
        Path csv = dir.resolve("panel.csv");
        Files.writeString(csv, "id,year,y,x\n1,2000,1,2\n");
        Path f = write("id = s\ndata = \"" + csv + "\"\n" + """
                tables = [ { id = t, columns = [
                  { command = estimate, formula = "y ~ x + z | id", where = "region == \\"east\\"" }
                  { command = estimate, formula = "y ~ x +" }
                ] } ]
                """);
        StudySpec spec = StudyConfig.load(f);
        List<String> p = assertThrows(StudyConfigException.class,
                () -> new StudyRunner(spec, dir, null, Set.of()).validate()).problems();
        assertEquals(3, p.size(), p.toString());
        assertEquals(f + ":4: tables[0].columns[0].formula: column 'z' is not in the panel", p.get(0));
        assertEquals(f + ":4: tables[0].columns[0].where: column 'region' is not in the panel", p.get(1));
        assertTrue(p.get(2).startsWith(f + ":5: tables[0].columns[1].formula: formula does not parse"), p.get(2));
    }

    @Test
    void dryRunFailsWithTheLocationAndUnknownTablesAreNamed() throws IOException {
        Path csv = dir.resolve("panel.csv");
        Files.writeString(csv, "id,year,y,x\n1,2000,1,2\n");
        Path f = write("id = s\ndata = \"" + csv + "\"\ntables = [ { id = t, columns = [ { command = estimate, formula = \"y ~ w\" } ] } ]\n");
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("study", "--config", f.toString(), "--dry-run"));
        assertTrue(err.toString().contains(f + ":3: tables[0].columns[0].formula: column 'w' is not in the panel"), err.toString());
        StudySpec spec = StudyConfig.load(f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StudyRunner(spec, dir, null, Set.of("table9")));
        assertTrue(e.getMessage().contains("no table [table9]"), e.getMessage());
    }

    @Test
    void hoconSyntaxErrorsNameTheLine() throws IOException {
        List<String> p = problems(HEAD + "tables = [ { id = t, columns = [ { command = estimate \n");
        assertTrue(p.get(0).contains("study.conf: 4") || p.get(0).contains("study.conf:4"), p.get(0));
    }
}
