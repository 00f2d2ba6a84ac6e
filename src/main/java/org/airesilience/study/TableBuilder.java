package org.airesilience.study;

import org.airesilience.econometrics.cli.RegressionTable;
import org.airesilience.report.table.ResultTable;
import org.airesilience.report.table.ResultTable.Row;
import org.airesilience.study.StudySpec.ModelSpec;
import org.airesilience.study.StudySpec.RowSpec;
import org.airesilience.study.StudySpec.TableSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lays out a table from its spec and the JSON each model's command wrote. Regression layout: a column per model;
 * a coefficient is its estimate with stars (* p &lt; 0.10, ** p &lt; 0.05, *** p &lt; 0.01) and, on the line below, its
 * t (or z) statistic or standard error in parentheses. Describe layout: a row per variable. Thresholds layout: a
 * row per threshold stage of each model, with F, p-value, estimate and 95% LR interval, replications and the
 * bootstrap critical values.
 */
public final class TableBuilder {
    private TableBuilder() {
    }

    public static ResultTable build(TableSpec spec, List<Map<String, Object>> models) {
        List<ResultTable.Model> jsons = new ArrayList<>();
        for (int i = 0; i < spec.columns().size(); i++) {
            jsons.add(new ResultTable.Model(spec.columns().get(i).label(), models.get(i)));
        }
        return switch (spec.layout()) {
            case "describe" -> describe(spec, models.get(0), jsons);
            case "thresholds" -> thresholds(spec, models, jsons);
            default -> regression(spec, models, jsons);
        };
    }

    // ---- regression layout ----

    private static ResultTable regression(TableSpec spec, List<Map<String, Object>> models, List<ResultTable.Model> jsons) {
        List<ModelSpec> cols = spec.columns();
        List<String> labels = cols.stream().map(ModelSpec::label).toList();
        List<Row> header = new ArrayList<>();
        if (cols.stream().anyMatch(c -> c.dependent() != null)) {
            header.add(new Row("", cols.stream().map(c -> c.dependent() == null ? "" : c.dependent()).toList(), "header"));
        }
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>(spec.notes());
        for (int i = 0; i < cols.size(); i++) {
            if (models.get(i).get(NOT_ESTIMABLE_KEY) instanceof String why) notes.add(labels.get(i) + ":" + NOT_ESTIMABLE + "(" + why + ")");
        }
        for (RowSpec r : spec.rows()) {
            List<String> first = new ArrayList<>();
            List<String> second = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                Map<String, Object> root = models.get(i);
                if (root.get(NOT_ESTIMABLE_KEY) instanceof String) {
                    // the column's first row says so, the notes say why
                    first.add(rows.isEmpty() ? NOT_ESTIMABLE : "");
                    second.add("");
                    continue;
                }
                Map<String, Object> view = view(cols.get(i), root);
                switch (r.kind()) {
                    case "term" -> {
                        Map<String, Object> c = coefficient(view, r.strings("term"));
                        first.add(c == null ? "" : number(c.get("estimate"), spec.digits()) + stars(c.get("p_value")));
                        Object below = c == null ? null : c.get(spec.below().equals("se") ? "std_error" : "statistic");
                        second.add(c == null || below == null ? "" : "(" + number(below, spec.belowDigits()) + ")");
                    }
                    case "controls" -> first.add(hasAny(view, r.strings("controls"))
                            ? or(r.string("yes"), "Yes") : or(r.string("no"), ""));
                    case "effect" -> first.add(hasEffect(cols.get(i), view, r.string("effect"))
                            ? or(r.string("yes"), "Yes") : or(r.string("no"), "No"));
                    case "value" -> first.add(value(view, root, r, spec.digits()));
                    case "test" -> first.add(test(view, root, r, spec.digits()));
                    default -> first.add("");
                }
            }
            boolean coefficient = r.kind().equals("term");
            rows.add(new Row(r.label(), first, coefficient ? "coefficients" : "statistics"));
            if (coefficient) rows.add(new Row("", second, "coefficients"));
        }
        return new ResultTable(spec.id(), spec.title(), spec.stub(), labels, header, rows, notes, jsons);
    }

    /** The part of a command's JSON whose coefficients a column shows: a mediation step, a comparison group. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> view(ModelSpec m, Map<String, Object> root) {
        if (m.command().equals("mediate")) {
            Map<String, Object> steps = (Map<String, Object>) root.get("steps");
            return (Map<String, Object>) steps.get(m.step() == null ? "outcome" : m.step());
        }
        if (m.command().equals("compare")) {
            List<Map<String, Object>> groups = (List<Map<String, Object>>) root.get("groups");
            for (Map<String, Object> g : groups) {
                if (m.group() == null || String.valueOf(g.get("group")).equals(m.group())
                        || number(g.get("group"), 0).equals(m.group())) {
                    return (Map<String, Object>) g.get("result");
                }
            }
            throw new IllegalArgumentException(m.id() + ": no group '" + m.group() + "' in the comparison");
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> coefficient(Map<String, Object> view, List<String> terms) {
        Object list = view.get("coefficients");
        if (!(list instanceof List<?>)) return null;
        for (String t : terms) {
            for (Map<String, Object> c : (List<Map<String, Object>>) list) if (t.equals(c.get("term"))) return c;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static boolean hasAny(Map<String, Object> view, List<String> terms) {
        Object list = view.get("coefficients");
        if (!(list instanceof List<?>)) return false;
        for (Map<String, Object> c : (List<Map<String, Object>>) list) if (terms.contains(String.valueOf(c.get("term")))) return true;
        return false;
    }

    /**
     * Whether a model has the fixed effect {@code effect}: absorbed in the formula's second part, entered as factor
     * dummies (terms named effect::level, i.effect, factor(effect)), the unit of a fixed-effects or threshold model,
     * or the period of a model with --time-effects.
     */
    @SuppressWarnings("unchecked")
    static boolean hasEffect(ModelSpec m, Map<String, Object> view, String effect) {
        Object formula = m.options().containsKey("formula") ? m.options().get("formula").value() : null;
        if (formula != null) {
            String[] parts = formula.toString().split("\\|");
            if (parts.length > 1) {
                for (String fe : parts[1].split("\\+")) if (fe.trim().equals(effect)) return true;
            }
        }
        Object list = view.get("coefficients");
        if (list instanceof List<?>) {
            for (Map<String, Object> c : (List<Map<String, Object>>) list) {
                String t = String.valueOf(c.get("term"));
                if (t.startsWith(effect + "::") || t.startsWith("i." + effect) || t.startsWith("factor(" + effect + ")")) return true;
            }
        }
        Object panel = m.options().containsKey("panel") ? m.options().get("panel").value() : null;
        List<String> keys = panel instanceof List<?> l ? l.stream().map(Object::toString).toList()
                : panel == null ? List.of() : List.of(panel.toString().split(","));
        if (keys.size() == 2) {
            boolean unitModel = m.command().equals("threshold") || (m.command().equals("gmm"))
                    || "fe".equals(option(m, "estimator"));
            if (unitModel && keys.get(0).trim().equals(effect)) return true;
            if (keys.get(1).trim().equals(effect) && Boolean.TRUE.equals(m.options().containsKey("time-effects")
                    ? m.options().get("time-effects").value() : null)) return true;
        }
        return false;
    }

    private static String option(ModelSpec m, String name) {
        return m.options().containsKey(name) ? String.valueOf(m.options().get(name).value()) : null;
    }

    private static String value(Map<String, Object> view, Map<String, Object> root, RowSpec r, int digits) {
        Object v = null;
        for (String candidate : r.strings("value")) {
            v = path(view, root, candidate);
            if (v != null) break;
        }
        if (v == null) return "";
        int d = r.string("digits") != null ? Integer.parseInt(r.string("digits")) : digits;
        String text;
        if (v instanceof Map<?, ?> map) {
            // A block of numbers (Stock-Yogo's critical values) in the JSON's order, which the row's label names.
            List<String> parts = new ArrayList<>();
            map.forEach((k, x) -> parts.add(number(x, d)));
            text = String.join(" / ", parts);
        } else if (Boolean.parseBoolean(r.string("percent"))) {
            text = number(((Number) v).doubleValue() * 100, d) + "%";
        } else if ((v instanceof Integer || v instanceof Long) && r.string("digits") == null) {
            text = v.toString();
        } else {
            text = number(v, d);
        }
        String stars = r.string("stars");
        return stars == null ? text : text + stars(path(view, root, stars));
    }

    private static String test(Map<String, Object> view, Map<String, Object> root, RowSpec r, int digits) {
        String base = "tests." + r.string("test");
        Object stat = path(view, root, base + ".statistic");
        Object p = path(view, root, base + ".p_value");
        int d = r.string("digits") != null ? Integer.parseInt(r.string("digits")) : digits;
        String show = r.string("show") == null ? "statistic" : r.string("show");
        return switch (show) {
            case "p_value" -> p == null ? "" : number(p, d) + stars(p);
            case "statistic_p" -> stat == null ? "" : number(stat, d) + stars(p) + (p == null ? "" : " [" + number(p, d) + "]");
            default -> stat == null ? "" : number(stat, d) + stars(p);
        };
    }

    /** Resolves a dotted path with optional [index] parts in the column's view, then in the command's whole JSON. */
    static Object path(Map<String, Object> view, Map<String, Object> root, String path) {
        Object v = walk(view, path);
        return v != null ? v : walk(root, path);
    }

    private static Object walk(Object node, String path) {
        for (String part : path.split("\\.")) {
            String key = part;
            Integer index = null;
            int b = part.indexOf('[');
            if (b >= 0 && part.endsWith("]")) {
                key = part.substring(0, b);
                index = Integer.parseInt(part.substring(b + 1, part.length() - 1));
            }
            if (!(node instanceof Map<?, ?> m)) return null;
            node = m.get(key);
            if (index != null) {
                if (!(node instanceof List<?> l) || index >= l.size()) return null;
                node = l.get(index);
            }
            if (node == null) return null;
        }
        return node;
    }

    // ---- describe layout ----

    @SuppressWarnings("unchecked")
    private static ResultTable describe(TableSpec spec, Map<String, Object> model, List<ResultTable.Model> jsons) {
        List<Map<String, String>> stats = spec.stats().isEmpty() ? List.of(
                Map.of("stat", "mean", "label", "mean"), Map.of("stat", "sd", "label", "sd"),
                Map.of("stat", "median", "label", "median"), Map.of("stat", "min", "label", "min"),
                Map.of("stat", "max", "label", "max"), Map.of("stat", "n", "label", "N")) : spec.stats();
        List<Map<String, Object>> all = (List<Map<String, Object>>) model.get("statistics");
        List<RowSpec> wanted = spec.rows().isEmpty()
                ? all.stream().map(s -> new RowSpec("variable", String.valueOf(s.get("variable")), Map.of("variable", s.get("variable")))).toList()
                : spec.rows();
        List<Row> rows = new ArrayList<>();
        for (RowSpec r : wanted) {
            Map<String, Object> s = all.stream().filter(x -> String.valueOf(x.get("variable")).equals(r.string("variable")))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(spec.id() + ": no statistics for " + r.string("variable")));
            List<String> cells = new ArrayList<>();
            for (Map<String, String> st : stats) {
                Object v = s.get(st.get("stat"));
                cells.add(v instanceof Integer || v instanceof Long ? v.toString() : number(v, spec.digits()));
            }
            rows.add(new Row(r.label(), cells, "statistics"));
        }
        return new ResultTable(spec.id(), spec.title(), spec.stub(), stats.stream().map(m -> m.get("label")).toList(),
                List.of(), rows, spec.notes(), jsons);
    }

    // ---- thresholds layout ----

    @SuppressWarnings("unchecked")
    private static ResultTable thresholds(TableSpec spec, List<Map<String, Object>> models, List<ResultTable.Model> jsons) {
        List<Map<String, String>> stats = spec.stats().isEmpty() ? List.of(
                Map.of("stat", "f_statistic", "label", "F"), Map.of("stat", "p_value", "label", "p"),
                Map.of("stat", "estimate", "label", "threshold"), Map.of("stat", "ci", "label", "95% CI"),
                Map.of("stat", "replications", "label", "B"), Map.of("stat", "crit10", "label", "10%"),
                Map.of("stat", "crit5", "label", "5%"), Map.of("stat", "crit1", "label", "1%")) : spec.stats();
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>(spec.notes());
        for (int i = 0; i < models.size(); i++) {
            String section = "model" + i;
            List<Map<String, Object>> stages = (List<Map<String, Object>>) models.get(i).getOrDefault("thresholds", List.of());
            Object notEstimable = models.get(i).get(NOT_ESTIMABLE_KEY);
            if (notEstimable instanceof String why) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < stats.size(); c++) cells.add(c == 0 ? NOT_ESTIMABLE : "");
                rows.add(new Row(spec.columns().get(i).label(), cells, section));
                notes.add(spec.columns().get(i).label() + ":" + NOT_ESTIMABLE + "(" + why + ")");
            }
            for (Map<String, Object> s : stages) {
                int k = ((Number) s.get("stage")).intValue();
                String stageLabel = k <= spec.stageLabels().size() ? spec.stageLabels().get(k - 1) : "threshold " + k;
                List<String> cells = new ArrayList<>();
                for (Map<String, String> st : stats) {
                    String name = st.get("stat");
                    cells.add(switch (name) {
                        case "f_statistic" -> number(s.get(name), spec.digits()) + stars(s.get("p_value"));
                        case "ci" -> "[" + number(s.get("ci_low"), spec.digits()) + ", " + number(s.get("ci_high"), spec.digits()) + "]";
                        case "replications" -> String.valueOf(s.get(name));
                        default -> number(s.get(name), spec.digits());
                    });
                }
                rows.add(new Row(spec.columns().get(i).label() + " " + stageLabel, cells, section));
            }
            // a requested stage the sample cannot estimate: its row says so, the notes say why
            for (Map<String, Object> s : notEstimable instanceof List<?> l ? (List<Map<String, Object>>) l : List.<Map<String, Object>>of()) {
                int k = ((Number) s.get("stage")).intValue();
                String stageLabel = k <= spec.stageLabels().size() ? spec.stageLabels().get(k - 1) : "threshold " + k;
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < stats.size(); c++) cells.add(c == 0 ? NOT_ESTIMABLE : "");
                String row = spec.columns().get(i).label() + " " + stageLabel;
                rows.add(new Row(row, cells, section));
                notes.add(row + ":" + NOT_ESTIMABLE + "(" + s.get("reason") + ")");
            }
        }
        return new ResultTable(spec.id(), spec.title(), spec.stub(), stats.stream().map(m -> m.get("label")).toList(),
                List.of(), rows, notes, jsons);
    }

    // ---- formatting ----

    /** The cell of a stage or model the sample cannot estimate. */
    static final String NOT_ESTIMABLE = "不可估计";
    /**
     * The key of what the sample could not estimate: a whole model's JSON is {not_estimable: why} (StudyRunner writes
     * it); a threshold model lists its stages that could not be estimated, [{stage, reason}].
     */
    static final String NOT_ESTIMABLE_KEY = "not_estimable";

    static String stars(Object p) {
        return p instanceof Number n ? RegressionTable.stars(n.doubleValue()) : "";
    }

    /** Fixed decimals in the C locale; a value that rounds to zero is printed without a minus sign. */
    static String number(Object v, int digits) {
        if (!(v instanceof Number n)) return v == null ? "" : v.toString();
        double d = n.doubleValue();
        if (!Double.isFinite(d)) return "";
        String s = String.format(Locale.ROOT, "%." + digits + "f", d);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    private static String or(String v, String fallback) {
        return v == null ? fallback : v;
    }
}
