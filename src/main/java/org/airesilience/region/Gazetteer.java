package org.airesilience.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled list of China's province-level units and prefecture-level divisions
 * ({@code gazetteer/regions.tsv}, GB/T 2260 codes). The four municipalities appear twice: as provinces
 * ({@code XX0000}) and as city-level units ({@code XX0100}) so that city panels can include them.
 */
public final class Gazetteer implements Serializable {
    public static final String RESOURCE = "gazetteer/regions.tsv";
    private static final String HEADER = "code\tname\tshort_name\tlevel\tprovince_code\tpostal_prefixes\taliases";

    private final Map<String, Region> byCode;

    private Gazetteer(Map<String, Region> byCode) {
        this.byCode = byCode;
    }

    /** Loads the gazetteer bundled on the classpath. */
    public static Gazetteer load() {
        try (InputStream in = Gazetteer.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("gazetteer resource missing from the classpath: " + RESOURCE);
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static Gazetteer parse(BufferedReader reader) throws IOException {
        String header = reader.readLine();
        if (!HEADER.equals(header)) {
            throw new IllegalStateException(RESOURCE + ": unexpected header '" + header + "'");
        }
        Map<String, Region> regions = new LinkedHashMap<>();
        String line;
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 7) {
                throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected 7 tab-separated columns, got " + f.length);
            }
            Region r = new Region(f[0], f[1], f[2], Region.Level.valueOf(f[3].toUpperCase()), f[4], list(f[5]), list(f[6]));
            if (regions.put(r.code(), r) != null) {
                throw new IllegalStateException(RESOURCE + ":" + lineNo + ": duplicate code " + r.code());
            }
        }
        return new Gazetteer(regions);
    }

    private static List<String> list(String field) {
        return field.isBlank() ? List.of() : Arrays.stream(field.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public List<Region> provinces() {
        return byLevel(Region.Level.PROVINCE);
    }

    public List<Region> cities() {
        return byLevel(Region.Level.CITY);
    }

    /** All units, provinces and cities, in file order. */
    public List<Region> all() {
        return List.copyOf(byCode.values());
    }

    public Optional<Region> byCode(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.trim()));
    }

    private List<Region> byLevel(Region.Level level) {
        List<Region> out = new ArrayList<>();
        for (Region r : byCode.values()) if (r.level() == level) out.add(r);
        return out;
    }
}
