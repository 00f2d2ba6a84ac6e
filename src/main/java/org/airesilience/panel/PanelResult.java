package org.airesilience.panel;

import org.airesilience.panel.expr.Evaluator;
import org.airesilience.panel.spec.PanelSpec;
import org.airesilience.panel.yearbook.CellStore;
import org.airesilience.panel.yearbook.QuarantineReason;
import org.airesilience.panel.yearbook.QuarantinedCell;
import org.airesilience.panel.yearbook.YearbookReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A built panel: its columns on the region-year grid and everything the run read, quarantined and imputed. */
public record PanelResult(PanelSpec spec, List<String> regionCodes, List<String> regionNames, int gridFrom,
                          int firstYear, int lastYear, Map<String, Evaluator.Col> variables,
                          Map<String, Evaluator.Col> groups, List<Evaluator.Weights> weights,
                          Map<String, String> locationQuotientTotals, List<PanelBuilder.ImputedCell> imputationLog,
                          List<PanelBuilder.ShortSeries> notImputed, List<Coverage> coverage, CellStore cells,
                          List<String> files, List<YearbookReader.SkippedTable> skippedTables) {

    /** Share of the panel's regions with a value (before imputation) of an indicator in a year. */
    public record Coverage(String indicator, int year, int regions, int present) {
        public double share() {
            return regions == 0 ? 0 : (double) present / regions;
        }
    }

    /** Panel rows: regions in order, each with the panel years. */
    public int rows() {
        return regionCodes.size() * (lastYear - firstYear + 1);
    }

    /** The grid row of panel row {@code i}. */
    public int gridRow(int i) {
        int years = lastYear - firstYear + 1;
        int gridYears = lastYear - gridFrom + 1;
        return (i / years) * gridYears + (firstYear - gridFrom) + i % years;
    }

    public int year(int i) {
        return firstYear + i % (lastYear - firstYear + 1);
    }

    public int region(int i) {
        return i / (lastYear - firstYear + 1);
    }

    /** A numeric column's values for the panel rows. */
    public double[] values(String variable) {
        Evaluator.Col c = variables.containsKey(variable) ? variables.get(variable) : groups.get(variable);
        double[] out = new double[rows()];
        for (int i = 0; i < out.length; i++) out[i] = c.v()[gridRow(i)];
        return out;
    }

    public Map<QuarantineReason, Long> quarantinedByReason() {
        Map<QuarantineReason, Long> m = new TreeMap<>();
        for (QuarantinedCell q : cells.quarantine()) m.merge(q.reason(), 1L, Long::sum);
        return m;
    }

    /** The validation report ({@code validation.json}). */
    public Map<String, Object> validation(String policy, String quarantineFile) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("panel", spec.name());
        m.put("spec", spec.file());
        m.put("level", spec.level());
        m.put("years", List.of(firstYear, lastYear));
        m.put("regions", regionCodes.size());
        m.put("rows", rows());
        m.put("policy", policy);
        m.put("catalogue", cells.catalog().origin());
        m.put("files", files);
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (YearbookReader.SkippedTable t : skippedTables) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("file", t.file());
            s.put("sheet", t.sheet());
            s.put("reason", t.reason());
            skipped.add(s);
        }
        m.put("skipped_tables", skipped);
        long quarantined = cells.quarantine().size();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("read", cells.read());
        counts.put("used", cells.used());
        counts.put("quarantined", quarantined);
        counts.put("unused", cells.unused());
        counts.put("read_equals_used_plus_quarantined_plus_unused", cells.read() == cells.used() + quarantined + cells.unused());
        counts.put("missing_marks", cells.missingMarks());
        counts.put("agreeing_duplicates", cells.agreeingDuplicates());
        m.put("cells", counts);
        Map<String, Long> byReason = new LinkedHashMap<>();
        quarantinedByReason().forEach((k, v) -> byReason.put(k.name(), v));
        m.put("quarantined_by_reason", byReason);
        m.put("quarantine_file", quarantineFile);
        Map<String, Object> unused = new LinkedHashMap<>();
        unused.put("indicators_not_in_catalogue", cells.unknownIndicators());
        unused.put("indicators_not_used_by_panel", cells.unusedIndicators());
        unused.put("outside_panel", cells.unusedByReason());
        m.put("unused", unused);
        Map<String, Object> imputation = new LinkedHashMap<>();
        imputation.put("cells", imputationLog.size());
        Map<String, Long> byMethod = new TreeMap<>();
        for (PanelBuilder.ImputedCell c : imputationLog) byMethod.merge(c.method(), 1L, Long::sum);
        imputation.put("by_method", byMethod);
        List<Map<String, Object>> shortSeries = new ArrayList<>();
        for (PanelBuilder.ShortSeries s : notImputed) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("region_code", s.regionCode());
            e.put("variable", s.variable());
            e.put("observed", s.observed());
            e.put("missing", s.missing());
            shortSeries.add(e);
        }
        imputation.put("series_not_imputed", shortSeries);
        m.put("imputation", imputation);
        m.put("location_quotient_totals", locationQuotientTotals);
        return m;
    }
}
