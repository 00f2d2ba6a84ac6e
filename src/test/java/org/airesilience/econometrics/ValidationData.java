package org.airesilience.econometrics;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.econometrics.data.Table;
import org.airesilience.report.Json;

import java.io.IOException;
import java.nio.file.Path;

/** The public data sets with trusted reference results, in {@code ../shared/validation} beside the project. */
public final class ValidationData {
    public static final Path DIR = Path.of(System.getProperty("user.dir")).resolve("../shared/validation");

    private ValidationData() {
    }

    /** A data set, e.g. {@code table("grunfeld.csv")}. */
    public static Table table(String csv) throws IOException {
        return Table.readCsv(DIR.resolve(csv));
    }

    /** A reference result, e.g. {@code expected("grunfeld_fe.json")} from {@code expected/}. */
    public static JsonNode expected(String json) throws IOException {
        return Json.MAPPER.readTree(DIR.resolve("expected").resolve(json).toFile());
    }
}
