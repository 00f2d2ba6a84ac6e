package org.airesilience.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplicationNumbersTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "CN201710117081.7, CN201710117081",
            "201710117081.7, CN201710117081",
            "ZL201710117081.7, CN201710117081",
            "ZL 2017 1 0117081.7, CN201710117081",
            "2017101170817, CN201710117081",
            "201710117081, CN201710117081",
            "cn201710117081.x, CN201710117081",
            "ＣＮ２０１７１０１１７０８１．７, CN201710117081",
            "CN85100462, CN85100462",
            "85100462, CN85100462",
            "93112345.6, CN93112345",
            "931123456, CN93112345",
            "CN02123456.X, CN02123456",
            "CN201820000001.5, CN201820000001",
            "CN201930000001.2, CN201930000001",
            "CN201880000001.0, CN201880000001",
            "'\tCN 2017\u00A01 0117081.7 ', CN201710117081",
            "001234567, CN00123456",
            "00123456x, CN00123456",
            "200312345678, CN200312345678",
    })
    void normalisesApplicationNumbers(String raw, String expected) {
        assertEquals(expected, ApplicationNumbers.application(raw));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CN106951234A", "CN1234567A", "CN206123456U", "CN102345678B", "CN303456789S", "106951234",
            "CN106951234B1", "CN1234567", "CN12345678A1", "CN 1234 567 A", "ＣＮ１２３４５６７Ａ"})
    void publicationNumbersAreNotApplicationNumbers(String raw) {
        assertTrue(ApplicationNumbers.isPublication(raw));
        ApplicationNumbers.InvalidNumberException e = assertThrows(ApplicationNumbers.InvalidNumberException.class,
                () -> ApplicationNumbers.application(raw));
        assertTrue(e.getMessage().contains("publication number"), e.getMessage());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "  ", "不详", "CN2019", "20171011708", "201750117081.7", "12345678", "CN2017101170817X9",
            "85100462.", "85100462.XX", "8510046", "201710117081..7", "2017101170817.", "200212345678", "210012345678",
            "201740117081", "84100462", "04100462", "85400462", "851004621X"})
    void rejectsOtherValues(String raw) {
        assertThrows(ApplicationNumbers.InvalidNumberException.class, () -> ApplicationNumbers.application(raw));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CN 106951234 A, CN106951234A", "106951234A, CN106951234A", "cn206123456u, CN206123456U"})
    void normalisesPublicationNumbers(String raw, String expected) {
        assertEquals(expected, ApplicationNumbers.publication(raw));
        assertFalse(ApplicationNumbers.isPublication("CN201710117081.7"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "CN123456", "CN12345678901A", "CN1234567AB", "CN1234567A12",
            "CN12345678", "CN1234567890", "CN4234567"})
    void otherValuesAreNotPublicationNumbers(String raw) {
        assertFalse(ApplicationNumbers.isPublication(raw));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {"CN12345|CN12345", "'\u3000ＣＮ１２Ｘ '|CN12X", "不详|不详"})
    void unrecognisedPublicationNumbersAreKeptHalfWidth(String raw, String expected) {
        assertEquals(expected, ApplicationNumbers.publication(raw));
    }
}
