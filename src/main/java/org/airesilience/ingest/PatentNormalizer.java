package org.airesilience.ingest;

import org.airesilience.ingest.format.Field;
import org.airesilience.ingest.format.RawRecord;
import org.airesilience.region.RegionResolver;
import org.airesilience.region.RegionResolver.Resolution;
import org.airesilience.text.Texts;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a raw record into the canonical schema: application number and dates normalised, lists ';'-joined,
 * inline markup stripped from title, abstract and claims, and the applicant attributed to a region. The first
 * problem found decides the quarantine reason, checked in the order of {@link QuarantineReason}; a valid record of a
 * foreign applicant or an excluded province is excluded ({@link ExclusionReason}).
 */
public final class PatentNormalizer implements Serializable {
    private final RegionResolver regions;

    public PatentNormalizer(RegionResolver regions) {
        this.regions = regions;
    }

    public Outcome normalize(RawRecord r) {
        if (!r.ok()) {
            Outcome o = Outcome.quarantined(r.sourceFile(), r.line(), r.offset(), r.raw(), r.failure(), r.detail());
            o.lineDetail = r.lineDetail();
            return o;
        }
        Outcome o = Outcome.quarantined(r.sourceFile(), r.line(), r.offset(), null, null, null);
        try {
            o.applicationNumber = ApplicationNumbers.application(r.field(Field.APPLICATION_NUMBER));
        } catch (ApplicationNumbers.InvalidNumberException e) {
            return reject(o, r, QuarantineReason.MISSING_APPLICATION_NUMBER, e.getMessage());
        }
        try {
            LocalDate applied = PatentDates.parse(r.field(Field.APPLICATION_DATE));
            if (applied == null) return reject(o, r, QuarantineReason.UNPARSEABLE_DATE, "no application date");
            o.applicationDate = applied;
            LocalDate published = PatentDates.parse(r.field(Field.PUBLICATION_DATE));
            o.publicationDate = published;
        } catch (IllegalArgumentException e) {
            return reject(o, r, QuarantineReason.UNPARSEABLE_DATE, e.getMessage());
        }
        o.publicationNumber = ApplicationNumbers.publication(r.field(Field.PUBLICATION_NUMBER));
        o.title = Markup.strip(r.field(Field.TITLE));
        o.abstractText = Markup.strip(r.field(Field.ABSTRACT));
        o.claims = Markup.strip(r.field(Field.CLAIMS));
        o.applicant = joined(r.field(Field.APPLICANT));
        o.inventor = joined(r.field(Field.INVENTOR));
        o.address = trimmed(r.field(Field.ADDRESS));
        o.provinceCode = trimmed(r.field(Field.PROVINCE_CODE));
        o.postalCode = trimmed(r.field(Field.POSTAL_CODE));
        o.ipcMain = ipc(r.field(Field.IPC_MAIN));
        o.ipc = ipcList(r.field(Field.IPC));
        o.patentType = trimmed(r.field(Field.PATENT_TYPE));

        List<String> addresses = split(o.address);
        Resolution where = regions.resolve(o.provinceCode, addresses.isEmpty() ? null : addresses.get(0), o.postalCode);
        if (where.status() == RegionResolver.Status.UNRESOLVABLE) {
            return reject(o, r, QuarantineReason.UNRESOLVABLE_REGION, where.detail());
        }
        if (where.status() == RegionResolver.Status.OUT_OF_SCOPE) {
            o.raw = r.raw();
            o.exclusion = where.province() == null ? ExclusionReason.FOREIGN_APPLICANT : ExclusionReason.EXCLUDED_PROVINCE;
            o.detail = where.detail();
            return o;
        }
        o.province = where.province();
        o.city = where.city();
        o.applicantProvinces = String.join(";", applicantProvinces(where.province(), split(o.applicant), addresses));
        return o; // accepted records keep their fields, not their raw text
    }

    /**
     * The attributed province first, then each co-applicant's province: from the co-applicant's own address when
     * the address field lists one per applicant, else from a place name in the co-applicant's name. Co-applicants
     * whose province is unknown or out of scope are left out.
     */
    private List<String> applicantProvinces(String first, List<String> applicants, List<String> addresses) {
        List<String> out = new ArrayList<>();
        out.add(first);
        boolean ownAddresses = addresses.size() == applicants.size() && addresses.size() > 1;
        for (int i = 1; i < applicants.size(); i++) {
            String p;
            if (ownAddresses) {
                Resolution r = regions.resolve(null, addresses.get(i), null);
                p = r.resolved() ? r.province() : null;
            } else {
                p = regions.provinceNamedIn(applicants.get(i));
                if (p != null && !regions.resolve(p.substring(0, 2), null, null).resolved()) p = null;
            }
            if (p != null) out.add(p);
        }
        return out;
    }

    private static Outcome reject(Outcome o, RawRecord r, QuarantineReason reason, String detail) {
        o.raw = r.raw();
        o.reason = reason;
        o.detail = detail;
        return o;
    }

    /** Whitespace runs as one space, stripped; null when nothing is left. */
    static String trimmed(String s) {
        if (s == null) return null;
        String t = Texts.collapseAndStrip(s);
        return t.isEmpty() ? null : t;
    }

    /** Items separated by ';' or '；', stripped, empty ones dropped. */
    static List<String> split(String list) {
        if (list == null) return List.of();
        List<String> items = new ArrayList<>();
        int start = 0;
        int n = list.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? list.charAt(i) : ';';
            if (c == ';' || c == '；') {
                String item = Texts.strip(list, start, i);
                if (!item.isEmpty()) items.add(item);
                start = i + 1;
            }
        }
        return items;
    }

    /** Items separated by ';' or '；', trimmed, empty ones dropped, joined with ';'. */
    static String joined(String list) {
        String t = trimmed(list);
        if (t == null || isJoined(t)) return t;
        List<String> items = split(t);
        return items.isEmpty() ? null : String.join(";", items);
    }

    /** Whether a stripped list already is its items joined with ';': no '；', no empty items, no spaces around ';'. */
    private static boolean isJoined(String list) {
        int last = list.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = list.charAt(i);
            if (c == '；') return false;
            if (c == ';' && (i == 0 || i == last || endsItem(list.charAt(i - 1)) || endsItem(list.charAt(i + 1)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsItem(char c) {
        return c == ';' || Character.isWhitespace(c);
    }

    /** IPC code without inner spaces, upper case, half width: "G06N 3/04" to "G06N3/04". */
    static String ipc(String code) {
        if (code == null) return null;
        String c = Texts.withoutAsciiSpaces(Texts.nfkc(code).toUpperCase(Locale.ROOT));
        return c.isEmpty() ? null : c;
    }

    /** IPC codes, each cleaned as by {@link #ipc}, repeats dropped, joined with ';'. */
    static String ipcList(String list) {
        List<String> codes = new ArrayList<>();
        for (String c : split(list)) {
            String n = ipc(c);
            if (n != null && !codes.contains(n)) codes.add(n); // lists are short: a scan beats hashing
        }
        return codes.isEmpty() ? null : String.join(";", codes);
    }
}
