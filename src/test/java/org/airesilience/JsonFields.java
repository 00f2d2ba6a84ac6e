package org.airesilience;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reading a field of a JSON output or reference file in a test. Jackson's {@code at(pointer).asDouble()} quietly
 * gives 0 (and {@code asText()} "") for a missing field, so a check against 0 could never fail; this fails instead.
 */
public final class JsonFields {
    private JsonFields() {
    }

    /** The node at the JSON pointer, failing the test when it is missing or null. */
    public static JsonNode field(JsonNode root, String pointer) {
        JsonNode v = root.at(pointer);
        if (v.isMissingNode() || v.isNull()) fail("JSON field " + pointer + " is missing");
        return v;
    }
}
