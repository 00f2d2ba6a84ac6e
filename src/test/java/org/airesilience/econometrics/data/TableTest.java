package org.airesilience.econometrics.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableTest {
    @TempDir
    Path dir;

    @Test
    void readsNumericAndTextColumnsWithMissingValues() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "\uFEFFid,name,x\n1,\"Beijing, city\",2.5\n2,NA,NA\n3,上海,.\n");
        Table t = Table.readCsv(f);
        assertEquals(3, t.rows());
        assertTrue(t.isNumeric("id"));
        assertFalse(t.isNumeric("name"));
        assertEquals("Beijing, city", t.text("name")[0]);
        assertNull(t.text("name")[1]);
        assertTrue(Double.isNaN(t.numeric("x")[1]));
        assertTrue(Double.isNaN(t.numeric("x")[2]));
        assertArrayEquals(new String[]{"1", "2", "3"}, t.text("id"));
    }

    @Test
    void namesTheFileAndLineOfARaggedRow() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "a,b\n1,2\n3\n");
        IOException e = assertThrows(IOException.class, () -> Table.readCsv(f));
        assertTrue(e.getMessage().contains("bad.csv:3"), e.getMessage());
    }

    @Test
    void explainsNonNumericColumns() {
        Table t = Table.builder(2).text("region", new String[]{"east", "west"}).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.numeric("region"));
        assertTrue(e.getMessage().contains("not numeric"));
    }

    @Test
    void filtersAndSelectsRows() {
        Table t = Table.builder(3).numeric("x", new double[]{1, 2, 3}).text("g", new String[]{"a", "b", "c"}).build();
        Table f = t.filter(new boolean[]{true, false, true});
        assertArrayEquals(new double[]{1, 3}, f.numeric("x"));
        Table s = t.select(new int[]{2, 2, 0});
        assertArrayEquals(new String[]{"c", "c", "a"}, s.text("g"));
    }
}
