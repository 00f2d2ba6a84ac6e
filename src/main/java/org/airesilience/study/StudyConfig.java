package org.airesilience.study;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import org.airesilience.config.ConfiguredFiles;
import org.airesilience.study.StudySpec.FigureSpec;
import org.airesilience.study.StudySpec.ModelOption;
import org.airesilience.study.StudySpec.ModelSpec;
import org.airesilience.study.StudySpec.RowSpec;
import org.airesilience.study.StudySpec.TableSpec;
import org.airesilience.study.StudySpec.Variable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a study config ({@code conf/studies/<id>.conf}, HOCON):
 * <pre>
 * id = ai-resilience, title = "...", panel = "conf/panels/provinces.conf"   (or data = "path/to/panel.csv")
 * defaults { command = estimate, panel = "region_code,year" }               (merged under every model)
 * variables = [ { symbol = IR, name = 制造业韧性, definition = "..." } ]
 * tables = [ { id = table3, title = "...", layout = regression, defaults { ... },
 *              columns = [ { label = "模型 1", formula = "IR ~ AI | region_code" }, ... ],
 *              rows = [ { term = AI }, { effect = year, label = 时间固定效应 }, { value = nobs, label = 观测值 } ],
 *              notes = [ "..." ] } ]
 * figures = [ { id = figure1, kind = model, model { command = placebo, ... } } ]
 * </pre>
 * A model's keys are the options of its command, named as on the command line without the dashes; {@code sample}
 * may group the sample options ({@code where}, {@code winsorize}, {@code winsor-cuts}). Every mistake found is
 * reported with its file, line and key, all at once, before anything runs.
 */
public final class StudyConfig {
    /** {@code let} holds values shared through HOCON substitutions (${let.controls}); the study ignores it. */
    static final Set<String> STUDY_KEYS = Set.of("id", "title", "panel", "data", "let", "defaults", "variables", "tables",
            "figures");
    static final Set<String> TABLE_KEYS = Set.of("id", "title", "layout", "stub", "defaults", "columns", "rows",
            "stats", "stage-labels", "notes", "digits", "below", "below-digits");
    /** Keys of a model entry that are not command options. */
    static final Set<String> MODEL_KEYS = Set.of("label", "command", "step", "group", "dependent", "sample", "plot");
    static final Set<String> LAYOUTS = Set.of("regression", "describe", "thresholds");
    static final Map<String, Set<String>> ROW_KINDS = Map.of(
            "term", Set.of("term", "label"),
            "controls", Set.of("controls", "label", "yes", "no"),
            "effect", Set.of("effect", "label", "yes", "no"),
            "value", Set.of("value", "label", "stars", "digits", "percent"),
            "test", Set.of("test", "label", "show", "digits"),
            "variable", Set.of("variable", "label"));
    static final Set<String> FIGURE_KINDS = Set.of("ai-by-group", "heatmap", "entropy-weights", "model");
    static final Set<String> STEPS = Set.of("total_effect", "mediator", "outcome");

    private final Path file;
    private final List<String> problems = new ArrayList<>();

    private StudyConfig(Path file) {
        this.file = file;
    }

    /** Parses and validates {@code file}; throws {@link StudyConfigException} listing every problem found. */
    public static StudySpec load(Path given) {
        Path file = located(given);
        ConfigObject root;
        try {
            root = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .resolve(ConfigResolveOptions.defaults()).root();
        } catch (ConfigException e) {
            throw new StudyConfigException(List.of(e.getMessage()));
        }
        StudyConfig c = new StudyConfig(file);
        StudySpec spec = c.study(root);
        if (!c.problems.isEmpty()) throw new StudyConfigException(c.problems);
        return spec;
    }

    /** The panel spec a study config names, read without validating the rest (null when it names data instead). */
    public static String panelSpec(Path given) {
        Path file = located(given);
        var c = ConfigFactory.parseFile(file.toFile()).resolve();
        return c.hasPath("panel") ? c.getString("panel") : null;
    }

    /** The study config file: the path, else a file of that name shipped with spark-submit --files. */
    private static Path located(Path given) {
        try {
            return ConfiguredFiles.resolvePath("study config", given.toString());
        } catch (IllegalArgumentException e) {
            throw new StudyConfigException(List.of(given + ": study config not found (" + e.getMessage() + ")"));
        }
    }

    private StudySpec study(ConfigObject o) {
        keys(o, "", STUDY_KEYS);
        String id = string(o, "id", "", true);
        String title = string(o, "title", "", false);
        String panel = string(o, "panel", "", false);
        String data = string(o, "data", "", false);
        if (panel == null && data == null) problems.add(new Located(file, -1, "panel").problem(
                "a study needs panel (a panel spec) or data (a panel CSV)"));
        if (id != null && !id.matches("[A-Za-z0-9._-]+")) {
            problems.add(at(o, "id", "").problem("use letters, digits, '.', '_' or '-' only (it names a folder)"));
        }
        ConfigObject defaults = object(o, "defaults", "");
        List<Variable> variables = new ArrayList<>();
        int vi = 0;
        for (ConfigObject v : objects(o, "variables", "")) {
            String p = "variables[" + vi++ + "].";
            keys(v, p, Set.of("symbol", "name", "definition"));
            variables.add(new Variable(string(v, "symbol", p, true), string(v, "name", p, false),
                    string(v, "definition", p, false)));
        }
        List<TableSpec> tables = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        int ti = 0;
        for (ConfigObject t : objects(o, "tables", "")) {
            TableSpec spec = table(t, "tables[" + ti++ + "].", defaults);
            if (spec.id() != null && !ids.add(spec.id())) {
                problems.add(at(t, "id", "tables[" + (ti - 1) + "].").problem("duplicate table id " + spec.id()));
            }
            tables.add(spec);
        }
        List<FigureSpec> figures = new ArrayList<>();
        int fi = 0;
        for (ConfigObject f : objects(o, "figures", "")) figures.add(figure(f, "figures[" + fi++ + "].", defaults));
        return new StudySpec(file, id, title == null ? id : title, panel, data, variables, tables, figures);
    }

    private TableSpec table(ConfigObject t, String p, ConfigObject studyDefaults) {
        keys(t, p, TABLE_KEYS);
        String id = string(t, "id", p, true);
        String layout = string(t, "layout", p, false);
        if (layout == null) layout = "regression";
        if (!LAYOUTS.contains(layout)) problems.add(at(t, "layout", p).problem("unknown layout '" + layout + "' (one of " + new TreeSet<>(LAYOUTS) + ")"));
        ConfigObject defaults = merge(object(t, "defaults", p), studyDefaults);
        List<ModelSpec> columns = new ArrayList<>();
        int ci = 0;
        for (ConfigObject c : objects(t, "columns", p)) {
            columns.add(model(c, defaults, p + "columns[" + ci + "].", id, ci));
            ci++;
        }
        if (columns.isEmpty()) problems.add(at(t, "columns", p).problem("a table needs at least one column (model)"));
        List<RowSpec> rows = new ArrayList<>();
        int ri = 0;
        for (ConfigObject r : objects(t, "rows", p)) rows.add(row(r, p + "rows[" + ri++ + "]."));
        List<Map<String, String>> stats = new ArrayList<>();
        int si = 0;
        for (ConfigObject s : objects(t, "stats", p)) {
            String sp = p + "stats[" + si++ + "].";
            keys(s, sp, Set.of("stat", "label"));
            Map<String, String> m = new LinkedHashMap<>();
            m.put("stat", string(s, "stat", sp, true));
            String label = string(s, "label", sp, false);
            m.put("label", label == null ? m.get("stat") : label);
            stats.add(m);
        }
        Integer digits = integer(t, "digits", p);
        Integer belowDigits = integer(t, "below-digits", p);
        String below = string(t, "below", p, false);
        if (below != null && !below.equals("t") && !below.equals("se")) {
            problems.add(at(t, "below", p).problem("'t' (t or z statistic) or 'se' (standard error), got '" + below + "'"));
        }
        String stub = string(t, "stub", p, false);
        return new TableSpec(id, string(t, "title", p, false) == null ? id : string(t, "title", p, false), layout,
                stub == null ? "变量" : stub, columns, rows, stats, strings(t, "stage-labels", p), strings(t, "notes", p),
                digits == null ? 3 : digits, below == null ? "t" : below,
                belowDigits != null ? belowDigits : digits == null ? 3 : digits);
    }

    private RowSpec row(ConfigObject r, String p) {
        String kind = null;
        for (String k : new TreeSet<>(ROW_KINDS.keySet())) {
            if (r.containsKey(k)) {
                if (kind != null) {
                    problems.add(at(r, k, p).problem("a row is one of " + new TreeSet<>(ROW_KINDS.keySet())
                            + "; this one says both " + kind + " and " + k));
                    return new RowSpec("invalid", "", Map.of());
                }
                kind = k;
            }
        }
        if (kind == null) {
            problems.add(new Located(file, r.origin().lineNumber(), p.isEmpty() ? "row" : p.substring(0, p.length() - 1))
                    .problem("a row needs one of " + new TreeSet<>(ROW_KINDS.keySet())));
            return new RowSpec("invalid", "", Map.of());
        }
        keys(r, p, ROW_KINDS.get(kind));
        Map<String, Object> params = new LinkedHashMap<>();
        for (String k : new TreeMap<>(r).keySet()) params.put(k, r.get(k).unwrapped());
        if (kind.equals("test")) {
            String show = string(r, "show", p, false);
            if (show != null && !Set.of("statistic", "p_value", "statistic_p").contains(show)) {
                problems.add(at(r, "show", p).problem("statistic, p_value or statistic_p, got '" + show + "'"));
            }
        }
        String label = string(r, "label", p, false);
        if (label == null) label = params.get(kind) instanceof List<?> l ? l.get(0).toString() : String.valueOf(params.get(kind));
        return new RowSpec(kind, label, params);
    }

    private FigureSpec figure(ConfigObject f, String p, ConfigObject studyDefaults) {
        keys(f, p, Set.of("id", "title", "kind", "variable", "group", "model"));
        String kind = string(f, "kind", p, true);
        if (kind != null && !FIGURE_KINDS.contains(kind)) {
            problems.add(at(f, "kind", p).problem("unknown figure kind '" + kind + "' (one of " + new TreeSet<>(FIGURE_KINDS) + ")"));
        }
        String id = string(f, "id", p, true);
        Map<String, String> params = new LinkedHashMap<>();
        for (String k : List.of("variable", "group")) {
            String v = string(f, k, p, false);
            if (v != null) params.put(k, v);
        }
        ModelSpec model = null;
        if ("model".equals(kind)) {
            ConfigObject m = object(f, "model", p);
            if (m == null) problems.add(at(f, "kind", p).problem("a figure of kind model needs a model { ... }"));
            else {
                // The figure is what this model draws, so it always plots.
                ModelSpec ms = model(m, studyDefaults, p + "model.", id, 0);
                model = new ModelSpec(ms.table(), ms.index(), ms.label(), ms.command(), ms.options(), ms.step(),
                        ms.group(), ms.dependent(), true);
                if (ms.command() != null && !ModelCommands.plots(ms.command())) {
                    problems.add(at(m, "command", p + "model.").problem(ms.command() + " draws no figure (threshold and placebo do)"));
                }
            }
        } else if ("entropy-weights".equals(kind) || "heatmap".equals(kind) || "ai-by-group".equals(kind)) {
            if (!params.containsKey("variable")) problems.add(at(f, "kind", p).problem(kind + " needs variable"));
            if ("ai-by-group".equals(kind) && !params.containsKey("group")) problems.add(at(f, "kind", p).problem(kind + " needs group"));
        }
        String title = string(f, "title", p, false);
        return new FigureSpec(id, title == null ? id : title, kind, params, model);
    }

    /**
     * A model entry merged over its defaults. A default the model's command has no option for is left out when
     * another model command has that option (defaults serve several commands); anything else unknown is an error.
     */
    private ModelSpec model(ConfigObject own, ConfigObject defaults, String p, String table, int index) {
        ConfigObject m = merge(own, defaults);
        String commandName = m.get("command") == null ? null : String.valueOf(m.get("command").unwrapped());
        if (commandName != null && ModelCommands.COMMANDS.contains(commandName)) {
            for (String k : new TreeMap<>(m).keySet()) {
                if (!own.containsKey(k) && !MODEL_KEYS.contains(k) && !ModelCommands.has(commandName, k)
                        && ModelCommands.anyHas(k)) {
                    m = m.withoutKey(k);
                }
            }
        }
        ConfigObject sample = object(m, "sample", p);
        String command = string(m, "command", p, true);
        Map<String, ModelOption> options = new LinkedHashMap<>();
        for (String k : new TreeMap<>(m).keySet()) {
            // null unsets a key inherited from defaults
            if (MODEL_KEYS.contains(k) || m.get(k).valueType() == ConfigValueType.NULL) continue;
            options.put(k, new ModelOption(k, m.get(k).unwrapped(), Located.of(file, m.get(k), p + k)));
        }
        if (sample != null) {
            for (String k : new TreeMap<>(sample).keySet()) {
                if (options.containsKey(k)) problems.add(Located.of(file, sample.get(k), p + "sample." + k).problem("set twice (also outside sample)"));
                options.put(k, new ModelOption(k, sample.get(k).unwrapped(), Located.of(file, sample.get(k), p + "sample." + k)));
            }
        }
        if (command != null) problems.addAll(ModelCommands.check(command, options, at(m, "command", p)));
        String step = string(m, "step", p, false);
        if (step != null && !STEPS.contains(step)) problems.add(at(m, "step", p).problem("a mediation step is one of " + new TreeSet<>(STEPS)));
        if (step != null && command != null && !command.equals("mediate")) problems.add(at(m, "step", p).problem("only a mediate model has steps"));
        String group = string(m, "group", p, false);
        if (group != null && command != null && !command.equals("compare")) problems.add(at(m, "group", p).problem("only a compare model has groups"));
        Boolean plot = bool(m, "plot", p);
        if (Boolean.TRUE.equals(plot) && command != null && !ModelCommands.plots(command)) {
            problems.add(at(m, "plot", p).problem(command + " draws no figure (threshold and placebo do)"));
        }
        String label = string(m, "label", p, false);
        return new ModelSpec(table, index, label == null ? "(" + (index + 1) + ")" : label, command, options, step,
                group, string(m, "dependent", p, false), Boolean.TRUE.equals(plot));
    }

    // ---- typed access with located errors ----

    private Located at(ConfigObject o, String key, String prefix) {
        ConfigValue v = o.get(key);
        return new Located(file, v != null ? v.origin().lineNumber() : o.origin().lineNumber(), prefix + key);
    }

    private void keys(ConfigObject o, String prefix, Set<String> allowed) {
        for (String k : new TreeMap<>(o).keySet()) {
            if (!allowed.contains(k)) {
                problems.add(at(o, k, prefix).problem("unknown key (expected one of " + new TreeSet<>(allowed) + ")"));
            }
        }
    }

    private static ConfigObject merge(ConfigObject o, ConfigObject defaults) {
        if (o == null) return defaults;
        return defaults == null ? o : o.withFallback(defaults);
    }

    private String string(ConfigObject o, String key, String prefix, boolean required) {
        ConfigValue v = o.get(key);
        if (v == null || v.valueType() == ConfigValueType.NULL) {
            if (required) problems.add(new Located(file, o.origin().lineNumber(), prefix + key).problem("required key missing"));
            return null;
        }
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
            problems.add(at(o, key, prefix).problem("expected a single value, found " + v.valueType().name().toLowerCase()));
            return null;
        }
        return v.unwrapped().toString();
    }

    private Integer integer(ConfigObject o, String key, String prefix) {
        String s = string(o, key, prefix, false);
        if (s == null) return null;
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            problems.add(at(o, key, prefix).problem("expected a whole number, got '" + s + "'"));
            return null;
        }
    }

    private Boolean bool(ConfigObject o, String key, String prefix) {
        ConfigValue v = o.get(key);
        if (v == null) return null;
        if (v.valueType() != ConfigValueType.BOOLEAN) {
            problems.add(at(o, key, prefix).problem("expected true or false"));
            return null;
        }
        return (Boolean) v.unwrapped();
    }

    private ConfigObject object(ConfigObject o, String key, String prefix) {
        ConfigValue v = o.get(key);
        if (v == null) return null;
        if (v.valueType() != ConfigValueType.OBJECT) {
            problems.add(at(o, key, prefix).problem("expected an object { ... }"));
            return null;
        }
        return (ConfigObject) v;
    }

    private List<ConfigObject> objects(ConfigObject o, String key, String prefix) {
        ConfigValue v = o.get(key);
        if (v == null) return List.of();
        if (v.valueType() != ConfigValueType.LIST) {
            problems.add(at(o, key, prefix).problem("expected a list [ { ... }, ... ]"));
            return List.of();
        }
        List<ConfigObject> out = new ArrayList<>();
        int i = 0;
        for (ConfigValue e : (ConfigList) v) {
            if (e.valueType() != ConfigValueType.OBJECT) {
                problems.add(Located.of(file, e, prefix + key + "[" + i + "]").problem("expected an object { ... }"));
            } else {
                out.add((ConfigObject) e);
            }
            i++;
        }
        return out;
    }

    private List<String> strings(ConfigObject o, String key, String prefix) {
        ConfigValue v = o.get(key);
        if (v == null) return List.of();
        if (v.valueType() == ConfigValueType.LIST) {
            return ((ConfigList) v).stream().map(e -> e.unwrapped().toString()).toList();
        }
        if (v.valueType() == ConfigValueType.OBJECT) {
            problems.add(at(o, key, prefix).problem("expected a list of strings"));
            return List.of();
        }
        return List.of(v.unwrapped().toString());
    }
}
