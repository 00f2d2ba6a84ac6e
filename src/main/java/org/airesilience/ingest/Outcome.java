package org.airesilience.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * What became of one raw record: accepted with its canonical fields (lists ';'-joined), quarantined with a reason, a
 * detail and its raw text, or excluded (valid but outside the panel) with an exclusion reason, a detail and its raw
 * text.
 */
public final class Outcome implements Serializable {
    public QuarantineReason reason;
    public ExclusionReason exclusion;
    public String detail;
    /** The detail when it names lines of the file, counted from where the reader started; else null. */
    public org.airesilience.ingest.format.LineDetail lineDetail;
    public String sourceFile;
    public long sourceLine;
    public long sourceOffset;
    public String raw;

    public String applicationNumber;
    public LocalDate applicationDate;
    public String publicationNumber;
    public LocalDate publicationDate;
    public String title;
    public String abstractText;
    public String claims;
    public String applicant;
    public String inventor;
    public String address;
    public String provinceCode;
    public String postalCode;
    public String ipcMain;
    public String ipc;
    public String patentType;
    public String province;
    public String city;
    /** Provinces of the applicants, ';'-joined, the attributed province first. */
    public String applicantProvinces;

    /** The detail with the lines before the record's partition ({@code linesBefore}) added to the lines it names. */
    public String detail(long linesBefore) {
        return lineDetail == null || linesBefore == 0 ? detail : lineDetail.text(linesBefore);
    }

    public boolean accepted() {
        return reason == null && exclusion == null;
    }

    static Outcome quarantined(String sourceFile, long line, long offset, String raw, QuarantineReason reason, String detail) {
        Outcome o = new Outcome();
        o.sourceFile = sourceFile;
        o.sourceLine = line;
        o.sourceOffset = offset;
        o.raw = raw;
        o.reason = reason;
        o.detail = detail;
        return o;
    }
}
