package org.airesilience.sample;

import com.fasterxml.jackson.databind.JsonNode;
import org.airesilience.config.Settings;
import org.airesilience.measure.KeywordDictionary;
import org.airesilience.measure.KeywordMatcher;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.RegionResolver;
import org.airesilience.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleGeneratorTest {
    private static final double SCALE = 0.002;
    private static final long SEED = 7;
    @TempDir
    static Path dir;
    static Path lake;
    static GroundTruth truth;
    static KeywordDictionary dictionary;

    @BeforeAll
    static void generate() {
        dictionary = KeywordDictionary.load(Settings.defaults());
        lake = dir.resolve("a");
        truth = new SampleGenerator(Gazetteer.load(), dictionary, s -> { }).generate(lake, SCALE, SEED);
    }

    @Test
    void checkDigitsFollowTheOfficeRule() {
        assertEquals('7', ApplicationNumbers.checkDigit("201710117081"));
        assertEquals("CN201710117081.7", ApplicationNumbers.published("201710117081"));
        assertEquals("CN85100462", ApplicationNumbers.published(ApplicationNumbers.legacy(1985, 1, 462)));
    }

    @Test
    void sameSeedGivesIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
        Path again = dir.resolve("b");
        new SampleGenerator(Gazetteer.load(), dictionary, s -> { }).generate(again, SCALE, SEED);
        List<Path> files = files(lake);
        assertEquals(files.stream().map(lake::relativize).toList(), files(again).stream().map(again::relativize).toList());
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again.resolve(lake.relativize(f))), f.toString());
        }
        Path other = dir.resolve("c");
        new SampleGenerator(Gazetteer.load(), dictionary, s -> { }).generate(other, SCALE, SEED + 1);
        assertTrue(!Arrays.equals(Files.readAllBytes(lake.resolve("truth/expected_ai_measure.csv")),
                Files.readAllBytes(other.resolve("truth/expected_ai_measure.csv"))));
    }

    @Test
    void truthAddsUpAndCoversEveryKindOfDefect() throws IOException {
        assertEquals(truth.read(), truth.accepted() + truth.duplicates() + truth.excluded() + truth.quarantined());
        for (Defect d : Defect.values()) {
            if (d != Defect.OUT_OF_SCOPE_REGION) assertTrue(truth.byReason().getOrDefault(d.reason(), 0L) > 0, d.reason());
        }
        assertTrue(truth.excludedByReason().getOrDefault("FOREIGN_APPLICANT", 0L) > 0);
        assertTrue(truth.excludedByReason().getOrDefault("EXCLUDED_PROVINCE", 0L) > 0);
        assertEquals(truth.excluded(), truth.excludedByReason().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(truth.duplicates() > 0);
        double share = truth.quarantined() / (double) truth.read();
        assertTrue(share > 0.02 && share < 0.06, "quarantine share " + share);
        List<String[]> rows = truthRows();
        assertEquals(truth.read(), rows.size());
        assertTrue(Files.exists(lake.resolve("raw/patents/cnipa-export-gbk-part2.csv.gz")));
        assertTrue(Files.exists(lake.resolve("raw/city-text/middle-yangtze-news.jsonl")));
        assertTrue(!Files.exists(lake.resolve(".generate-sample.tmp")));
    }

    /**
     * The truth of the records in the JSON Lines and TSV files agrees with the production region resolver and keyword
     * matcher (an independent cross-check of the generator's bookkeeping).
     */
    @Test
    void recordsResolveAndMatchAsTheTruthSays() throws IOException {
        RegionResolver resolver = new RegionResolver(Gazetteer.load(), ProvincePlan.EXCLUDED);
        KeywordMatcher matcher = new KeywordMatcher(dictionary);
        Map<String, String[]> bySourceLine = new HashMap<>();
        for (String[] row : truthRows()) bySourceLine.put(row[1] + ":" + row[2], row);
        int checked = 0;
        for (String source : List.of("patent-api-dump.jsonl", "patenthub-export.tsv")) {
            List<String> lines = Files.readAllLines(lake.resolve("raw/patents").resolve(source), StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                String[] row = bySourceLine.get(source + ":" + (i + 1));
                if (row == null || row[4].equals("quarantined") && !row[5].equals("UNRESOLVABLE_REGION")) continue;
                Map<String, String> f = fields(source, new String(lines.get(i).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                RegionResolver.Resolution r = resolver.resolve(f.get("province_code"), f.get("address"), f.get("postal_code"));
                String where = source + ":" + (i + 1) + " " + f;
                switch (row[5]) {
                    case "UNRESOLVABLE_REGION" -> assertEquals(RegionResolver.Status.UNRESOLVABLE, r.status(), where);
                    case "FOREIGN_APPLICANT" -> {
                        assertEquals(RegionResolver.Status.OUT_OF_SCOPE, r.status(), where);
                        assertNull(r.province(), where);
                    }
                    case "EXCLUDED_PROVINCE" -> {
                        assertEquals(RegionResolver.Status.OUT_OF_SCOPE, r.status(), where);
                        assertTrue(ProvincePlan.EXCLUDED.contains(r.province()), where);
                    }
                    default -> {
                        assertEquals(row[9], r.province(), where);
                        assertEquals(row[10], r.city() == null ? "" : r.city(), where);
                        String text = f.get("title") + " " + PatentText.stripMarkup(f.get("abstract"));
                        assertEquals(row[8], String.join(";", matcher.matchCategories(text)), where);
                    }
                }
                checked++;
            }
        }
        assertTrue(checked > 500, "checked " + checked);
    }

    @Test
    void aiMeasureGrowsAndDiffersByProvince() throws IOException {
        List<String> lines = Files.readAllLines(lake.resolve("truth/expected_ai_measure.csv"));
        assertEquals(1 + 30 * 15, lines.size());
        Map<String, Long> total = new HashMap<>();
        long early = 0, late = 0;
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            long n = Long.parseLong(c[3]);
            total.merge(c[0], n, Long::sum);
            if (c[2].equals("2006")) early += n;
            if (c[2].equals("2020")) late += n;
        }
        assertTrue(late > 10 * early, early + " -> " + late);
        assertTrue(total.get("440000") > 20 * Math.max(1, total.get("630000")));
    }

    private List<String[]> truthRows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(lake.resolve("truth/patents.csv.gz"))), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String l = r.readLine(); l != null; l = r.readLine()) rows.add(l.split(",", -1));
        }
        return rows;
    }

    private static Map<String, String> fields(String source, String line) throws IOException {
        Map<String, String> f = new HashMap<>();
        if (source.endsWith(".tsv")) {
            String[] v = line.split("\t", -1);
            for (int i = 0; i < v.length; i++) f.put(PatentRecord.FIELDS.get(i), v[i]);
        } else {
            JsonNode n = Json.MAPPER.readTree(line);
            n.fieldNames().forEachRemaining(k -> f.put(k, n.get(k).asText()));
        }
        for (String k : PatentRecord.FIELDS) f.putIfAbsent(k, "");
        return f;
    }

    private static List<Path> files(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
