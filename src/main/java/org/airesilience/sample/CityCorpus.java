package org.airesilience.sample;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.airesilience.distributed.Seeds;
import org.airesilience.measure.KeywordDictionary;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.airesilience.report.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The text corpus of study B: news-like documents about the 28 prefecture-level cities of the middle-Yangtze city
 * cluster, 2014-2023, one JSON object per line ({@code city}, {@code date}, {@code text}), with the corpus terms of
 * the keyword dictionary (人工智能, 云计算, 大数据, 物联网, AI) planted at frequencies that grow over time and
 * differ by city.
 */
final class CityCorpus {
    static final int FIRST_YEAR = 2014;
    static final int LAST_YEAR = 2023;
    /** Wuhan, Changsha and Nanchang city clusters (the county-level Xiantao, Qianjiang and Tianmen left out). */
    static final List<String> CITIES = List.of("武汉市", "黄石市", "鄂州市", "黄冈市", "孝感市", "咸宁市", "襄阳市",
            "宜昌市", "荆州市", "荆门市", "长沙市", "株洲市", "湘潭市", "岳阳市", "益阳市", "常德市", "衡阳市", "娄底市",
            "南昌市", "九江市", "景德镇市", "鹰潭市", "新余市", "宜春市", "萍乡市", "上饶市", "抚州市", "吉安市");
    private static final List<String> FILLER = List.of("%1$s召开制造业高质量发展推进会", "全市规模以上工业增加值同比增长百分之%2$d",
            "%1$s新签约亿元以上产业项目%2$d个", "%1$s港口集装箱吞吐量再创新高", "全市新增高新技术企业%2$d家",
            "%1$s加快建设先进制造业集群", "%1$s出台支持中小企业发展的若干措施", "%1$s举办产业链招商对接会",
            "全市固定资产投资稳步增长", "%1$s推动传统产业转型升级");
    /** Sentences with a planted term: %1$s the city, %2$s the term. */
    private static final List<String> PLANTED = List.of("%2$s产业园正式开园", "%1$s推动%2$s与制造业深度融合",
            "%2$s应用场景不断丰富", "%1$s发布%2$s发展行动计划", "企业加大%2$s领域研发投入", "%1$s建设%2$s创新中心");

    private static final ObjectWriter LINE = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final Gazetteer gazetteer;
    private final KeywordDictionary dictionary;

    CityCorpus(Gazetteer gazetteer, KeywordDictionary dictionary) {
        this.gazetteer = gazetteer;
        this.dictionary = dictionary;
    }

    void write(Path dir, double scale, long seed, GroundTruth truth) throws IOException {
        Map<String, List<String>> measures = dictionary.corpus();
        truth.corpusMeasures(List.copyOf(measures.keySet()));
        List<String> terms = measures.values().stream().flatMap(List::stream).distinct().toList();
        for (String f : FILLER) {
            if (counts(String.format(f, "某市", 1), measures).stream().anyMatch(c -> c > 0)) {
                throw new IllegalStateException("corpus filler contains a corpus term: " + f);
            }
        }
        Files.createDirectories(dir);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("middle-yangtze-news.jsonl"), StandardCharsets.UTF_8)) {
            for (int c = 0; c < CITIES.size(); c++) {
                String city = CITIES.get(c);
                String code = cityCode(city);
                for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
                    SplittableRandom rnd = Seeds.stream(seed, "sample.corpus", (long) c * 10_000 + year);
                    // Bigger cities (listed first in each cluster) and later years write more about these terms.
                    double intensity = Math.exp(1.2 - 0.06 * c + 0.25 * (year - FIRST_YEAR) + (c == 0 || c == 10 || c == 18 ? 1.0 : 0));
                    int documents = 2 + (int) Math.round(scale * 100 * (1 + rnd.nextDouble()));
                    for (int d = 0; d < documents; d++) {
                        int planted = poisson(intensity / 2, rnd);
                        String text = document(city, planted, terms, rnd);
                        List<Long> freq = counts(text, measures);
                        long[] f = freq.stream().mapToLong(Long::longValue).toArray();
                        truth.document(code, city, year, f);
                        Map<String, String> line = new LinkedHashMap<>();
                        line.put("city", city);
                        line.put("date", LocalDate.of(year, 1, 1).plusDays(rnd.nextInt(365)).toString());
                        line.put("text", text);
                        out.write(LINE.writeValueAsString(line));
                        out.write('\n');
                    }
                }
            }
        }
    }

    private String cityCode(String name) {
        return gazetteer.cities().stream().filter(c -> c.name().equals(name)).map(Region::code).findFirst()
                .orElseThrow(() -> new IllegalStateException("corpus city not in the gazetteer: " + name));
    }

    private static String document(String city, int planted, List<String> terms, SplittableRandom rnd) {
        List<String> sentences = new ArrayList<>();
        int filler = 2 + rnd.nextInt(3);
        for (int i = 0; i < filler; i++) {
            sentences.add(String.format(FILLER.get(rnd.nextInt(FILLER.size())), city, 2 + rnd.nextInt(40)));
        }
        for (int i = 0; i < planted; i++) {
            String term = terms.get(rnd.nextInt(terms.size()));
            if (term.equals("AI") && rnd.nextInt(4) == 0) term = "ＡＩ";
            sentences.add(rnd.nextInt(sentences.size() + 1), String.format(PLANTED.get(rnd.nextInt(PLANTED.size())), city, term));
        }
        return String.join("。", sentences) + "。";
    }

    /** Frequency of each corpus measure's terms, by the reference rule. */
    private static List<Long> counts(String text, Map<String, List<String>> measures) {
        return measures.values().stream().map(t -> (long) ReferenceMatcher.count(text, t)).toList();
    }

    private static int poisson(double lambda, SplittableRandom rnd) {
        double l = Math.exp(-lambda), p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
