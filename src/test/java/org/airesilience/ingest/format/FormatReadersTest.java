package org.airesilience.ingest.format;

import org.airesilience.ingest.QuarantineReason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormatReadersTest {
    private static final FieldMapping MAPPING = FieldMapping.builtIn();
    private static final Charset GBK = Charset.forName("GBK");

    /** The records of one {@code <REC>} text. */
    private static List<RawRecord> trs(String text, long line, long offset) {
        TrsParser p = new TrsParser(MAPPING, StandardCharsets.UTF_8);
        p.reset(text, "d.trs", line, offset);
        List<RawRecord> out = new ArrayList<>();
        for (RawRecord r; (r = p.next()) != null; ) out.add(r);
        return out;
    }

    private static RawRecord trsOne(String text) {
        List<RawRecord> r = trs(text, 1, 0);
        assertEquals(1, r.size(), text);
        return r.get(0);
    }

    private static List<RawRecord> read(byte[] bytes, SourceFormat format, Charset charset) {
        List<RawRecord> out = new ArrayList<>();
        new LineSourceReader(new ByteArrayInputStream(bytes), "f", format, charset, MAPPING).forEachRemaining(out::add);
        return out;
    }

    @Test
    void mapsChineseAndEnglishHeaders() {
        assertEquals("publication_number", MAPPING.canonical("公开（公告）号"));
        assertEquals("publication_number", MAPPING.canonical("公开(公告)号"));
        assertEquals("publication_date", MAPPING.canonical("公开（公告）日"));
        assertEquals("applicant", MAPPING.canonical("申请（专利权）人"));
        assertEquals("inventor", MAPPING.canonical("发明（设计）人"));
        assertEquals("title", MAPPING.canonical("名称"));
        assertEquals("title", MAPPING.canonical("标题"));
        assertEquals("address", MAPPING.canonical("申请人地址"));
        assertEquals("claims", MAPPING.canonical("主权项"));
        assertEquals("ipc_main", MAPPING.canonical("主分类号"));
        assertEquals("ipc", MAPPING.canonical("分类号"));
        assertEquals("province_code", MAPPING.canonical("国省代码"));
        assertEquals("postal_code", MAPPING.canonical("邮编"));
        assertEquals("application_number", MAPPING.canonical("Application No."));
        assertEquals("application_number", MAPPING.canonical("\uFEFF申请号"));
        assertEquals("application_date", MAPPING.canonical("application_date"));
        assertNull(MAPPING.canonical("法律状态"));
        assertEquals("application_number", FieldMapping.of(Map.of("AppNo", "application_number")).canonical("appno"));
    }

    @Test
    void readsCsvWithQuotesMultiLineFieldsAndBadRows() {
        String csv = "\uFEFF申请号,名称,摘要\r\n"
                + "CN1,\"a, b\",\"say \"\"hi\"\"\"\r\n"
                + "\r\n"
                + "CN2,t,\"line one\nline two\"\n"
                + "CN3,too,many,fields\n"
                + "CN4,\"never closed,x\n"
                + "CN5,ok,\n";
        List<RawRecord> r = read(csv.getBytes(StandardCharsets.UTF_8), SourceFormat.CSV, StandardCharsets.UTF_8);
        assertEquals(5, r.size());
        assertEquals(Map.of("application_number", "CN1", "title", "a, b", "abstract", "say \"hi\""), r.get(0).fields());
        assertEquals(2, r.get(0).line());
        assertEquals("line one\nline two", r.get(1).field("abstract"));
        assertEquals(4, r.get(1).line());
        assertEquals(QuarantineReason.MALFORMED_RECORD, r.get(2).failure());
        assertEquals(6, r.get(2).line());
        assertEquals(QuarantineReason.MALFORMED_RECORD, r.get(3).failure());
        assertEquals("unclosed quote", r.get(3).detail());
        assertEquals(7, r.get(3).line());
        assertEquals("CN5", r.get(4).field("application_number"));
        assertEquals(8, r.get(4).line());
        assertEquals(csv.getBytes(StandardCharsets.UTF_8).length - "CN5,ok,\n".length(), r.get(4).offset());
    }

    @Test
    void readsGbkTsvAndFlagsUndecodableLines() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("申请号\t申请日\t地址\nCN1\t2017.03.01\t北京市海淀区\n".getBytes(GBK));
        b.write(new byte[]{'C', 'N', '2', '\t', (byte) 0xFF, (byte) 0xFF, '\t', 'x', '\n'});
        List<RawRecord> r = read(b.toByteArray(), SourceFormat.TSV, SourceCharsets.GB18030);
        assertEquals("北京市海淀区", r.get(0).field("address"));
        assertEquals(QuarantineReason.UNDECODABLE_TEXT, r.get(1).failure());
        assertEquals(3, r.get(1).line());
    }

    @Test
    void aBrokenQuoteStopsAtTheNextRecordOrTheLimit() {
        String csv = "申请号,名称,摘要\n"
                + "CN201710000001.1,\"open,x\n" // the quote runs over a continuation line, then meets a record
                + "still inside\n"
                + "CN201710000002.1,t,\"two\nlines\"\n"
                + "CN201710000003.1,t,\"never closed\n"
                + "a\nb\nc\n";
        ReadLimits limits = new ReadLimits(3, 1000);
        List<RawRecord> r = new ArrayList<>();
        new LineSourceReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "f", SourceFormat.CSV,
                StandardCharsets.UTF_8, MAPPING, limits).forEachRemaining(r::add);
        assertEquals("unclosed quote (lines 2-3)", r.get(0).detail());
        assertEquals("CN201710000001.1,\"open,x\nstill inside", r.get(0).raw());
        assertEquals("two\nlines", r.get(1).field("abstract"));
        assertEquals(4, r.get(1).line());
        assertEquals("unclosed quote (still open after 3 lines, airesilience.ingest.max-quoted-lines)", r.get(2).detail());
        assertEquals(6, r.get(2).line());
        assertEquals(List.of(7L, 8L, 9L), r.subList(3, 6).stream().map(RawRecord::line).toList(),
                "after the limit each line is read again as a record");
        assertEquals(6, r.size());
    }

    @Test
    void aLineOverTheLimitIsAnErrorNamingFileAndLine() {
        String csv = "申请号,名称\nCN1,t\nCN2," + "x".repeat(200) + "\n";
        LineSourceReader reader = new LineSourceReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "f",
                SourceFormat.CSV, StandardCharsets.UTF_8, MAPPING, new ReadLimits(10, 100));
        assertEquals("CN1", reader.next().field("application_number"));
        SourceFileException e = assertThrows(SourceFileException.class, reader::next);
        assertEquals("f line 3: line longer than 100 bytes (airesilience.ingest.max-line-bytes)", e.getMessage());
    }

    @Test
    void readsAJsonArrayElementByElement() {
        String json = "\n [{\"application_number\": \"CN1\", \"title\": \"a\"},\n"
                + "  {\"application_number\": \"CN2\",\n   \"title\": [\"b\", \"c\"]},\n  7]\n";
        List<RawRecord> r = read(json.getBytes(StandardCharsets.UTF_8), SourceFormat.JSONL, StandardCharsets.UTF_8);
        assertEquals(3, r.size());
        assertEquals(Map.of("application_number", "CN1", "title", "a"), r.get(0).fields());
        assertEquals(2, r.get(0).line());
        assertEquals(Map.of("application_number", "CN2", "title", "b;c"), r.get(1).fields());
        assertEquals(3, r.get(1).line());
        assertEquals(json.indexOf("{\"application_number\": \"CN2"), r.get(1).offset());
        assertEquals("array element is not a JSON object", r.get(2).detail());
        assertEquals(5, r.get(2).line());
        SourceFileException e = assertThrows(SourceFileException.class,
                () -> read("[{\"a\": 1},\n{\"b\": }]".getBytes(StandardCharsets.UTF_8), SourceFormat.JSONL,
                        StandardCharsets.UTF_8));
        assertTrue(e.getMessage().startsWith("f line 2: invalid JSON: Unexpected character ('}'"), e.getMessage());
    }

    @Test
    void headerWithoutKnownColumnsIsAnErrorNamingTheFile() {
        SourceFileException e = assertThrows(SourceFileException.class,
                () -> read("\na,b\n1,2\n".getBytes(StandardCharsets.UTF_8), SourceFormat.CSV, StandardCharsets.UTF_8));
        assertEquals("f line 2: header not recognised: no column names a patent field (2 columns: [a, b]); name them "
                + "in airesilience.ingest.columns", e.getMessage());
    }

    @Test
    void readsJsonLines() {
        String jsonl = "{\"申请号\":\"CN1\",\"applicant\":[\"甲\",\"乙\"],\"postal_code\":100084,\"x\":{\"y\":1}}\n"
                + "[1,2]\n{\"application_number\": \"CN2\n\n{\"application_number\":null,\"title\":\"t\"}\n";
        List<RawRecord> r = read(jsonl.getBytes(StandardCharsets.UTF_8), SourceFormat.JSONL, StandardCharsets.UTF_8);
        assertEquals(4, r.size());
        assertEquals(Map.of("application_number", "CN1", "applicant", "甲;乙", "postal_code", "100084"), r.get(0).fields());
        assertEquals(QuarantineReason.MALFORMED_RECORD, r.get(1).failure());
        assertEquals(QuarantineReason.MALFORMED_RECORD, r.get(2).failure());
        assertEquals(3, r.get(2).line());
        assertEquals(Map.of("title", "t"), r.get(3).fields());
        assertEquals(5, r.get(3).line());
    }

    @Test
    void parsesTrsRecords() {
        RawRecord r = trsOne("\n<申请号>=CN201710117081.7\n<申请日>=2017.03.01\n<摘要>=第一行\n第二行\n"
                + "<法律状态>=有效\n续行\n<申请（专利权）人>=甲;乙\n");
        assertTrue(r.ok());
        assertEquals("CN201710117081.7", r.field("application_number"));
        assertEquals("第一行\n第二行", r.field("abstract"));
        assertEquals("甲;乙", r.field("applicant"));
        assertEquals(4, r.fields().size());
        assertEquals(List.of(), trs(" \n\n", 1, 0));
        RawRecord junk = trs("\n一种方法CN201910000003.3\n", 9, 0).get(0);
        assertEquals(QuarantineReason.MALFORMED_RECORD, junk.failure());
        assertEquals(10, junk.line());
    }

    @Test
    void jsonMembersAsTheTreeReadsThem() {
        String jsonl = "{\"title\":\"a\",\"名称\":\"b\",\"title\":\"c\"}\n" // a repeated key: last value, first place
                + "{\"title\":\" \",\"名称\":\"b\"}\n" // blank values do not take the field
                + "{\"postal_code\":1.0E2,\"ipc\":[\"G06N\",[\"H01L\",null],{\"k\":[1,true]}],\"abstract\":{\"x\":-0}}\n"
                + "{\"title\":}\n"
                + "{\"title\":\"a\"} trailing\n"
                + "\"just a string\"\n"
                + "[1,\n";
        List<RawRecord> r = read(jsonl.getBytes(StandardCharsets.UTF_8), SourceFormat.JSONL, StandardCharsets.UTF_8);
        assertEquals(Map.of("title", "c"), r.get(0).fields());
        assertEquals(Map.of("title", "b"), r.get(1).fields());
        assertEquals(Map.of("postal_code", "100.0", "ipc", "G06N;H01L;{\"k\":[1,true]}", "abstract", "{\"x\":0}"),
                r.get(2).fields());
        assertEquals("invalid JSON: Unexpected character ('}' (code 125)): expected a valid value (JSON String, Number,"
                + " Array, Object or token 'null', 'true' or 'false')", r.get(3).detail());
        assertEquals(Map.of("title", "a"), r.get(4).fields());
        assertEquals("not a JSON object", r.get(5).detail());
        assertTrue(r.get(6).detail().startsWith("invalid JSON: Unexpected end-of-input"), r.get(6).detail());
    }

    @Test
    void trsFieldLinesAndContinuations() {
        List<RawRecord> both = trs("\r\n <名称> \t=  标题 \r\n\r\n  续行 \n<摘要>=\n第一行\r\n<名称>=重复\n不要\n"
                + "<" + "x".repeat(41) + ">=not a field\n<申请号>=a\rb\n<地址>=\n", 1, 0);
        assertEquals(2, both.size(), "a repeated field name starts a new record");
        RawRecord r = both.get(0);
        assertTrue(r.ok());
        assertEquals("标题\n续行", r.field("title"), "CRLF and blank lines; value stripped");
        assertEquals("\n第一行", r.field("abstract"), "an empty first line still starts the value");
        assertEquals(2, r.fields().size());
        assertEquals(1, r.line());
        assertEquals("<名称> \t=  标题 \r\n\r\n  续行 \n<摘要>=\n第一行", r.raw(), "the raw text is the stripped record");
        RawRecord second = both.get(1);
        assertEquals(7, second.line(), "the line of the repeated field");
        assertEquals("\r\n <名称> \t=  标题 \r\n\r\n  续行 \n<摘要>=\n第一行\r\n".getBytes(StandardCharsets.UTF_8).length,
                second.offset());
        assertEquals("重复\n不要\n<" + "x".repeat(41) + ">=not a field\n<申请号>=a\rb", second.field("title"),
                "over-long names and lines with a lone CR are no field lines");
        assertNull(second.field("application_number"));
        assertNull(second.field("address"), "empty values are dropped");
        List<RawRecord> emptyFirst = trs("<申请号>=\n<申请号>=CN1\n", 1, 0);
        assertNull(emptyFirst.get(0).field("application_number"), "the first occurrence takes the field even when empty");
        assertEquals("CN1", emptyFirst.get(1).field("application_number"));
        List<RawRecord> junkFirst = trs("\n 说明 \n<申请号>=CN1", 5, 9);
        assertEquals(2, junkFirst.size());
        assertEquals("CN1", junkFirst.get(0).field("application_number"));
        assertEquals(5, junkFirst.get(0).line(), "the first record of a text has the line of its <REC>");
        RawRecord bad = junkFirst.get(1);
        assertEquals("line 6 is neither <field>=value nor the continuation of a free-text field", bad.detail());
        assertEquals("说明", bad.raw());
        assertEquals(6, bad.line());
        assertEquals(9 + 1, bad.offset());
        assertEquals(QuarantineReason.MALFORMED_RECORD, trsOne("<申请号>=x\u2028y\n").failure(),
                "a line separator makes the line no field line");
        assertEquals("y", trsOne("<名 称>=y\n<名称>=x").field("title"),
                "names are matched like headers: a second name of the same field is read but not kept");
    }

    @Test
    void linesSplitAcrossReadsAreReadWhole() {
        byte[] bytes = ("\uFEFF申请号,名称,摘要\r\nCN1,\"a\r\nb\",c\r\n \t\r\nCN2,深度,y\r\r\nCN3,z,\"open\nCN4,w,v")
                .getBytes(StandardCharsets.UTF_8);
        List<RawRecord> whole = read(bytes, SourceFormat.CSV, StandardCharsets.UTF_8);
        List<RawRecord> trickled = new ArrayList<>();
        InputStream oneByteAtATime = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        new LineSourceReader(oneByteAtATime, "f", SourceFormat.CSV, StandardCharsets.UTF_8, MAPPING).forEachRemaining(trickled::add);
        assertEquals(4, whole.size());
        assertEquals("a\nb", whole.get(0).field("title"));
        assertEquals("CN2,深度,y\r", whole.get(1).raw(), "only the CR before the line feed ends the line");
        assertEquals("unclosed quote", whole.get(2).detail());
        assertEquals(whole.size(), trickled.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).fields(), trickled.get(i).fields());
            assertEquals(whole.get(i).raw(), trickled.get(i).raw());
            assertEquals(whole.get(i).line(), trickled.get(i).line());
            assertEquals(whole.get(i).offset(), trickled.get(i).offset());
        }
    }

    @Test
    void strictUtf8RejectsWhatTheLenientDecoderReplaces() throws Exception {
        for (byte[] bad : new byte[][]{{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE4, (byte) 0xB8},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}}) {
            assertThrows(CharacterCodingException.class, () -> SourceCharsets.decode(bad, 0, bad.length, StandardCharsets.UTF_8));
        }
        byte[] replacement = "a\uFFFDb".getBytes(StandardCharsets.UTF_8);
        assertEquals("a\uFFFDb", SourceCharsets.decode(replacement, 0, replacement.length, StandardCharsets.UTF_8));
        byte[] text = "x深度学习😀".getBytes(StandardCharsets.UTF_8);
        assertEquals("深度学习😀", SourceCharsets.decode(text, 1, text.length - 1, StandardCharsets.UTF_8));
    }

    @Test
    void detectsCharsetsAndFormats() {
        byte[] utf8 = "申请号,名称\nCN1,深度学习\n".getBytes(StandardCharsets.UTF_8);
        byte[] gbk = "申请号,名称\nCN1,深度学习\n".getBytes(GBK);
        Charset fallback = StandardCharsets.UTF_8;
        assertEquals(StandardCharsets.UTF_8, SourceCharsets.detect(utf8, utf8.length, fallback));
        assertEquals(SourceCharsets.GB18030, SourceCharsets.detect(gbk, gbk.length, fallback));
        assertEquals(StandardCharsets.UTF_8, SourceCharsets.detect(utf8, utf8.length - 2, fallback), "cut sequence");
        byte[] ascii = "a,b\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(StandardCharsets.ISO_8859_1, SourceCharsets.detect(ascii, ascii.length, StandardCharsets.ISO_8859_1));
        byte[] mostlyUtf8 = ("深度学习语音识别自然语言" + "\u0000").getBytes(StandardCharsets.UTF_8);
        mostlyUtf8[mostlyUtf8.length - 1] = (byte) 0xFF;
        assertEquals(StandardCharsets.UTF_8, SourceCharsets.detect(mostlyUtf8, mostlyUtf8.length, fallback));

        assertEquals(SourceFormat.CSV, SourceFormat.fromExtension("a/b.CSV.gz"));
        assertEquals(SourceFormat.TSV, SourceFormat.fromExtension("b.tsv.bz2"));
        assertEquals(SourceFormat.JSONL, SourceFormat.fromExtension("b.jsonl"));
        assertEquals(SourceFormat.TRS, SourceFormat.fromExtension("b.trs"));
        assertNull(SourceFormat.fromExtension("b.dat"));
        assertEquals(SourceFormat.TRS, sniff("<REC>\n<申请号>=1\n"));
        assertEquals(SourceFormat.JSONL, sniff("  {\"a\":1}\n"));
        assertEquals(SourceFormat.TSV, sniff("申请号\t名称\n"));
        assertEquals(SourceFormat.CSV, sniff("\uFEFF申请号,名称\n"));
        assertNull(sniff("hello\n"));
    }

    private static SourceFormat sniff(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return SourceFormat.sniff(b, b.length);
    }
}
