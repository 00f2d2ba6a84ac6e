package org.airesilience.report.table;

import org.airesilience.report.Json;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code {id, title, columns: [{label, model}], notes}}, where model is the full JSON of the column's command. */
public final class JsonTableWriter implements TableWriter {
    @Override
    public String extension() {
        return "json";
    }

    @Override
    public byte[] render(ResultTable t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("title", t.title());
        List<Map<String, Object>> cols = t.models().stream().map(m -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("label", m.label());
            c.put("model", m.json());
            return c;
        }).toList();
        out.put("columns", cols);
        out.put("notes", t.notes());
        return Json.write(out).getBytes(StandardCharsets.UTF_8);
    }
}
