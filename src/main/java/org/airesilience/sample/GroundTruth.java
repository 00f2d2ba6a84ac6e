package org.airesilience.sample;

import org.airesilience.ingest.ExclusionReason;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.airesilience.report.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * The generator's ground truth, written to {@code <lake>/truth/}: every record's fate ({@code patents.csv.gz}), the
 * AI measure ingest + measure must produce ({@code expected_ai_measure.csv}, province level, and
 * {@code expected_ai_measure_city.csv}), the ingest report's totals ({@code expected_ingest.json}) and the corpus
 * frequencies ({@code expected_text_measure.csv}).
 */
public final class GroundTruth {
    private final Path dir;
    private final List<String> categories;
    private final Gazetteer gazetteer;
    private final List<String> provinces;
    private final Writer records;
    private long read, accepted, duplicates, excluded, quarantined;
    private final Map<String, Long> byReason = new TreeMap<>();
    private final Map<String, Long> excludedByReason = new TreeMap<>();
    private final Map<String, long[]> bySource = new TreeMap<>();
    /** (region code, year) to counts: [0] AI patents, [1 + k] patents of category k. */
    private final Map<String, long[]> provinceYear = new TreeMap<>();
    private final Map<String, long[]> cityYear = new TreeMap<>();
    /** (city code, city name, year) to [documents, frequency of each corpus measure's terms]. */
    private final Map<String, long[]> corpus = new TreeMap<>();
    private List<String> corpusMeasures = List.of();

    GroundTruth(Path dir, List<String> categories, Gazetteer gazetteer, List<String> provinces) {
        this.dir = dir;
        this.categories = categories;
        this.gazetteer = gazetteer;
        this.provinces = provinces;
        try {
            Files.createDirectories(dir);
            records = new BufferedWriter(new OutputStreamWriter(
                    new GZIPOutputStream(Files.newOutputStream(dir.resolve("patents.csv.gz")), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
            records.write("record_id,source_file,source_line,application_number,status,reason,duplicate_of,is_ai,categories,province,city,year\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void record(PatentRecord r, String source, long line, String planted, String duplicateOf) {
        read++;
        long[] src = bySource.computeIfAbsent(source, k -> new long[5]);
        src[0]++;
        String reason = "";
        // an out-of-scope record is valid: ingest excludes it (foreign when it has no province) rather than quarantining it
        boolean outOfScope = planted.equals("quarantined") && r.defect == Defect.OUT_OF_SCOPE_REGION;
        String status = outOfScope ? "excluded" : planted;
        switch (status) {
            case "accepted" -> {
                accepted++;
                src[2]++;
                count(r);
            }
            case "duplicate" -> {
                duplicates++;
                src[3]++;
            }
            case "excluded" -> {
                excluded++;
                src[4]++;
                reason = (r.province == null ? ExclusionReason.FOREIGN_APPLICANT : ExclusionReason.EXCLUDED_PROVINCE).name();
                excludedByReason.merge(reason, 1L, Long::sum);
            }
            default -> {
                quarantined++;
                src[1]++;
                reason = r.defect.reason();
                byReason.merge(reason, 1L, Long::sum);
            }
        }
        try {
            records.write(String.join(",", r.id, source, Long.toString(line), r.number == null ? "" : r.number, status,
                    reason, duplicateOf == null ? "" : duplicateOf, Boolean.toString(r.ai), String.join(";", r.categories),
                    r.province == null ? "" : r.province, r.city == null ? "" : r.city, Integer.toString(r.year)));
            records.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void count(PatentRecord r) {
        if (!r.ai || r.year < ProvincePlan.FIRST_YEAR || r.year > ProvincePlan.LAST_YEAR) return;
        add(provinceYear.computeIfAbsent(r.province + "|" + r.year, k -> new long[1 + categories.size()]), r);
        if (r.city != null) add(cityYear.computeIfAbsent(r.city + "|" + r.year, k -> new long[1 + categories.size()]), r);
    }

    private void add(long[] counts, PatentRecord r) {
        counts[0]++;
        for (String c : r.categories) counts[1 + categories.indexOf(c)]++;
    }

    void corpusMeasures(List<String> names) {
        corpusMeasures = names;
    }

    /** One corpus document of a city in {@code year} with these term frequencies (per corpus measure). */
    void document(String cityCode, String cityName, int year, long[] frequencies) {
        long[] c = corpus.computeIfAbsent(cityCode + "|" + cityName + "|" + year, k -> new long[1 + corpusMeasures.size()]);
        c[0]++;
        for (int i = 0; i < frequencies.length; i++) c[1 + i] += frequencies[i];
    }

    /** Writes the summary files and closes the record list. */
    void finish(List<RawSink> sinks) throws IOException {
        records.close();
        writeMeasure(dir.resolve("expected_ai_measure.csv"), provinces, provinceYear);
        List<String> cities = gazetteer.cities().stream().filter(c -> provinces.contains(c.provinceCode()))
                .map(Region::code).toList();
        writeMeasure(dir.resolve("expected_ai_measure_city.csv"), cities, cityYear);
        StringBuilder text = new StringBuilder("region_code,region_name,year,documents");
        for (String m : corpusMeasures) text.append(',').append(m).append("_count");
        for (String m : corpusMeasures) text.append(',').append(m);
        text.append('\n');
        corpus.forEach((k, v) -> {
            String[] cy = k.split("\\|");
            text.append(cy[0]).append(',').append(cy[1]).append(',').append(cy[2]).append(',').append(v[0]);
            for (int i = 1; i < v.length; i++) text.append(',').append(v[i]);
            for (int i = 1; i < v.length; i++) text.append(',').append(fmt(Math.log1p(v[i])));
            text.append('\n');
        });
        Files.writeString(dir.resolve("expected_text_measure.csv"), text);
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("read", read);
        ingest.put("accepted", accepted);
        ingest.put("duplicates", duplicates);
        ingest.put("excluded", excluded);
        ingest.put("quarantined", quarantined);
        ingest.put("by_reason", byReason);
        ingest.put("excluded_by_reason", excludedByReason);
        Map<String, Object> src = new LinkedHashMap<>();
        for (RawSink s : sinks) {
            long[] c = bySource.getOrDefault(s.relativePath, new long[5]);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("read", c[0]);
            one.put("accepted", c[2]);
            one.put("duplicates", c[3]);
            one.put("excluded", c[4]);
            one.put("quarantined", c[1]);
            one.put("charset", s.charset.name());
            src.put(s.relativePath, one);
        }
        ingest.put("by_source", src);
        Files.writeString(dir.resolve("expected_ingest.json"), Json.write(ingest));
        Files.writeString(dir.resolve("README.md"), readme());
    }

    private void writeMeasure(Path file, List<String> regions, Map<String, long[]> counts) throws IOException {
        StringBuilder s = new StringBuilder("region_code,region_name,year,ai_patents");
        for (String c : categories) s.append(',').append(c);
        s.append(",ai\n");
        for (String region : regions) {
            String name = gazetteer.byCode(region).map(Region::name).orElse("");
            for (int y = ProvincePlan.FIRST_YEAR; y <= ProvincePlan.LAST_YEAR; y++) {
                long[] c = counts.getOrDefault(region + "|" + y, new long[1 + categories.size()]);
                s.append(region).append(',').append(name).append(',').append(y);
                for (long v : c) s.append(',').append(v);
                s.append(',').append(fmt(Math.log1p(c[0]))).append('\n');
            }
        }
        Files.writeString(file, s);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private String readme() {
        return """
                # Ground truth of the generated sample

                Written by `./submit.sh generate-sample`; outside `raw/` so that ingest never reads it.

                - `patents.csv.gz`: one row per raw patent record: `record_id`, `source_file` (relative to
                  `raw/patents/`), `source_line` (line the record starts on, from 1, in the decompressed text),
                  `application_number` (normalised), `status` (accepted | duplicate | excluded | quarantined),
                  `reason` (quarantine or exclusion reason code), `duplicate_of` (record id of the first copy), `is_ai`, `categories`
                  (`;`-separated), `province` and `city` (6-digit codes; city only when the record's address or postal
                  code names it), `year` (application year).
                - `expected_ai_measure.csv`: what `measure --level province` must produce over the 30-province
                  panel, 2006-2020 (first-applicant attribution, title + abstract matching).
                - `expected_ai_measure_city.csv`: the same per city (cities named by address or postal code).
                - `expected_ingest.json`: the ingest report's `read`, `accepted`, `duplicates`, `excluded`,
                  `quarantined`, `by_reason`, `excluded_by_reason` and per-source counts (the copy kept of a duplicated application is the earliest
                  published, then the first in file order, as ingest keeps it).
                - `expected_text_measure.csv`: per city and year of the corpus in `raw/city-text/`: documents,
                  the frequency of each corpus measure's terms (`<measure>_count`; measures %s) and
                  ln(1 + frequency).
                """.formatted(String.join(", ", corpusMeasures));
    }

    /** AI patent applications the measure must count for a province in a panel year. */
    long aiPatents(String province, int year) {
        long[] c = provinceYear.get(province + "|" + year);
        return c == null ? 0 : c[0];
    }

    /** Frequency of one corpus measure's terms in a city's documents of one year (0 when it has none). */
    long corpusFrequency(String cityCode, int year, String measure) {
        int k = corpusMeasures.indexOf(measure);
        if (k < 0) throw new IllegalArgumentException("no corpus measure " + measure + " among " + corpusMeasures);
        for (Map.Entry<String, long[]> e : corpus.entrySet()) {
            if (e.getKey().startsWith(cityCode + "|") && e.getKey().endsWith("|" + year)) return e.getValue()[1 + k];
        }
        return 0;
    }

    public long read() {
        return read;
    }

    public long accepted() {
        return accepted;
    }

    public long duplicates() {
        return duplicates;
    }

    public long excluded() {
        return excluded;
    }

    public long quarantined() {
        return quarantined;
    }

    public Map<String, Long> byReason() {
        return byReason;
    }

    public Map<String, Long> excludedByReason() {
        return excludedByReason;
    }

    /** ln(1 + AI patents) over the province panel: mean, sd, min, max. */
    public double[] aiMeasureSummary() {
        int years = ProvincePlan.LAST_YEAR - ProvincePlan.FIRST_YEAR + 1;
        double[] v = new double[provinces.size() * years];
        int i = 0;
        for (String p : provinces) {
            for (int y = ProvincePlan.FIRST_YEAR; y <= ProvincePlan.LAST_YEAR; y++) {
                long[] c = provinceYear.get(p + "|" + y);
                v[i++] = Math.log1p(c == null ? 0 : c[0]);
            }
        }
        double mean = java.util.Arrays.stream(v).average().orElse(0);
        double ss = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        return new double[]{mean, Math.sqrt(ss / (v.length - 1)), java.util.Arrays.stream(v).min().orElse(0),
                java.util.Arrays.stream(v).max().orElse(0)};
    }
}
