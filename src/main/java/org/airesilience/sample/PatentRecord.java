package org.airesilience.sample;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated patent record: its fields under the canonical names, the defect planted in it (or null) and what
 * ingest and measure should make of it.
 */
final class PatentRecord {
    /** Canonical field names, in the order of the curated schema. */
    static final List<String> FIELDS = List.of("application_number", "application_date", "publication_number",
            "publication_date", "title", "abstract", "claims", "applicant", "inventor", "address", "province_code",
            "postal_code", "ipc_main", "ipc", "patent_type");

    /** Stands for bytes that are not valid in any supported charset; sinks write {@link #INVALID_BYTES} instead. */
    static final char UNDECODABLE_MARK = '\u0001';
    static final byte[] INVALID_BYTES = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};

    final String id;
    /** Field values except the two dates, which each source writes in its own style. */
    final Map<String, String> fields = new LinkedHashMap<>();
    Defect defect;
    /** Normalised application number ("CN" + digits), null when missing. */
    String number;
    boolean ai;
    List<String> categories = List.of();
    /** 6-digit province code, or null (unresolvable, foreign). */
    String province;
    /** 6-digit city code when the record's fields name the city, else null. */
    String city;
    int year;

    PatentRecord(String id) {
        this.id = id;
    }

    LocalDate applicationDate;
    LocalDate publicationDate;
    /** An application date as written when it cannot be parsed, else null. */
    String badDate;

    String get(String field) {
        return fields.getOrDefault(field, "");
    }

    PatentRecord copy(String newId) {
        PatentRecord c = new PatentRecord(newId);
        c.fields.putAll(fields);
        c.defect = defect;
        c.number = number;
        c.ai = ai;
        c.categories = categories;
        c.province = province;
        c.city = city;
        c.year = year;
        c.applicationDate = applicationDate;
        c.publicationDate = publicationDate;
        c.badDate = badDate;
        return c;
    }
}
