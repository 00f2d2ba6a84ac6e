package org.airesilience.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.TestResult;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON output with one mapper for the whole product: insertion-ordered maps, NaN written as null, pretty-printed,
 * so equal results give byte-identical files.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** The estimate JSON contract for one result, as an ordered map (extend it before writing when needed). */
    public static Map<String, Object> toMap(EstimationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("estimator", r.estimator());
        m.put("nobs", r.nobs());
        m.put("ngroups", r.ngroups());
        m.put("coefficients", r.coefficients().stream().map(Json::coefficient).toList());
        Map<String, Object> fit = new LinkedHashMap<>();
        r.fit().forEach((k, v) -> fit.put(k, finite(v)));
        m.put("fit", fit);
        Map<String, Object> tests = new LinkedHashMap<>();
        r.tests().forEach((k, v) -> tests.put(k, test(v)));
        m.put("tests", tests);
        m.put("conventions", r.conventions());
        m.putAll(r.extra());
        return m;
    }

    public static Map<String, Object> coefficient(Coefficient c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("term", c.term());
        m.put("estimate", finite(c.estimate()));
        m.put("std_error", finite(c.stdError()));
        m.put("statistic", finite(c.statistic()));
        m.put("p_value", finite(c.pValue()));
        return m;
    }

    public static Map<String, Object> test(TestResult t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statistic", finite(t.statistic()));
        if (!Double.isNaN(t.df())) m.put("df", t.df());
        if (!Double.isNaN(t.df2())) m.put("df2", t.df2());
        m.put("p_value", finite(t.pValue()));
        return m;
    }

    /** NaN and infinities become JSON null. */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise to JSON", e);
        }
    }

    /** Writes JSON atomically. */
    public static void writeFile(Path file, Object value) {
        AtomicFiles.writeString(file, write(value));
    }

    /** Writes JSON atomically to a location: a path, or a URI of any Hadoop file system. */
    public static void writeFile(String location, Object value) {
        org.airesilience.lake.Locations.write(location, write(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

}
