package org.airesilience.ingest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CuratedRecordsTest {
    static Outcome accepted(String number, String published, String source, long line) {
        Outcome o = new Outcome();
        o.applicationNumber = number;
        o.applicationDate = LocalDate.of(2017, 3, 1);
        o.publicationDate = published == null ? null : LocalDate.parse(published);
        o.sourceFile = source;
        o.sourceLine = line;
        o.sourceOffset = line * 100;
        o.title = "一种基于深度学习的图像识别方法 " + number;
        o.province = "440000";
        o.applicantProvinces = "440000;110000";
        return o;
    }

    @Test
    void recordsReadBackAsWritten() {
        Outcome full = accepted("CN201710117081", "2017-07-14", "cnipa/a.csv", 2);
        full.abstractText = "emoji 😀 and a lone \uD800 surrogate, ａｂｃ，全角";
        full.claims = "";
        full.publicationNumber = "CN106951234A";
        Outcome sparse = accepted("CN85100462", null, "trs/b.trs", 7);
        sparse.title = null;
        sparse.applicantProvinces = null;
        CuratedRecords records = new CuratedRecords();
        records.add(full);
        records.add(sparse);
        records.seal();
        assertEquals(2, records.size());

        CuratedRecords.Cursor c = records.cursor();
        assertTrue(c.next());
        assertEquals((int) LocalDate.of(2017, 3, 1).toEpochDay(), c.applicationDay);
        assertEquals((int) LocalDate.of(2017, 7, 14).toEpochDay(), c.publicationDay);
        assertEquals(2, c.sourceLine);
        assertEquals("cnipa/a.csv", c.sourceFile);
        assertEquals("CN201710117081", c.text(0));
        assertEquals("CN106951234A", c.text(1));
        assertEquals(full.title, c.text(2));
        assertEquals("emoji 😀 and a lone ? surrogate, ａｂｃ，全角", c.text(3)); // as String.getBytes encodes it
        assertEquals("", c.text(4));
        assertEquals("440000;110000", c.text(15));
        assertTrue(c.next());
        assertEquals(CuratedRecords.NO_DAY, c.publicationDay);
        assertEquals("trs/b.trs", c.sourceFile);
        assertNull(c.text(2));
        assertNull(c.text(15));
        assertFalse(c.next());
    }

    @Test
    void manyRecordsSpanSeveralArraysInOrder() {
        CuratedRecords records = new CuratedRecords();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Outcome o = accepted(String.format("CN2017%08d", i), null, i % 2 == 0 ? "a.csv" : "b.csv", i);
            o.abstractText = "摘要".repeat(i % 50);
            records.add(o);
            numbers.add(o.applicationNumber);
        }
        records.seal();
        CuratedRecords.Cursor c = records.cursor();
        for (int i = 0; i < numbers.size(); i++) {
            assertTrue(c.next());
            assertEquals(numbers.get(i), c.text(0));
            assertEquals("摘要".repeat(i % 50), c.text(3));
            assertEquals(i % 2 == 0 ? "a.csv" : "b.csv", c.sourceFile);
            assertEquals(i, c.sourceLine);
        }
        assertFalse(c.next());
    }
}
