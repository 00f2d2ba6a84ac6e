package org.airesilience.panel.spec;

import com.typesafe.config.Config;
import org.airesilience.config.ConfiguredFiles;
import org.airesilience.config.Settings;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import org.airesilience.measure.MeasureTables;
import org.airesilience.panel.expr.Parser;
import org.airesilience.panel.impute.ImputationChain;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A panel spec ({@code conf/panels/<name>.conf}, HOCON): the panel's name, level, years and regions, the yearbook
 * files it reads, the measures it joins, how missing indicator values are imputed, and its variables and group
 * columns as statements of the panel language (see {@link Parser}).
 *
 * @param regions          {@code all} (every region of the level outside the excluded provinces), the name of a
 *                         bundled group ({@code middle-yangtze}), or a list of codes
 * @param excludeProvinces provinces left out of {@code all}
 * @param sources          globs over the paths under {@code <lake>/raw/yearbooks/}
 * @param measures         curated measures joined ({@code ai_measure}, {@code text_measure}), read from
 *                         {@code <lake>/curated/<measure>/<measure>.csv}
 */
public record PanelSpec(String file, String name, String level, int firstYear, int lastYear, List<String> regions,
                        List<String> excludeProvinces, List<String> sources, List<String> measures,
                        ImputationChain imputation, Map<String, ImputationChain> imputationByIndicator,
                        List<Parser.Statement> variables, List<Parser.Statement> groups) {

    /** The columns of the panel this spec builds, in the order panel.csv has them. */
    public List<String> columns() {
        List<String> out = new java.util.ArrayList<>(List.of("region_code", "region_name", "year"));
        variables.forEach(v -> out.add(v.name()));
        variables.forEach(v -> out.add(v.name() + "_imputed"));
        groups.forEach(g -> out.add(g.name()));
        return out;
    }

    /** Loads a panel spec found as every configured file is: the path, else shipped with --files, else the jar. */
    public static PanelSpec load(Path file, List<String> defaultExcluded) {
        Settings.SettingFile f = ConfiguredFiles.resolve("panel spec", file.toString(), null, null);
        String origin = f.location();
        Config c;
        try {
            c = f.parse().resolve();
        } catch (ConfigException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
        return parse(c, origin, defaultExcluded);
    }

    public static PanelSpec parse(Config c, String origin, List<String> defaultExcluded) {
        try {
            String name = c.getString("name");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException(at(c, origin, "name") + ": name must be letters, digits, '-', '_' or '.' (it names the output folder)");
            }
            String level = c.hasPath("level") ? c.getString("level") : "province";
            if (!level.equals("province") && !level.equals("city")) {
                throw new IllegalArgumentException(at(c, origin, "level") + ": level must be province or city, got '" + level + "'");
            }
            int[] years;
            try {
                years = MeasureTables.parseYears(c.getString("years"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at(c, origin, "years") + ": " + e.getMessage(), e);
            }
            List<String> regions = !c.hasPath("regions") ? List.of("all")
                    : c.getValue("regions").valueType() == ConfigValueType.LIST ? c.getStringList("regions")
                    : List.of(c.getString("regions"));
            List<String> excluded = c.hasPath("exclude-provinces") ? c.getStringList("exclude-provinces") : defaultExcluded;
            List<String> sources = c.hasPath("sources") ? c.getStringList("sources") : List.of("**");
            List<String> measures = c.hasPath("measures") ? c.getStringList("measures") : List.of();
            for (String m : measures) {
                if (!m.matches("[A-Za-z0-9_]+")) throw new IllegalArgumentException(at(c, origin, "measures") + ": '" + m + "' is not a measure name");
            }
            ImputationChain chain = ImputationChain.DEFAULT;
            Map<String, ImputationChain> byIndicator = new LinkedHashMap<>();
            if (c.hasPath("imputation")) {
                Config ic = c.getConfig("imputation");
                chain = chain(ic, ImputationChain.DEFAULT, origin);
                if (ic.hasPath("indicators")) {
                    Config per = ic.getConfig("indicators");
                    for (String id : per.root().keySet()) byIndicator.put(id, chain(per.getConfig(id), chain, origin));
                }
            }
            return new PanelSpec(origin, name, level, years[0], years[1], regions, excluded, sources, measures, chain,
                    byIndicator, statements(c, "variables", origin), statements(c, "groups", origin));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static ImputationChain chain(Config c, ImputationChain base, String origin) {
        List<ImputationChain.Method> methods = base.methods();
        if (c.hasPath("chain")) {
            try {
                methods = c.getStringList("chain").stream().map(ImputationChain.Method::parse).toList();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at(c, origin, "chain") + ": " + e.getMessage(), e);
            }
        }
        int k = c.hasPath("k") ? c.getInt("k") : base.k();
        int min = c.hasPath("min-observed") ? c.getInt("min-observed") : base.minObserved();
        return new ImputationChain(methods, k, min);
    }

    private static List<Parser.Statement> statements(Config c, String key, String origin) {
        if (!c.hasPath(key)) return List.of();
        ConfigValue v = c.getValue(key);
        String block = c.getString(key);
        // the origin of a multi-line string is the line it ends on
        int line = v.origin().lineNumber() - (int) block.chars().filter(ch -> ch == '\n').count();
        return Parser.statements(block, origin, line);
    }

    private static String at(Config c, String origin, String key) {
        return c.hasPath(key) ? origin + ":" + c.getValue(key).origin().lineNumber() : origin;
    }
}
