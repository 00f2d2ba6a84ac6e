package org.airesilience.region;

import java.io.Serializable;
import java.util.List;

/**
 * A province-level unit or a prefecture-level division of China, identified by its 6-digit GB/T 2260 code
 * ({@code XX0000} for provinces).
 *
 * @param provinceCode   the code of the province the unit belongs to (its own code for a province)
 * @param postalPrefixes leading digits of the postal codes of the unit (2 digits for provinces, 3-4 for cities)
 * @param aliases        other names that identify the unit in addresses: old names, common variants, and the
 *                       nationally unique names of its county-level units
 */
public record Region(String code, String name, String shortName, Level level, String provinceCode,
                     List<String> postalPrefixes, List<String> aliases) implements Serializable {
    public enum Level {PROVINCE, CITY}

    public Region {
        postalPrefixes = List.copyOf(postalPrefixes);
        aliases = List.copyOf(aliases);
    }

    public boolean isProvince() {
        return level == Level.PROVINCE;
    }
}
