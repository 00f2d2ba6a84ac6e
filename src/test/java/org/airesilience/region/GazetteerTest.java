package org.airesilience.region;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GazetteerTest {
    private final Gazetteer g = Gazetteer.load();

    @Test
    void hasAllProvinceLevelUnits() {
        List<Region> p = g.provinces();
        assertEquals(34, p.size());
        for (String code : List.of("110000", "150000", "540000", "650000", "710000", "810000", "820000")) {
            assertTrue(g.byCode(code).isPresent(), code);
        }
        for (Region r : p) {
            assertTrue(r.code().matches("\\d{2}0000"), r.code());
            assertEquals(r.code(), r.provinceCode());
        }
    }

    @Test
    void hasEveryPrefectureLevelDivisionPlusTheMunicipalities() {
        List<Region> c = g.cities();
        assertEquals(333 + 4, c.size());
        Set<String> provinceCodes = new HashSet<>();
        g.provinces().forEach(r -> provinceCodes.add(r.code()));
        for (Region r : c) {
            assertTrue(r.code().matches("\\d{4}00") && !r.code().endsWith("0000"), r.code());
            assertTrue(provinceCodes.contains(r.provinceCode()), r.code());
            assertEquals(r.code().substring(0, 2), r.provinceCode().substring(0, 2));
        }
        assertEquals("襄阳市", g.byCode("420600").orElseThrow().name());
        assertTrue(g.byCode("420600").orElseThrow().aliases().contains("襄樊"));
        assertEquals("延边", g.byCode("222400").orElseThrow().shortName());
        assertEquals("内蒙古", g.byCode("150000").orElseThrow().shortName());
        assertTrue(g.byCode("150000").orElseThrow().aliases().contains("内蒙"));
        assertEquals(List.of("01", "02"), g.byCode("150000").orElseThrow().postalPrefixes());
        assertEquals(List.of("518"), g.byCode("440300").orElseThrow().postalPrefixes());
        assertFalse(g.byCode("999999").isPresent());
    }

    @Test
    void everyMainlandProvinceHasPostalPrefixes() {
        for (Region r : g.provinces()) {
            if (!r.code().equals("710000")) assertFalse(r.postalPrefixes().isEmpty(), r.name());
        }
    }
}
