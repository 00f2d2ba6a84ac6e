package org.airesilience.sample;

import org.airesilience.distributed.Seeds;
import org.airesilience.measure.KeywordDictionary;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.airesilience.report.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Writes a raw data lake of patent dumps in the formats users receive (CSV in UTF-8 and GBK, some gzipped; TSV;
 * JSON Lines; TRS text dumps), with a few percent of broken and duplicate records, plus a city text corpus, the
 * statistical-yearbook tables of both studies ({@link YearbookSample}), and the ground truth of what ingest, measure
 * and the panel layer must make of them. Records are streamed to their files as they are made,
 * so memory does not grow with the scale. Everything depends only on (scale, seed).
 *
 * <p>Layout: {@code <lake>/raw/patents/} (what ingest reads), {@code <lake>/raw/city-text/} (the corpus for
 * text-measure), {@code <lake>/raw/yearbooks/} (what the panel layer reads), {@code <lake>/truth/} (ground truth,
 * outside raw/ so ingest never reads it; the yearbooks' under {@code truth/yearbooks/}).
 */
public final class SampleGenerator {
    /**
     * Share of extra broken records, and of good records re-emitted as re-published duplicates (inventions only;
     * the grant, published later) and as exact copies (later in the same file): ingest keeps the first copy.
     */
    static final double BROKEN_SHARE = 0.035;
    static final double EXACT_DUPLICATE_SHARE = 0.01;
    static final double REPUBLISHED_SHARE = 0.015;
    /** Share of non-AI patents that mention an exclusion phrase of the dictionary. */
    static final double TRAP_SHARE = 0.03;
    private static final String[] BAD_DATES = {"2017.13.45", "不详", "2019-02-30", "20l8.06.01", "00000000"};
    private static final String[] TYPES = {"发明专利", "实用新型", "外观设计"};
    private static final List<String> IPC_CANDIDATES = List.of("F16C 19/06", "F16H 57/02", "B23K 37/04",
            "H01M 10/42", "C08L 77/00", "A61K 36/899", "E04B 1/58", "F24F 11/00", "B65G 15/30", "H02K 1/27",
            "F04D 29/00", "C04B 35/10", "D06M 15/00", "A01G 9/02", "B29C 45/26", "H01R 13/40", "F28D 7/10",
            "C02F 9/00", "B60N 2/42", "F16K 1/00", "H01L 31/048", "B22F 3/00", "B21J 5/00", "G01N 21/88",
            "G05B 19/418", "G06Q 10/06", "H04L 29/08", "G01M 13/04");

    private final Gazetteer gazetteer;
    private final KeywordDictionary dictionary;
    private final ReferenceMatcher matcher;
    private final PatentText texts;
    private final Addresses addresses;
    private final List<String> ipcCodes;
    private final Consumer<String> log;

    public SampleGenerator(Gazetteer gazetteer, KeywordDictionary dictionary, Consumer<String> log) {
        this.gazetteer = gazetteer;
        this.dictionary = dictionary;
        this.log = log;
        this.matcher = new ReferenceMatcher(dictionary.categories().stream()
                .map(c -> new ReferenceMatcher.Category(c.id(), c.terms(), c.exclude())).toList());
        this.texts = new PatentText(dictionary.categories(), matcher);
        this.addresses = new Addresses(gazetteer);
        // Classes no category lists, so counts never depend on whether the measure also looks at IPC codes.
        List<String> listed = dictionary.categories().stream().flatMap(c -> c.ipc().stream())
                .map(SampleGenerator::compactIpc).toList();
        this.ipcCodes = IPC_CANDIDATES.stream()
                .filter(code -> listed.stream().noneMatch(l -> compactIpc(code).startsWith(l))).toList();
    }

    /** The scale at which a run writes about {@code records} raw patent records. */
    public static double scaleFor(long records, long seed) {
        double perScale = new ProvincePlan(1.0, seed).expectedRecords()
                * (1 + BROKEN_SHARE + EXACT_DUPLICATE_SHARE + REPUBLISHED_SHARE);
        return records / perScale;
    }

    private static String compactIpc(String code) {
        return code.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }

    private YearbookSample.Summary yearbooks;
    private boolean singleFile;

    /**
     * Writes the patent records into one UTF-8 CSV file ({@code raw/patents/cnipa-export.csv}) instead of files of
     * every format: the same records, as a one-file national export comes (bench patents --single-file).
     */
    public SampleGenerator singleFile(boolean single) {
        this.singleFile = single;
        return this;
    }

    /** What the last {@link #generate} wrote of yearbook tables. */
    YearbookSample.Summary yearbooks() {
        return yearbooks;
    }

    /** Generates the lake at {@code lake} and returns its ground truth summary. */
    public GroundTruth generate(Path lake, double scale, long seed) {
        if (!(scale > 0)) throw new IllegalArgumentException("--scale must be positive, got " + scale);
        Path staging = lake.resolve(".generate-sample.tmp");
        AtomicFiles.deleteRecursively(staging);
        GroundTruth truth = new GroundTruth(staging.resolve("truth"), dictionary.categoryIds(), gazetteer, ProvincePlan.PROVINCES);
        Path raw = staging.resolve("raw").resolve("patents");
        List<RawSink> sinks = singleFile ? List.of(new RawSink.Delimited(raw, "cnipa-export.csv",
                StandardCharsets.UTF_8, "-", ',', RawSink.CHINESE)) : openSinks(raw);
        try {
            new Run(scale, seed, sinks, truth).patents();
            for (RawSink s : sinks) s.close();
            new CityCorpus(gazetteer, dictionary).write(staging.resolve("raw").resolve("city-text"), scale, seed, truth);
            truth.finish(sinks);
            yearbooks = new YearbookSample(gazetteer).write(staging.resolve("raw").resolve("yearbooks"),
                    staging.resolve("truth").resolve("yearbooks"), seed, truth);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            for (String part : List.of("raw/patents", "raw/city-text", "raw/yearbooks", "truth")) {
                AtomicFiles.replaceDirectory(staging.resolve(part), lake.resolve(part));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the generated lake under " + lake, e);
        }
        AtomicFiles.deleteRecursively(staging);
        return truth;
    }

    private static List<RawSink> openSinks(Path raw) {
        Charset gbk = Charset.forName("GBK");
        Charset utf8 = StandardCharsets.UTF_8;
        return List.of(
                new RawSink.Delimited(raw, "cnipa-export-utf8-part1.csv", utf8, "-", ',', RawSink.CHINESE),
                new RawSink.Delimited(raw, "cnipa-export-utf8-part2.csv.gz", utf8, "-", ',', RawSink.CHINESE_VARIANT),
                new RawSink.Delimited(raw, "cnipa-export-gbk-part1.csv", gbk, ".", ',', RawSink.CHINESE),
                new RawSink.Delimited(raw, "cnipa-export-gbk-part2.csv.gz", gbk, ".", ',', RawSink.CHINESE_VARIANT),
                new RawSink.Delimited(raw, "patenthub-export.tsv", utf8, "-", '\t', PatentRecord.FIELDS),
                new RawSink.JsonLines(raw, "patent-api-dump.jsonl"),
                new RawSink.JsonLines(raw, "patent-api-dump-2.jsonl.gz"),
                new RawSink.Trs(raw, "trs/sipo-trs-utf8.trs", utf8),
                new RawSink.Trs(raw, "trs/sipo-trs-gbk.trs", gbk));
    }

    /** One generation run: the random streams, serial-number counters and sinks. */
    private final class Run {
        private final double scale;
        private final long seed;
        private final List<RawSink> sinks;
        private final List<RawSink> utf8Sinks;
        private final GroundTruth truth;
        private final ProvincePlan plan;
        private final Map<Integer, Integer> serials = new HashMap<>();
        private long nextId = 1;
        private long nextPublication = 1;

        Run(double scale, long seed, List<RawSink> sinks, GroundTruth truth) {
            this.scale = scale;
            this.seed = seed;
            this.sinks = sinks;
            this.utf8Sinks = sinks.stream().filter(RawSink::isUtf8).toList();
            this.truth = truth;
            this.plan = new ProvincePlan(scale, seed);
        }

        void patents() {
            List<String> provinces = ProvincePlan.PROVINCES;
            for (int p = 0; p < provinces.size(); p++) {
                SplittableRandom rnd = Seeds.stream(seed, "sample.legacy", p);
                cell(provinces.get(p), 0, plan.legacyPatents(p, rnd), 0, rnd);
            }
            for (int year = ProvincePlan.FIRST_YEAR; year <= ProvincePlan.LAST_YEAR; year++) {
                long before = nextId;
                for (int p = 0; p < provinces.size(); p++) {
                    SplittableRandom rnd = ProvincePlan.cellStream(seed, p, year);
                    cell(provinces.get(p), year, plan.otherPatents(p, year, rnd), plan.aiPatents(p, year, rnd), rnd);
                }
                log.accept(String.format("generate-sample: %d: %d records", year, nextId - before));
            }
        }

        /** The records of one province-year (year 0: applications filed before the panel), in random order. */
        private void cell(String province, int year, int other, int ai, SplittableRandom rnd) {
            int broken = binomial(other + ai, BROKEN_SHARE, rnd);
            byte[] kinds = new byte[other + ai + broken];
            java.util.Arrays.fill(kinds, other, other + ai, (byte) 1);
            java.util.Arrays.fill(kinds, other + ai, kinds.length, (byte) 2);
            for (int i = kinds.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                byte t = kinds[i];
                kinds[i] = kinds[j];
                kinds[j] = t;
            }
            for (byte kind : kinds) {
                int y = year == 0 ? 1986 + rnd.nextInt(17) : year;
                if (kind == 2) {
                    broken(province, y, rnd);
                } else {
                    good(province, y, kind == 1, rnd);
                }
            }
        }

        private void good(String province, int year, boolean ai, SplittableRandom rnd) {
            PatentRecord r = record(province, year, ai ? plantedCategories(year, rnd) : List.of(), rnd);
            RawSink sink = sinks.get(rnd.nextInt(sinks.size()));
            emit(r, sink, "accepted", null);
            double u = rnd.nextDouble();
            boolean grantable = r.get("publication_number").endsWith("A");
            if (u < REPUBLISHED_SHARE && grantable) {
                emit(republished(r, rnd), sinks.get(rnd.nextInt(sinks.size())), "duplicate", r.id);
            } else if (u < EXACT_DUPLICATE_SHARE + REPUBLISHED_SHARE) {
                emit(r.copy(nextId()), sink, "duplicate", r.id);
            }
        }

        private void emit(PatentRecord r, RawSink sink, String status, String duplicateOf) {
            long line = sink.write(r);
            truth.record(r, sink.relativePath, line, status, duplicateOf);
        }

        /** The same application published again (grant after publication): number written another way. */
        private PatentRecord republished(PatentRecord r, SplittableRandom rnd) {
            PatentRecord d = r.copy(nextId());
            String digits = d.number.substring(2);
            d.fields.put("application_number", numberStyle(digits, rnd));
            String pub = d.get("publication_number");
            d.fields.put("publication_number", pub.substring(0, pub.length() - 1) + "B");
            d.publicationDate = d.publicationDate.plusMonths(6 + rnd.nextInt(24));
            return d;
        }

        private void broken(String province, int year, SplittableRandom rnd) {
            Defect defect = Defect.values()[rnd.nextInt(Defect.values().length)];
            PatentRecord r = record(province, year, rnd.nextInt(5) == 0 ? plantedCategories(year, rnd) : List.of(), rnd);
            r.defect = defect;
            RawSink sink = sinks.get(rnd.nextInt(sinks.size()));
            switch (defect) {
                case MALFORMED_RECORD -> {
                }
                case MISSING_APPLICATION_NUMBER -> {
                    r.fields.put("application_number", "");
                    r.number = null;
                }
                case UNPARSEABLE_DATE -> r.badDate = BAD_DATES[rnd.nextInt(BAD_DATES.length)];
                case UNDECODABLE_TEXT -> {
                    String t = r.get("title");
                    int at = 1 + rnd.nextInt(t.length() - 1);
                    r.fields.put("title", t.substring(0, at) + PatentRecord.UNDECODABLE_MARK + t.substring(at));
                    sink = utf8Sinks.get(rnd.nextInt(utf8Sinks.size()));
                }
                case UNRESOLVABLE_REGION -> {
                    r.fields.put("address", addresses.placeless(rnd));
                    r.fields.put("province_code", "");
                    r.fields.put("postal_code", "");
                    r.fields.put("applicant", personNames(1 + rnd.nextInt(2), rnd));
                    r.province = null;
                    r.city = null;
                }
                case OUT_OF_SCOPE_REGION -> outOfScope(r, rnd);
            }
            emit(r, sink, "quarantined", null);
        }

        /** A foreign applicant, or one from Tibet, Hong Kong, Macao or Taiwan. */
        private void outOfScope(PatentRecord r, SplittableRandom rnd) {
            r.city = null;
            r.fields.put("postal_code", "");
            if (rnd.nextBoolean()) {
                String[] f = addresses.foreign(rnd);
                r.fields.put("province_code", f[0]);
                r.fields.put("address", f[1]);
                r.province = null;
                return;
            }
            Region province = addresses.province(ProvincePlan.EXCLUDED.get(rnd.nextInt(ProvincePlan.EXCLUDED.size())));
            Region city = addresses.pickCity(province.code(), rnd);
            r.province = province.code();
            r.fields.put("address", city != null ? addresses.address(province, city, Addresses.Form.FULL, rnd)
                    : province.name() + addresses.street(rnd));
            r.fields.put("province_code", rnd.nextBoolean() ? province.code().substring(0, 2) : "");
        }

        /** A well-formed record of an applicant in {@code province}, filed in {@code year}. */
        private PatentRecord record(String provinceCode, int year, List<String> categories, SplittableRandom rnd) {
            PatentRecord r = new PatentRecord(nextId());
            boolean legacy = year < 2003;
            int type = categories.isEmpty() ? (rnd.nextInt(10) < 5 ? 1 : rnd.nextInt(10) < 8 ? 2 : 3) : (rnd.nextInt(10) < 9 ? 1 : 2);
            int serial = serials.merge(year * 10 + type, 1, Integer::sum) + (legacy ? 100 : 100_000);
            String digits = legacy ? ApplicationNumbers.legacy(year, type, serial) : ApplicationNumbers.modern(year, type, serial);
            r.number = ApplicationNumbers.normalised(digits);
            r.fields.put("application_number", numberStyle(digits, rnd));
            r.applicationDate = LocalDate.of(year, 1, 1).plusDays(rnd.nextInt(365));
            r.publicationDate = r.applicationDate.plusMonths(type == 1 ? 18 : 6 + rnd.nextInt(6)).plusDays(rnd.nextInt(28));
            String kindCode = type == 1 ? "A" : type == 2 ? "U" : "S";
            r.fields.put("publication_number", "CN" + (type * 100_000_000L + 1_000_000 + nextPublication++) + kindCode);
            PatentText.Text text = texts.generate(categories, categories.isEmpty() && rnd.nextDouble() < TRAP_SHARE, rnd);
            r.fields.put("title", text.title());
            r.fields.put("abstract", text.abstractText());
            r.fields.put("claims", text.claims());
            r.ai = !text.categories().isEmpty();
            r.categories = text.categories();
            r.year = year;
            Region province = addresses.province(provinceCode);
            Region city = addresses.pickCity(provinceCode, rnd);
            r.fields.put("applicant", applicants(province, city, rnd));
            r.fields.put("inventor", personNames(1 + rnd.nextInt(4), rnd));
            region(r, province, city, rnd);
            String main = ipcCodes.get(rnd.nextInt(ipcCodes.size()));
            r.fields.put("ipc_main", main);
            String more = ipcCodes.get(rnd.nextInt(ipcCodes.size()));
            r.fields.put("ipc", more.equals(main) ? main : main + ";" + more);
            r.fields.put("patent_type", TYPES[type - 1]);
            return r;
        }

        /**
         * Address, province-code field and postal code in varying completeness, and the truth of what they name:
         * the province always, the city when the address or the postal code names it (a municipality is its own
         * city).
         */
        private void region(PatentRecord r, Region province, Region city, SplittableRandom rnd) {
            r.province = province.code();
            String address = "", code = "", postal = "";
            int pattern = rnd.nextInt(100);
            // 0-29 address, code and postal code; 30-59 address and code; 60-69 code only; 70-79 address only;
            // 80-99 postal code only
            boolean withAddress = pattern < 60 || (pattern >= 70 && pattern < 80);
            boolean withCode = pattern < 70;
            boolean withPostal = pattern < 30 || pattern >= 80;
            Addresses.Form form = Addresses.Form.values()[rnd.nextInt(Addresses.Form.values().length)];
            boolean addressNamesCity = false;
            if (withAddress && city != null) {
                address = addresses.address(province, city, form, rnd);
                addressNamesCity = form != Addresses.Form.PROVINCE_ONLY;
            } else if (withAddress) {
                address = province.name() + addresses.street(rnd);
            }
            if (withPostal) {
                String p = addresses.postalCode(province, city, rnd);
                if (p != null) postal = p;
                else if (!withAddress && !withCode) code = province.code().substring(0, 2);
            }
            if (withCode) {
                int style = rnd.nextInt(4);
                code = style < 2 ? province.code().substring(0, 2) : style == 2 ? province.shortName() : province.name();
            }
            r.fields.put("address", address);
            r.fields.put("province_code", code);
            r.fields.put("postal_code", postal);
            boolean municipality = city != null && city.name().equals(province.name());
            if (addressNamesCity || municipality) r.city = city.code();
            else if (!postal.isEmpty()) r.city = addresses.postalCity(postal);
            else r.city = null;
        }

        private String applicants(Region province, Region city, SplittableRandom rnd) {
            StringBuilder s = new StringBuilder(Names.organisation(city != null ? city.shortName() : province.shortName(), rnd));
            int co = rnd.nextInt(10) < 7 ? 0 : 1 + rnd.nextInt(2);
            for (int i = 0; i < co; i++) {
                s.append(';').append(rnd.nextBoolean() ? Names.person(rnd) : Names.organisation(province.shortName(), rnd));
            }
            return s.toString();
        }

        private String personNames(int n, SplittableRandom rnd) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < n; i++) s.append(i > 0 ? ";" : "").append(Names.person(rnd));
            return s.toString();
        }

        /** One category mostly, now and then two; the mix shifts towards deep learning and driving over time. */
        private List<String> plantedCategories(int year, SplittableRandom rnd) {
            List<String> ids = texts.categoryIds();
            double[] w = new double[ids.size()];
            for (int i = 0; i < w.length; i++) {
                String id = ids.get(i);
                double late = Math.max(0, year - 2012) / 8.0;
                w[i] = switch (id) {
                    case "deep_learning" -> 0.5 + 3 * late;
                    case "intelligent_driving" -> 0.5 + 1.5 * late;
                    case "cloud_computing" -> 2.0;
                    case "computer_vision" -> 1.5;
                    default -> 1.0;
                };
            }
            List<String> out = new ArrayList<>();
            out.add(ids.get(weighted(w, rnd)));
            if (rnd.nextInt(100) < 15) {
                String second = ids.get(weighted(w, rnd));
                if (!out.contains(second)) out.add(second);
            }
            return out;
        }

        private String numberStyle(String digits, SplittableRandom rnd) {
            int s = rnd.nextInt(10);
            if (digits.length() != 12) return s < 7 ? "CN" + digits : digits;
            char check = ApplicationNumbers.checkDigit(digits);
            return s < 6 ? ApplicationNumbers.published(digits) : s < 8 ? "CN" + digits : s < 9 ? digits + "." + check : digits;
        }

        private String nextId() {
            return "R" + ApplicationNumbers.pad(nextId++, 8);
        }
    }

    private static int weighted(double[] w, SplittableRandom rnd) {
        double total = 0;
        for (double x : w) total += x;
        double u = rnd.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u < 0) return i;
        }
        return w.length - 1;
    }

    private static int binomial(int n, double p, SplittableRandom rnd) {
        int k = 0;
        for (int i = 0; i < n; i++) if (rnd.nextDouble() < p) k++;
        return k;
    }
}
