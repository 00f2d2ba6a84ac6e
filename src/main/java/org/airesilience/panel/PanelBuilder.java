package org.airesilience.panel;

import org.airesilience.econometrics.data.Table;
import org.airesilience.panel.catalog.Indicator;
import org.airesilience.panel.catalog.IndicatorCatalog;
import org.airesilience.panel.expr.Analysis;
import org.airesilience.panel.expr.Evaluator;
import org.airesilience.panel.expr.ExpressionException;
import org.airesilience.panel.expr.Parser;
import org.airesilience.panel.impute.ImputationChain;
import org.airesilience.panel.impute.Imputation;
import org.airesilience.panel.spec.PanelSpec;
import org.airesilience.panel.yearbook.CellStore;
import org.airesilience.panel.yearbook.GazetteerRegions;
import org.airesilience.panel.yearbook.RegionIndex;
import org.airesilience.panel.yearbook.YearbookReader;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.airesilience.region.RegionGroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a panel from a spec: reads the yearbooks the spec needs (validating and quarantining cells), imputes the
 * indicators, joins the measures, and evaluates the variables and groups on the region-year grid.
 */
public final class PanelBuilder {
    /** One imputed cell. */
    public record ImputedCell(String regionCode, int year, String variable, String method, double value) {
    }

    /** A series left unimputed: fewer observed values than the chain's minimum. */
    public record ShortSeries(String regionCode, String variable, int observed, int missing) {
    }

    private final IndicatorCatalog catalog;
    private final RegionGroups groups;

    public PanelBuilder(IndicatorCatalog catalog, RegionGroups groups) {
        this.catalog = catalog;
        this.groups = groups;
    }

    /** The regions of a spec from the gazetteer, in code order. */
    public static List<Region> regions(PanelSpec spec, Gazetteer gazetteer, RegionGroups groups) {
        Region.Level level = spec.level().equals("city") ? Region.Level.CITY : Region.Level.PROVINCE;
        List<Region> ofLevel = level == Region.Level.CITY ? gazetteer.cities() : gazetteer.provinces();
        List<Region> out;
        if (spec.regions().equals(List.of("all"))) {
            out = ofLevel.stream().filter(r -> !spec.excludeProvinces().contains(r.provinceCode())).toList();
        } else {
            List<String> codes = spec.regions().size() == 1 && groups.list(spec.regions().get(0)) != null
                    ? groups.list(spec.regions().get(0)) : spec.regions();
            GazetteerRegions names = new GazetteerRegions(gazetteer, level, ofLevel);
            out = new ArrayList<>();
            for (String c : codes) {
                RegionIndex.Match m = names.match(c);
                if (m.kind() != RegionIndex.Kind.PANEL) {
                    throw new IllegalArgumentException(spec.file() + ": region '" + c + "' is not a " + spec.level() + " of the gazetteer");
                }
                out.add(ofLevel.get(m.index()));
            }
        }
        return out.stream().sorted(Comparator.comparing(Region::code)).distinct().toList();
    }

    /** Builds the panel of a spec over a lake, with the gazetteer's regions. */
    public PanelResult build(PanelSpec spec, Path lake, Gazetteer gazetteer) {
        List<Region> regions = regions(spec, gazetteer, groups);
        Region.Level level = spec.level().equals("city") ? Region.Level.CITY : Region.Level.PROVINCE;
        return build(spec, lake, new GazetteerRegions(gazetteer, level, regions));
    }

    /** Builds the panel of a spec over a lake with the given regions (the benchmark's synthetic counties). */
    public PanelResult build(PanelSpec spec, Path lake, RegionIndex regionIndex) {
        List<String> codes = regionIndex.codes();
        int first = spec.firstYear(), last = spec.lastYear();

        Map<String, Table> measures = new LinkedHashMap<>();
        for (String m : spec.measures()) measures.put(m, readMeasure(lake, m));
        List<Parser.Statement> all = new ArrayList<>(spec.variables());
        all.addAll(spec.groups());
        Analysis analysis = Analysis.of(all, name -> catalog.byId(name) != null || measureColumn(measures, name));
        checkLevels(all, spec, analysis);

        int gridFrom = first - analysis.maxNeed();
        int years = last - gridFrom + 1;
        Map<String, CellStore.Years> needed = new LinkedHashMap<>();
        for (String input : analysis.inputs()) {
            if (catalog.byId(input) == null) continue;
            int[] extra = analysis.atYears(input).stream().mapToInt(Integer::intValue).toArray();
            boolean onGrid = analysis.readOnGrid(input);
            int from = onGrid ? first - analysis.need(input) : (extra.length > 0 ? extra[0] : first);
            int to = onGrid ? last : from;
            needed.put(input, new CellStore.Years(from, to, extra));
        }

        CellStore store = new CellStore(catalog, regionIndex, needed);
        YearbookReader reader = new YearbookReader(store);
        Path raw = lake.resolve("raw").resolve("yearbooks");
        if (!needed.isEmpty()) reader.readAll(raw, spec.sources());

        Map<String, double[]> series = new HashMap<>();
        Map<String, boolean[]> imputed = new HashMap<>();
        Map<String, double[]> national = new HashMap<>();
        Map<String, double[]> atValues = new HashMap<>();
        List<ImputedCell> log = new ArrayList<>();
        List<ShortSeries> tooShort = new ArrayList<>();
        List<PanelResult.Coverage> coverage = new ArrayList<>();
        for (Map.Entry<String, CellStore.Years> e : needed.entrySet()) {
            String id = e.getKey();
            for (int y : e.getValue().extra()) atValues.put(id + "@" + y, store.series(id, y, y));
            if (store.hasNational(id)) national.put(id, store.national(id, gridFrom, last));
            if (!analysis.readOnGrid(id)) continue;
            double[] grid = store.series(id, gridFrom, last);
            boolean[] flags = new boolean[grid.length];
            int from = e.getValue().from();
            int w = last - from + 1;
            for (int y = from; y <= last; y++) {
                int present = 0;
                for (int r = 0; r < codes.size(); r++) if (!Double.isNaN(grid[r * years + (y - gridFrom)])) present++;
                coverage.add(new PanelResult.Coverage(id, y, codes.size(), present));
            }
            ImputationChain chain = spec.imputationByIndicator().getOrDefault(id, spec.imputation());
            for (int r = 0; r < codes.size(); r++) {
                double[] s = new double[w];
                System.arraycopy(grid, r * years + (from - gridFrom), s, 0, w);
                Imputation.Result res = Imputation.impute(s, chain);
                if (res.tooFew()) {
                    tooShort.add(new ShortSeries(codes.get(r), id, res.observed(), w - res.observed()));
                    continue;
                }
                for (int k = 0; k < w; k++) {
                    if (res.method()[k] == null) continue;
                    int row = r * years + (from - gridFrom) + k;
                    grid[row] = res.values()[k];
                    flags[row] = true;
                    log.add(new ImputedCell(codes.get(r), from + k, id, res.method()[k].label(), res.values()[k]));
                }
            }
            series.put(id, grid);
            imputed.put(id, flags);
        }
        for (Map.Entry<String, Table> m : measures.entrySet()) {
            for (String col : m.getValue().names()) {
                String name = m.getKey() + "." + col;
                if (analysis.inputs().contains(name)) {
                    series.put(name, measureOnGrid(m.getValue(), col, codes, gridFrom, last, name));
                    for (int y : analysis.atYears(name)) {
                        double[] one = measureOnGrid(m.getValue(), col, codes, y, y, name);
                        atValues.put(name + "@" + y, one);
                    }
                }
            }
        }

        Evaluator ev = new Evaluator(codes, gridFrom, first, last, groups, series, imputed, national, atValues);
        Map<String, Evaluator.Col> variables = new LinkedHashMap<>();
        for (Parser.Statement s : spec.variables()) variables.put(s.name(), ev.evaluate(s, analysis.need(s.name())));
        Map<String, Evaluator.Col> groupCols = new LinkedHashMap<>();
        for (Parser.Statement s : spec.groups()) groupCols.put(s.name(), ev.evaluate(s, analysis.need(s.name())));

        log.sort(Comparator.comparing(ImputedCell::regionCode).thenComparing(ImputedCell::variable)
                .thenComparingInt(ImputedCell::year));
        return new PanelResult(spec, codes, regionIndex.names(), gridFrom, first, last, variables, groupCols,
                ev.weights(), ev.notes(), log, tooShort, coverage, store, reader.files(), reader.skipped());
    }

    /** An indicator of the other level is an error on the first line that names it. */
    private void checkLevels(List<Parser.Statement> statements, PanelSpec spec, Analysis analysis) {
        for (String input : analysis.inputs()) {
            Indicator ind = catalog.byId(input);
            if (ind == null || ind.level().equals("any") || ind.level().equals(spec.level())) continue;
            java.util.regex.Pattern word = java.util.regex.Pattern.compile("(?<![\\w.])" + java.util.regex.Pattern.quote(input) + "(?![\\w.])");
            String where = statements.stream().filter(s -> word.matcher(s.text()).find()).map(Parser.Statement::where)
                    .findFirst().orElse(spec.file());
            throw new ExpressionException(where + ": " + input + " is a " + ind.level() + " indicator; this panel's level is "
                    + spec.level());
        }
    }

    private static boolean measureColumn(Map<String, Table> measures, String name) {
        int dot = name.indexOf('.');
        if (dot < 0) return false;
        Table t = measures.get(name.substring(0, dot));
        return t != null && t.has(name.substring(dot + 1)) && t.isNumeric(name.substring(dot + 1));
    }

    private static Table readMeasure(Path lake, String measure) {
        // The run the measure table's LATEST names (a measure published by the measure jobs), else the folder itself.
        Path file = org.airesilience.lake.LakeTable.currentLocal(lake.resolve("curated").resolve(measure))
                .resolve(measure + ".csv");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("measure '" + measure + "' not found: " + file + " (run the measure job first)");
        }
        try {
            Table t = Table.readCsv(file);
            for (String col : List.of("region_code", "year")) {
                if (!t.has(col)) throw new IllegalArgumentException(file + ": no column " + col);
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static double[] measureOnGrid(Table t, String col, List<String> codes, int from, int to, String name) {
        int years = to - from + 1;
        double[] out = new double[codes.size() * years];
        java.util.Arrays.fill(out, Double.NaN);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) index.put(codes.get(i), i);
        String[] region = t.text("region_code");
        double[] year = t.numeric("year");
        double[] v = t.numeric(col);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < t.rows(); i++) {
            Integer r = region[i] == null ? null : index.get(region[i]);
            int y = (int) year[i];
            if (r == null || y < from || y > to) continue;
            if (!seen.add((long) r * 10000 + y)) {
                throw new IllegalArgumentException(name + ": two rows for " + region[i] + " " + y);
            }
            out[r * years + (y - from)] = v[i];
        }
        return out;
    }
}
