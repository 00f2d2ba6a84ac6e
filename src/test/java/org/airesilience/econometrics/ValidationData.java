package org.airesilience.econometrics;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.econometrics.data.Table;
import org.airesilience.report.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The public data sets with trusted reference results, kept in the repository under
 * {@code src/test/resources/validation} (its README.md states where each file and number comes from) and read from
 * the test classpath, so the tests pass on a clone anywhere.
 */
public final class ValidationData {
    /** The directory on the test classpath (Maven copies the resources to a directory, never a jar, for tests). */
    public static final Path DIR = locate();

    private ValidationData() {
    }

    private static Path locate() {
        URL url = ValidationData.class.getResource("/validation/README.md");
        if (url == null) {
            throw new UncheckedIOException(new IOException("validation/README.md is not on the test classpath"));
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
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
