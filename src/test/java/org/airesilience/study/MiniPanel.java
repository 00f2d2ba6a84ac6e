package org.airesilience.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small province-style panel with known truth, written as the panel layer writes one (panel.csv plus
 * weights_IR.csv and imputation_log.csv in the panel's folder): 24 regions in three groups x 12 years.
 * IR = a_i + d_t + 0.05 AI + 0.3 sagg + 0.5 mark - 0.02 fin + e with sagg = 0.5 + 0.1 AI + u, so AI's total effect
 * is 0.08; AI is endogenous (it shares the shock v with e) and ivAI is its instrument. IRt = a_i + 0.03 AI +
 * 0.05 AI 1{AI > 5} + 0.5 mark + e' has a threshold at AI = 5 (AI exogenous there).
 */
final class MiniPanel {
    static final double AI_EFFECT = 0.05;
    static final double A_PATH = 0.1;
    static final double B_PATH = 0.3;
    static final double TOTAL_EFFECT = AI_EFFECT + A_PATH * B_PATH;
    static final double THRESHOLD = 5;
    static final int REGIONS = 24;
    static final int YEARS = 12;

    private MiniPanel() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(20231101);
        StringBuilder sb = new StringBuilder("region_code,region_name,year,IR,IRt,AI,sagg,mark,fin,ivAI,region3\n");
        String[] groups = {"east", "central", "west"};
        for (int i = 0; i < REGIONS; i++) {
            double alpha = normal(rnd) * 0.3;
            double level = 3 + 3.0 * i / REGIONS;
            for (int t = 0; t < YEARS; t++) {
                int year = 2009 + t;
                double z = normal(rnd);
                double v = normal(rnd) * 0.3;
                double ai = level + 0.15 * t + 0.8 * z + v;
                double sagg = 0.5 + A_PATH * ai + normal(rnd) * 0.05;
                double mark = 0.2 + 0.3 * rnd.nextDouble();
                double fin = 3 + normal(rnd);
                double e = 0.5 * v + normal(rnd) * 0.03;
                double ir = -2 + alpha + 0.02 * t + AI_EFFECT * ai + B_PATH * sagg + 0.5 * mark - 0.02 * fin + e;
                double irt = -2 + alpha + 0.03 * ai + (ai > THRESHOLD ? 0.05 * ai : 0) + 0.5 * mark + normal(rnd) * 0.03;
                sb.append(String.format(Locale.ROOT, "%d,地区%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%s%n",
                        110000 + 10000 * i, i, year, ir, irt, ai, sagg, mark, fin, z, groups[i * 3 / REGIONS]));
            }
        }
        Path csv = dir.resolve("panel.csv");
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("weights_IR.csv"), "indicator,name,weight\nr01,外资风险度,0.30\nr02,技术依存度,0.45\nr03,企业国有化,0.25\n");
        Files.writeString(dir.resolve("imputation_log.csv"), "region,year,variable,method\n地区3,2012,mfg_fai,linear\n");
        return csv;
    }

    private static double normal(SplittableRandom r) {
        double u = r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u == 0 ? 1e-300 : u)) * Math.cos(2 * Math.PI * w);
    }
}
