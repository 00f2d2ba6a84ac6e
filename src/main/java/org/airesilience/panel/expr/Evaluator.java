package org.airesilience.panel.expr;

import org.airesilience.region.RegionGroups;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Evaluates statements on a region-year grid: regions in panel order, years {@code firstGridYear..lastYear}
 * (the first panel year less the longest lookback), row = region * years + (year - firstGridYear).
 *
 * <p>Each value carries an imputed flag: a row's value is flagged when an input it read at that row (or at the
 * lagged row a lag reads) was imputed. Cross-sectional functions (entropy, min-max, median splits) use the rows of the
 * statement's window: the panel years, extended back by the years later statements read it at.
 */
public final class Evaluator {
    /** A column on the grid: numbers (NaN = missing) or, for group labels, text. */
    public record Col(double[] v, boolean[] imputed, String[] text) {
        static Col numbers(double[] v, boolean[] imputed) {
            return new Col(v, imputed, null);
        }
    }

    /** The weights of one entropy index ({@code year} null when pooled). */
    public record Weights(String variable, Integer year, List<String> indicators, List<Character> directions,
                          double[] entropy, double[] divergence, double[] weight) {
    }

    private final List<String> regions;
    private final int gridFrom;
    private final int firstYear;
    private final int years;
    private final RegionGroups groups;
    private final Map<String, double[]> series;
    private final Map<String, boolean[]> imputed;
    private final Map<String, double[]> national;
    private final Map<String, double[]> atValues;
    private final Map<String, Col> variables = new HashMap<>();
    private final List<Weights> weights = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private String statement;
    private String where;
    private int windowFrom;

    /**
     * @param series   inputs on the grid (indicators after imputation, measure columns)
     * @param imputed  which grid cells of an input were imputed (absent = none)
     * @param national national rows by indicator, one value per grid year (absent = no national rows)
     * @param atValues {@code name@year} to one value per region
     */
    public Evaluator(List<String> regions, int gridFrom, int firstYear, int lastYear, RegionGroups groups,
                     Map<String, double[]> series, Map<String, boolean[]> imputed, Map<String, double[]> national,
                     Map<String, double[]> atValues) {
        this.regions = regions;
        this.gridFrom = gridFrom;
        this.firstYear = firstYear;
        this.years = lastYear - gridFrom + 1;
        this.groups = groups;
        this.series = series;
        this.imputed = imputed;
        this.national = national;
        this.atValues = atValues;
    }

    public int rows() {
        return regions.size() * years;
    }

    /** Evaluates a statement and keeps its column; {@code need} = years before the first panel year it is read at. */
    public Col evaluate(Parser.Statement s, int need) {
        statement = s.name();
        where = s.where();
        windowFrom = firstYear - need - gridFrom;
        Col c = eval(s.expr());
        variables.put(s.name(), c);
        return c;
    }

    public List<Weights> weights() {
        return weights;
    }

    /** What each location quotient used as national totals, by variable. */
    public Map<String, String> notes() {
        return notes;
    }

    private ExpressionException error(String msg) {
        return new ExpressionException(where + ": " + msg);
    }

    private Col eval(Node n) {
        int rows = rows();
        if (n instanceof Node.Num num) {
            double[] v = new double[rows];
            Arrays.fill(v, num.value());
            return Col.numbers(v, new boolean[rows]);
        }
        if (n instanceof Node.Ref ref) return ref(ref.name());
        if (n instanceof Node.Neg neg) return map(eval(neg.operand()), x -> -x);
        if (n instanceof Node.Binary b) {
            Col l = numeric(eval(b.left()));
            Col r = numeric(eval(b.right()));
            double[] v = new double[rows];
            boolean[] imp = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                double x = l.v()[i], y = r.v()[i];
                v[i] = switch (b.op()) {
                    case '+' -> x + y;
                    case '-' -> x - y;
                    case '*' -> x * y;
                    case '/' -> x / y;
                    default -> Math.pow(x, y);
                };
                if (!Double.isFinite(v[i])) v[i] = Double.NaN; // x / 0 is missing, not infinite
                imp[i] = l.imputed()[i] || r.imputed()[i];
            }
            return Col.numbers(v, imp);
        }
        return call((Node.Call) n);
    }

    private Col numeric(Col c) {
        if (c.text() != null) throw error("a group label cannot be used in arithmetic");
        return c;
    }

    private Col ref(String name) {
        if (name.equals("year")) {
            double[] v = new double[rows()];
            for (int i = 0; i < v.length; i++) v[i] = gridFrom + i % years;
            return Col.numbers(v, new boolean[v.length]);
        }
        Col c = variables.get(name);
        if (c != null) return c;
        double[] s = series.get(name);
        if (s == null) throw error("no data for '" + name + "'");
        boolean[] imp = imputed.getOrDefault(name, new boolean[s.length]);
        return Col.numbers(s, imp);
    }

    private Col map(Col c, DoubleUnaryOperator f) {
        numeric(c);
        double[] v = new double[c.v().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(c.v()[i]);
            if (!Double.isFinite(v[i])) v[i] = Double.NaN; // ln(0), ln of a negative: missing
        }
        return Col.numbers(v, c.imputed().clone());
    }

    /** Shifts within each region: out[t] = x[t - k] (a lag for k > 0, a lead for k < 0). */
    private Col shift(Col c, int k) {
        numeric(c);
        int rows = rows();
        double[] v = new double[rows];
        boolean[] imp = new boolean[rows];
        Arrays.fill(v, Double.NaN);
        for (int r = 0; r < regions.size(); r++) {
            for (int t = 0; t < years; t++) {
                int s = t - k;
                if (s < 0 || s >= years) continue;
                v[r * years + t] = c.v()[r * years + s];
                imp[r * years + t] = c.imputed()[r * years + s];
            }
        }
        return Col.numbers(v, imp);
    }

    /** (x_t - x_{t-1}) / x_{t-1} within each region. */
    private Col growth(Col c) {
        Col lag = shift(c, 1);
        double[] v = new double[rows()];
        boolean[] imp = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.v()[i] / lag.v()[i] - 1;
            if (!Double.isFinite(v[i])) v[i] = Double.NaN;
            imp[i] = c.imputed()[i] || lag.imputed()[i];
        }
        return Col.numbers(v, imp);
    }

    /** Sum over the panel's regions in each year (regions with the value missing left out; NaN when all are). */
    private Col total(Col c) {
        double[] v = new double[rows()];
        boolean[] imp = new boolean[v.length];
        for (int t = 0; t < years; t++) {
            double sum = 0;
            int present = 0;
            boolean anyImputed = false;
            for (int r = 0; r < regions.size(); r++) {
                double x = c.v()[r * years + t];
                if (Double.isNaN(x)) continue;
                sum += x;
                present++;
                anyImputed |= c.imputed()[r * years + t];
            }
            for (int r = 0; r < regions.size(); r++) {
                v[r * years + t] = present == 0 ? Double.NaN : sum;
                imp[r * years + t] = anyImputed;
            }
        }
        return Col.numbers(v, imp);
    }

    private Col nationalRow(String name) {
        double[] row = national.get(name);
        if (row == null) throw error("'" + name + "' has no national rows (全国) in the yearbooks");
        double[] v = new double[rows()];
        for (int r = 0; r < regions.size(); r++) System.arraycopy(row, 0, v, r * years, years);
        return Col.numbers(v, new boolean[v.length]);
    }

    private Col call(Node.Call c) {
        List<Node.Arg> args = c.args();
        switch (c.function()) {
            case "ln", "log":
                return map(eval(args.get(0).expr()), Math::log);
            case "ln1p":
                return map(eval(args.get(0).expr()), Math::log1p);
            case "exp":
                return map(eval(args.get(0).expr()), Math::exp);
            case "sqrt":
                return map(eval(args.get(0).expr()), Math::sqrt);
            case "abs":
                return map(eval(args.get(0).expr()), Math::abs);
            case "lag":
                return shift(eval(args.get(0).expr()), args.size() > 1 ? Analysis.integer(args.get(1).expr()) : 1);
            case "lead":
                return shift(eval(args.get(0).expr()), -(args.size() > 1 ? Analysis.integer(args.get(1).expr()) : 1));
            case "growth":
                return growth(eval(args.get(0).expr()));
            case "total":
                return total(numeric(eval(args.get(0).expr())));
            case "national":
                return nationalRow(((Node.Ref) args.get(0).expr()).name());
            case "bartik": {
                // lag(x, 1) * (1 + g_t), g_t the growth of the series summed over the panel's regions
                Col x = shift(eval(args.get(0).expr()), 1);
                Col g = growth(total(numeric(eval(args.get(1).expr()))));
                double[] v = new double[rows()];
                boolean[] imp = new boolean[v.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = x.v()[i] * (1 + g.v()[i]);
                    imp[i] = x.imputed()[i] || g.imputed()[i];
                }
                return Col.numbers(v, imp);
            }
            case "at": {
                String name = ((Node.Ref) args.get(0).expr()).name();
                int year = Analysis.integer(args.get(1).expr());
                double[] perRegion = atValues.get(name + "@" + year);
                if (perRegion == null) throw error("no data for " + name + " in " + year);
                double[] v = new double[rows()];
                for (int r = 0; r < regions.size(); r++) Arrays.fill(v, r * years, (r + 1) * years, perRegion[r]);
                return Col.numbers(v, new boolean[v.length]);
            }
            case "entropy":
                return entropy(c);
            case "location_quotient":
                return locationQuotient(c);
            case "shannon": {
                List<Col> cols = new ArrayList<>();
                for (Node.Arg a : args) cols.add(numeric(eval(a.expr())));
                double[] v = new double[rows()];
                boolean[] imp = new boolean[v.length];
                double[] x = new double[cols.size()];
                for (int i = 0; i < v.length; i++) {
                    for (int k = 0; k < x.length; k++) {
                        x[k] = cols.get(k).v()[i];
                        imp[i] |= cols.get(k).imputed()[i];
                    }
                    v[i] = PanelFunctions.shannon(x);
                }
                return Col.numbers(v, imp);
            }
            case "minmax": {
                Col x = numeric(eval(args.get(0).expr()));
                double[] v = new double[rows()];
                Arrays.fill(v, Double.NaN);
                for (int[] group : windowGroups("year".equals(Analysis.word(c, "by")))) PanelFunctions.minmax(x.v(), group, v);
                for (int i = 0; i < v.length; i++) if (!Double.isFinite(v[i])) v[i] = Double.NaN;
                return Col.numbers(v, x.imputed().clone());
            }
            case "median_split":
                return medianSplit(numeric(eval(args.get(0).expr())), "year".equals(Analysis.word(c, "by")));
            case "region3": {
                String[] text = new String[rows()];
                for (int r = 0; r < regions.size(); r++) Arrays.fill(text, r * years, (r + 1) * years, groups.region3(regions.get(r)));
                return new Col(null, new boolean[text.length], text);
            }
            case "municipality":
                return perRegion(code -> groups.municipality(code) ? 1 : 0);
            case "member": {
                String group = ((Node.Ref) args.get(0).expr()).name();
                List<String> codes = groups.list(group);
                if (codes == null) codes = groups.list(group.replace('_', '-'));
                if (codes == null) throw error("no region group '" + group + "' (bundled: middle_yangtze)");
                List<String> members = codes;
                return perRegion(code -> members.contains(code) ? 1 : 0);
            }
            case "classify": {
                String name = ((Node.Ref) args.get(0).expr()).name();
                String classification = groups.hasClassification(name) ? name : name.replace('_', '-');
                if (!groups.hasClassification(classification)) {
                    throw error("no bundled classification '" + name + "' (bundled: region3, yangtze_industry)");
                }
                String[] text = new String[rows()];
                for (int r = 0; r < regions.size(); r++) {
                    Arrays.fill(text, r * years, (r + 1) * years, groups.category(classification, regions.get(r)));
                }
                return new Col(null, new boolean[text.length], text);
            }
            case "period": {
                int from = Analysis.integer(args.get(0).expr());
                int to = Analysis.integer(args.get(1).expr());
                double[] v = new double[rows()];
                for (int i = 0; i < v.length; i++) {
                    int y = gridFrom + i % years;
                    v[i] = y >= from && y <= to ? 1 : 0;
                }
                return Col.numbers(v, new boolean[v.length]);
            }
            default:
                throw error("unknown function " + c.function());
        }
    }

    private Col perRegion(java.util.function.ToDoubleFunction<String> f) {
        double[] v = new double[rows()];
        for (int r = 0; r < regions.size(); r++) Arrays.fill(v, r * years, (r + 1) * years, f.applyAsDouble(regions.get(r)));
        return Col.numbers(v, new boolean[v.length]);
    }

    /** Rows of the window: one group (pooled) or one per year. */
    private List<int[]> windowGroups(boolean perYear) {
        List<int[]> out = new ArrayList<>();
        int nr = regions.size();
        if (perYear) {
            for (int t = windowFrom; t < years; t++) {
                int[] g = new int[nr];
                for (int r = 0; r < nr; r++) g[r] = r * years + t;
                out.add(g);
            }
        } else {
            int w = years - windowFrom;
            int[] g = new int[nr * w];
            int k = 0;
            for (int r = 0; r < nr; r++) for (int t = windowFrom; t < years; t++) g[k++] = r * years + t;
            out.add(g);
        }
        return out;
    }

    private Col entropy(Node.Call c) {
        List<Node.Arg> args = c.args();
        int m = args.size();
        double[][] x = new double[m][];
        boolean[] positive = new boolean[m];
        List<String> names = new ArrayList<>();
        List<Character> dirs = new ArrayList<>();
        Col[] cols = new Col[m];
        for (int j = 0; j < m; j++) {
            cols[j] = numeric(eval(args.get(j).expr()));
            x[j] = cols[j].v();
            positive[j] = args.get(j).direction() == '+';
            names.add(args.get(j).text());
            dirs.add(args.get(j).direction());
        }
        double shift = c.options().containsKey("shift") ? ((Node.Num) c.options().get("shift")).value() : 0.0001;
        boolean perYear = "year".equals(Analysis.word(c, "by"));
        double[] v = new double[rows()];
        boolean[] imp = new boolean[v.length];
        Arrays.fill(v, Double.NaN);
        for (int[] group : windowGroups(perYear)) {
            // rows with every indicator present
            int[] complete = Arrays.stream(group).filter(r -> {
                for (double[] col : x) if (Double.isNaN(col[r])) return false;
                return true;
            }).toArray();
            if (complete.length == 0) continue;
            double[] index = new double[complete.length];
            double[] e = new double[m], d = new double[m], w = new double[m];
            PanelFunctions.entropy(x, positive, complete, shift, index, e, d, w);
            for (int i = 0; i < complete.length; i++) {
                v[complete[i]] = index[i];
                for (Col col : cols) imp[complete[i]] |= col.imputed()[complete[i]];
            }
            Integer year = perYear ? gridFrom + group[0] % years : null;
            weights.add(new Weights(statement, year, names, dirs, e, d, w));
        }
        return Col.numbers(v, imp);
    }

    private Col locationQuotient(Node.Call c) {
        Node.Arg partArg = c.args().get(0), wholeArg = c.args().get(1);
        Col part = numeric(eval(partArg.expr()));
        Col whole = numeric(eval(wholeArg.expr()));
        String totals = Analysis.word(c, "totals");
        String partName = partArg.expr() instanceof Node.Ref r ? r.name() : null;
        String wholeName = wholeArg.expr() instanceof Node.Ref r ? r.name() : null;
        boolean nationalRows = !"sum".equals(totals) && partName != null && wholeName != null
                && national.containsKey(partName) && national.containsKey(wholeName);
        if ("national".equals(totals) && !nationalRows) {
            throw error("location_quotient(..., totals = national): no national rows (全国) for "
                    + (national.containsKey(partName) ? wholeName : partName));
        }
        Col partTotal;
        Col wholeTotal;
        if (nationalRows) {
            partTotal = nationalRow(partName);
            wholeTotal = nationalRow(wholeName);
            notes.put(statement, "national rows of " + partName + " and " + wholeName);
        } else {
            // sums over the regions with both values present
            double[] p = part.v().clone(), w = whole.v().clone();
            for (int i = 0; i < p.length; i++) {
                if (Double.isNaN(p[i]) || Double.isNaN(w[i])) {
                    p[i] = Double.NaN;
                    w[i] = Double.NaN;
                }
            }
            partTotal = total(Col.numbers(p, part.imputed()));
            wholeTotal = total(Col.numbers(w, whole.imputed()));
            notes.put(statement, "sums over the panel's " + regions.size() + " regions");
        }
        double[] v = new double[rows()];
        boolean[] imp = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = PanelFunctions.locationQuotient(part.v()[i], whole.v()[i], partTotal.v()[i], wholeTotal.v()[i]);
            if (!Double.isFinite(v[i])) v[i] = Double.NaN;
            imp[i] = part.imputed()[i] || whole.imputed()[i];
        }
        return Col.numbers(v, imp);
    }

    /**
     * 1 when above the median, else 0: of each region's mean over the panel years compared with the median of
     * those means (by region_mean), or of each year's values (by year); missing stays missing.
     */
    private Col medianSplit(Col x, boolean perYear) {
        int nr = regions.size();
        double[] v = new double[rows()];
        Arrays.fill(v, Double.NaN);
        int t0 = firstYear - gridFrom;
        if (perYear) {
            for (int t = t0; t < years; t++) {
                double[] col = new double[nr];
                for (int r = 0; r < nr; r++) col[r] = x.v()[r * years + t];
                double med = PanelFunctions.median(col);
                for (int r = 0; r < nr; r++) if (!Double.isNaN(col[r])) v[r * years + t] = col[r] > med ? 1 : 0;
            }
        } else {
            double[] means = new double[nr];
            for (int r = 0; r < nr; r++) {
                double sum = 0;
                int n = 0;
                for (int t = t0; t < years; t++) {
                    double z = x.v()[r * years + t];
                    if (!Double.isNaN(z)) {
                        sum += z;
                        n++;
                    }
                }
                means[r] = n == 0 ? Double.NaN : sum / n;
            }
            double med = PanelFunctions.median(means);
            for (int r = 0; r < nr; r++) {
                if (!Double.isNaN(means[r])) Arrays.fill(v, r * years, (r + 1) * years, means[r] > med ? 1 : 0);
            }
        }
        return Col.numbers(v, new boolean[v.length]);
    }
}
