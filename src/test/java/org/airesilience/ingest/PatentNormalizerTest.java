package org.airesilience.ingest;

import org.airesilience.ingest.format.RawRecord;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.RegionResolver;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatentNormalizerTest {
    private final PatentNormalizer normalizer = new PatentNormalizer(
            new RegionResolver(Gazetteer.load(), List.of("540000", "710000", "810000", "820000")));

    private static Map<String, String> valid() {
        Map<String, String> f = new HashMap<>();
        f.put("application_number", "CN201710117081.7");
        f.put("application_date", "2017.03.01");
        f.put("publication_number", "CN106951234A");
        f.put("publication_date", "2017.07.14");
        f.put("title", "一种<b>深度学习</b>方法");
        f.put("applicant", "华为技术有限公司； 北京百度网讯科技有限公司;;");
        f.put("inventor", "张三;李四");
        f.put("address", "518129 广东省深圳市龙岗区坂田华为总部办公楼");
        f.put("ipc_main", "G06N 3/04");
        f.put("ipc", "G06N3/04; G06K9/62；G06N3/04");
        return f;
    }

    private Outcome normalize(Map<String, String> f) {
        return normalizer.normalize(RawRecord.of("a.csv", 2, 10, f, "raw"));
    }

    @Test
    void normalisesAValidRecord() {
        Outcome o = normalize(valid());
        assertTrue(o.accepted(), o.detail);
        assertEquals("CN201710117081", o.applicationNumber);
        assertEquals(java.time.LocalDate.of(2017, 3, 1), o.applicationDate);
        assertEquals(java.time.LocalDate.of(2017, 7, 14), o.publicationDate);
        assertEquals("CN106951234A", o.publicationNumber);
        assertEquals("一种 深度学习 方法", o.title);
        assertEquals("华为技术有限公司;北京百度网讯科技有限公司", o.applicant);
        assertEquals("G06N3/04", o.ipcMain);
        assertEquals("G06N3/04;G06K9/62", o.ipc);
        assertEquals("440000", o.province);
        assertEquals("440300", o.city);
        assertEquals("440000;110000", o.applicantProvinces);
        assertNull(o.raw);
    }

    @Test
    void coApplicantsWithTheirOwnAddresses() {
        Map<String, String> f = valid();
        f.put("applicant", "甲公司;乙公司;丙公司");
        f.put("address", "江苏省南京市;浙江省杭州市;西藏拉萨市");
        Outcome o = normalize(f);
        assertEquals("320000", o.province);
        assertEquals("320000;330000", o.applicantProvinces);
    }

    @Test
    void quarantinesWithTheFirstProblemFound() {
        Map<String, String> f = valid();
        f.remove("application_number");
        assertEquals(QuarantineReason.MISSING_APPLICATION_NUMBER, normalize(f).reason);
        f = valid();
        f.put("application_number", "CN106951234A");
        assertEquals(QuarantineReason.MISSING_APPLICATION_NUMBER, normalize(f).reason);
        f = valid();
        f.put("application_date", "2017.13.45");
        assertEquals(QuarantineReason.UNPARSEABLE_DATE, normalize(f).reason);
        f = valid();
        f.remove("application_date");
        assertEquals(QuarantineReason.UNPARSEABLE_DATE, normalize(f).reason);
        f = valid();
        f.put("publication_date", "不详");
        assertEquals(QuarantineReason.UNPARSEABLE_DATE, normalize(f).reason);
        f = valid();
        f.put("address", "科技园路1号");
        assertEquals(QuarantineReason.UNRESOLVABLE_REGION, normalize(f).reason);
        f.put("province_code", "US");
        Outcome o = normalize(f);
        assertNull(o.reason, "a foreign applicant is valid");
        assertEquals(ExclusionReason.FOREIGN_APPLICANT, o.exclusion);
        assertFalse(o.accepted());
        assertEquals("raw", o.raw);
        assertEquals(2, o.sourceLine);
        f = valid();
        f.put("province_code", "54");
        f.put("address", "西藏自治区拉萨市城关区");
        o = normalize(f);
        assertNull(o.reason);
        assertEquals(ExclusionReason.EXCLUDED_PROVINCE, o.exclusion);
        assertEquals("province 540000 西藏 is excluded", o.detail);
    }

    @Test
    void listsAreSplitOnBothSemicolonsAndStripped() {
        assertEquals(List.of("a", "b c", "d"), PatentNormalizer.split(" a ;；b c\u3000；\t; d;"));
        assertEquals(List.of(), PatentNormalizer.split(" ;；\u3000"));
        assertEquals(List.of(), PatentNormalizer.split(""));
        assertEquals(List.of(), PatentNormalizer.split(null));
        assertEquals(List.of("a\u00A0b"), PatentNormalizer.split("a\u00A0b"), "no-break space is not whitespace");
        assertEquals("甲 公司;乙", PatentNormalizer.joined("甲 \t 公司 ； 乙;"));
        assertNull(PatentNormalizer.joined(" ； "));
    }

    @Test
    void trimmedCollapsesRegexWhitespaceAndStripsUnicodeWhitespace() {
        assertEquals("a b", PatentNormalizer.trimmed("\u3000 a \t\n b \u2003"));
        assertEquals("a \u3000 b", PatentNormalizer.trimmed("a \u3000 b"), "inner ideographic space is kept");
        assertNull(PatentNormalizer.trimmed(" \u3000\t"));
        assertNull(PatentNormalizer.trimmed(null));
    }

    @Test
    void ipcCodesAreHalfWidthUpperCaseWithoutSpaces() {
        assertEquals("G06N3/04", PatentNormalizer.ipc(" g06n\t3/04 "));
        assertEquals("G06N3/04", PatentNormalizer.ipc("Ｇ０６Ｎ\u3000３／０４"));
        assertNull(PatentNormalizer.ipc(" \u3000 "));
        assertEquals("G06N3/04;H01L21/00", PatentNormalizer.ipcList("g06n 3/04；G06N3/04; H01L 21/00;"));
        assertNull(PatentNormalizer.ipcList(" ; "));
    }

    @Test
    void passesReadFailuresThrough() {
        Outcome o = normalizer.normalize(RawRecord.failed("a.csv", 3, 20, "x", QuarantineReason.MALFORMED_RECORD, "unclosed quote"));
        assertEquals(QuarantineReason.MALFORMED_RECORD, o.reason);
        assertEquals("unclosed quote", o.detail);
    }
}
