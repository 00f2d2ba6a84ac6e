package org.airesilience.econometrics.data;

/** The columns that identify a panel observation: unit and (integer) time period. */
public record PanelKeys(String id, String time) {
    public PanelKeys {
        if (id == null || id.isBlank() || time == null || time.isBlank()) {
            throw new IllegalArgumentException("panel keys need a unit and a time column, e.g. --panel id,year");
        }
    }

    /** Parses "ID,TIME"; null or blank gives null (no panel). */
    public static PanelKeys parse(String spec) {
        if (spec == null || spec.isBlank()) return null;
        String[] p = spec.split(",");
        if (p.length != 2) throw new IllegalArgumentException("--panel expects ID,TIME, got '" + spec + "'");
        return new PanelKeys(p[0].trim(), p[1].trim());
    }

    @Override
    public String toString() {
        return id + "," + time;
    }
}
