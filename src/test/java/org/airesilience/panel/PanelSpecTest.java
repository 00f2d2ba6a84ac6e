package org.airesilience.panel;

import com.typesafe.config.ConfigFactory;
import org.airesilience.config.Settings;
import org.airesilience.panel.catalog.IndicatorCatalog;
import org.airesilience.panel.expr.ExpressionException;
import org.airesilience.panel.spec.PanelSpec;
import org.airesilience.panel.yearbook.CellText;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.RegionGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec parsing, errors that name the file and line, the bundled specs and catalogue, and yearbook cell notation. */
class PanelSpecTest {
    @TempDir
    Path dir;

    private ExpressionException failure(String variables) throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "name = bad\nyears = \"2010-2012\"\nregions = [110000]\nvariables = \"\"\"\n" + variables + "\n\"\"\"\n");
        return assertThrows(ExpressionException.class, () -> new PanelBuilder(IndicatorCatalog.fromSettings(Settings.defaults()), RegionGroups.load())
                .build(PanelSpec.load(file, List.of()), dir, Gazetteer.load()));
    }

    @Test
    void errorsNameTheFileAndLine() throws Exception {
        // line 4 holds the opening quotes; the first statement is on line 5
        String path = dir.resolve("bad.conf").toString();
        ExpressionException unknown = failure("  a = gdp / population\n  b = gdp / foo");
        assertTrue(unknown.getMessage().startsWith(path + ":6: unknown name 'foo'"), unknown.getMessage());
        ExpressionException fn = failure("  a = lnn(gdp)");
        assertTrue(fn.getMessage().startsWith(path + ":5: unknown function 'lnn'"), fn.getMessage());
        ExpressionException dir = failure("\n  # comment\n  idx = entropy(gdp+, population)");
        assertTrue(dir.getMessage().startsWith(path + ":7: entropy(...): give each indicator a direction"), dir.getMessage());
        ExpressionException syntax = failure("  a = (gdp + 1");
        assertTrue(syntax.getMessage().startsWith(path + ":5: "), syntax.getMessage());
        ExpressionException level = failure("  a = fai / gdp");
        assertTrue(level.getMessage().startsWith(path + ":5: fai is a city indicator"), level.getMessage());
        ExpressionException order = failure("  a = b + 1\n  b = gdp");
        assertTrue(order.getMessage().startsWith(path + ":5: unknown name 'b'"), order.getMessage());
    }

    @Test
    void bundledSpecsParseAndCatalogueIsBundled() throws Exception {
        for (String name : List.of("provinces", "yangtze-cities")) {
            PanelSpec spec = PanelSpec.load(Path.of("conf/panels/" + name + ".conf"), List.of("540000", "810000", "820000", "710000"));
            assertEquals(name, spec.name());
        }
        PanelSpec a = PanelSpec.load(Path.of("conf/panels/provinces.conf"), List.of("540000", "810000", "820000", "710000"));
        List<String> names = a.variables().stream().map(s -> s.name()).toList();
        assertEquals(List.of("IR", "AI", "sagg", "dagg", "imitat", "inno", "mark", "fin", "gov", "edu", "infra", "pergdp",
                "ivAI", "ivHist"), names.subList(19, 33));
        assertEquals(30, PanelBuilder.regions(a, Gazetteer.load(), RegionGroups.load()).size());
        PanelSpec b = PanelSpec.load(Path.of("conf/panels/yangtze-cities.conf"), List.of());
        assertEquals(28, PanelBuilder.regions(b, Gazetteer.load(), RegionGroups.load()).size());
        assertEquals(List.of("AGG", "TIN", "AI", "POS", "NUE", "GRA", "VHT", "RD"), b.variables().stream().map(s -> s.name()).toList());
        // the jar carries the same catalogue as conf/
        assertEquals(Files.readString(Path.of("conf/indicators.conf")),
                new String(getClass().getClassLoader().getResourceAsStream("indicators.conf").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void yearbookCellNotation() {
        assertEquals(1234567.5, CellText.parse("1,234,567.5").value());
        assertEquals(1234.0, CellText.parse("1，234").value());
        assertEquals(123.0, CellText.parse("１２３").value());
        assertEquals(12.3, CellText.parse("12.3*").value());
        assertEquals(12.3, CellText.parse("12.3①").value());
        assertEquals(-4.5, CellText.parse("−4.5").value());
        CellText.Parsed pct = CellText.parse("12.5%");
        assertTrue(pct.percent());
        assertEquals(12.5, pct.value());
        for (String missing : List.of("", " ", "—", "——", "…", "...", "-", "NA", "n/a")) {
            assertEquals(CellText.Kind.MISSING, CellText.parse(missing).kind(), missing);
        }
        for (String bad : List.of("abc", "12..3", "1.2.3", "①", "12元")) {
            assertEquals(CellText.Kind.NON_NUMERIC, CellText.parse(bad).kind(), bad);
        }
    }
}
