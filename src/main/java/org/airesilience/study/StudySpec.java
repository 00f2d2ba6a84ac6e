package org.airesilience.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A parsed and validated study config (see {@link StudyConfig}). */
public record StudySpec(Path file, String id, String title, String panel, String data, List<Variable> variables,
                        List<TableSpec> tables, List<FigureSpec> figures) {

    /** A variable definition for the report: symbol, name and how it is built. */
    public record Variable(String symbol, String name, String definition) {
    }

    /**
     * One table: its layout (regression: a column per model; describe: a row per variable; thresholds: a row per
     * threshold stage of each model), its columns (models), the rows it shows and its notes.
     */
    public record TableSpec(String id, String title, String layout, String stub, List<ModelSpec> columns,
                            List<RowSpec> rows, List<Map<String, String>> stats, List<String> stageLabels,
                            List<String> notes, int digits, String below, int belowDigits) {
    }

    /** A row of a table: kind term, controls, effect, value, test or variable, with its label and parameters. */
    public record RowSpec(String kind, String label, Map<String, Object> params) {
        public String string(String key) {
            Object v = params.get(key);
            return v == null ? null : v.toString();
        }

        @SuppressWarnings("unchecked")
        public List<String> strings(String key) {
            Object v = params.get(key);
            if (v == null) return List.of();
            if (v instanceof List<?> l) return ((List<Object>) l).stream().map(Object::toString).toList();
            return List.of(v.toString());
        }
    }

    /**
     * One model: the command that fits it, its options exactly as the command line names them (without the
     * leading dashes), and how the table reads its JSON (step of a mediation, group of a comparison).
     */
    public record ModelSpec(String table, int index, String label, String command, Map<String, ModelOption> options,
                            String step, String group, String dependent, boolean plot) {
        /** A file-name-safe id: table and 1-based column number. */
        public String id() {
            return table + "-" + (index + 1);
        }
    }

    /** An option value (string, number, boolean or list) and where the config set it. */
    public record ModelOption(String name, Object value, Located at) {
    }

    /** A figure: from the panel (ai-by-group, heatmap, entropy-weights) or drawn by a model's command (model). */
    public record FigureSpec(String id, String title, String kind, Map<String, String> params, ModelSpec model) {
    }
}
