package org.airesilience.study;

import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.gmm.DynamicFormula;
import org.airesilience.study.StudySpec.ModelOption;
import org.airesilience.study.StudySpec.ModelSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a model against the panel before anything runs: its formula parses as its command will parse it, and every
 * column it names (in the formula, the sample filter, the panel keys, groups, instruments) is in the panel.
 */
final class PanelColumns {
    /** Options whose value is a list of column names. */
    private static final Set<String> COLUMN_OPTIONS = Set.of("panel", "y", "x", "regime", "threshold", "by", "permute",
            "vars", "winsorize", "mediator");
    /** Options holding expressions whose identifiers are columns. */
    private static final Set<String> EXPRESSION_OPTIONS = Set.of("formula", "where", "gmm", "iv");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9_.\\p{IsHan}])[A-Za-z_\\p{IsHan}][A-Za-z0-9_\\p{IsHan}]*(?![A-Za-z0-9_(\\p{IsHan}])");

    private PanelColumns() {
    }

    static List<String> check(ModelSpec m, Set<String> columns) {
        List<String> problems = new ArrayList<>();
        for (ModelOption o : m.options().values()) {
            Set<String> used = new LinkedHashSet<>();
            if (COLUMN_OPTIONS.contains(o.name())) {
                for (String s : values(o.value())) for (String c : s.split(",")) if (!c.isBlank()) used.add(c.trim());
            } else if (EXPRESSION_OPTIONS.contains(o.name())) {
                for (String s : values(o.value())) used.addAll(identifiers(o.name().equals("gmm") ? s.split(":")[0] : s));
            } else if (o.name().equals("vcov") && String.valueOf(o.value()).startsWith("cluster:")) {
                used.add(String.valueOf(o.value()).substring("cluster:".length()).trim());
            }
            for (String c : used) {
                if (!columns.contains(c)) problems.add(o.at().problem("column '" + c + "' is not in the panel"));
            }
            if (o.name().equals("formula")) {
                try {
                    if (m.command().equals("gmm")) DynamicFormula.parse(o.value().toString());
                    else if (!m.command().equals("threshold")) Formula.parse(o.value().toString());
                } catch (RuntimeException e) {
                    problems.add(o.at().problem("formula does not parse: " + e.getMessage()));
                }
            }
        }
        return problems;
    }

    private static List<String> values(Object v) {
        if (v instanceof List<?> l) return l.stream().map(Object::toString).toList();
        if (v instanceof Map<?, ?>) return List.of();
        return List.of(String.valueOf(v));
    }

    /** Identifiers that are not function names, outside quoted strings; i.x and factor(x) name column x. */
    static Set<String> identifiers(String expression) {
        String s = expression.replaceAll("\"[^\"]*\"|'[^']*'", " ").replaceAll("(?<![A-Za-z0-9_])i\\.", " ");
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String id = m.group();
            if (!id.equals("true") && !id.equals("false")) out.add(id);
        }
        return out;
    }
}
