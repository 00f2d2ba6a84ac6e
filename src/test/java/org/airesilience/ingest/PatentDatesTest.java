package org.airesilience.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PatentDatesTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2017.03.01", "2017-03-01", "20170301", "2017/3/1", "2017.3.1", "2017年3月1日",
            "2017-03-01 00:00:00", "2017-03-01T00:00:00Z", " 2017.03.01 ", "２０１７．０３．０１", "2017 . 3 . 1",
            "2017年3月1日 10:20", "2017年 3 月 1 日", "2017-03-01T10:20:30.125", "2017-03-01 T 10:20:30Z",
            "2017-3-1\t9:05", "\u30002017-03-01\u3000", "2017/03/01 日", "2017.03.01日T10:20"})
    void parsesExportStyles(String raw) {
        assertEquals(LocalDate.of(2017, 3, 1), PatentDates.parse(raw));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2017.13.45", "不详", "2019-02-30", "20l8.06.01", "00000000", "2017", "01.03.2017",
            "1899-01-01", "2017-003-01", "2017-03-011", "20170-3-1", "2017-03-01 10", "2017-03-01 10:2",
            "2017-03-01 10:20:3", "2017-03-01 10:20:30.", "2017-03-01 123:00", "2017-03-01T", "2017-03-01 日日", "2017--03-01",
            "2017.03", "201703011", "2017-03-01ZZ", "2017-03-01 10:20Z Z", "٢٠١٧-٠٣-٠١"})
    void rejectsUnparseableDates(String raw) {
        assertThrows(IllegalArgumentException.class, () -> PatentDates.parse(raw));
    }

    @Test
    void blankIsNoDate() {
        assertNull(PatentDates.parse(""));
        assertNull(PatentDates.parse(null));
    }
}
