package org.airesilience.measure;

import org.airesilience.cli.Main;
import org.airesilience.region.Gazetteer;
import org.airesilience.region.Region;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasureTablesTest {
    private static final Set<String> STUDY_A_EXCLUDED = Set.of("540000", "810000", "820000", "710000");

    @Test
    void parsesYearRanges() {
        assertArrayEquals(new int[]{2006, 2020}, MeasureTables.parseYears("2006-2020"));
        assertArrayEquals(new int[]{2015, 2015}, MeasureTables.parseYears(" 2015 "));
        assertThrows(IllegalArgumentException.class, () -> MeasureTables.parseYears("2020-2006"));
        assertThrows(IllegalArgumentException.class, () -> MeasureTables.parseYears("06-20"));
    }

    @Test
    void provincePanelIsStudyAsThirtyProvinces() {
        List<Region> provinces = MeasureTables.panel(Gazetteer.load(), "province", STUDY_A_EXCLUDED);
        assertEquals(30, provinces.size());
        assertEquals("110000", provinces.get(0).code());
        assertEquals("650000", provinces.get(29).code());
        List<Region> cities = MeasureTables.panel(Gazetteer.load(), "city", STUDY_A_EXCLUDED);
        assertTrue(cities.stream().noneMatch(c -> c.provinceCode().equals("540000")));
        assertTrue(cities.stream().anyMatch(c -> c.code().equals("420100")));
        assertThrows(IllegalArgumentException.class, () -> MeasureTables.panel(Gazetteer.load(), "county", Set.of()));
    }

    @Test
    void writesCsvWithPlainNumbersAndQuotedText() {
        StructType schema = new StructType().add("region_name", DataTypes.StringType)
                .add("n", DataTypes.LongType).add("x", DataTypes.DoubleType);
        String csv = MeasureTables.csv(schema, List.of(
                RowFactory.create("a,\"b\"", 3L, 0.5),
                RowFactory.create("c", 0L, 0.0),
                RowFactory.create("d", 1L, 1.0E-7)));
        assertEquals("region_name,n,x\n\"a,\"\"b\"\"\",3,0.5\nc,0,0\nd,1,0.0000001\n", csv);
    }

    @Test
    void commandsDescribeTheirOptions() {
        for (String job : List.of("measure", "measure-text")) {
            StringWriter out = new StringWriter();
            var cl = Main.commandLine();
            cl.setOut(new PrintWriter(out));
            assertEquals(0, cl.execute(job, "--help"));
            assertTrue(out.toString().contains("--lake"), out.toString());
            assertTrue(out.toString().contains("--years"), out.toString());
        }
    }
}
