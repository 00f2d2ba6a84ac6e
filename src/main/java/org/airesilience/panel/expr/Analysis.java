package org.airesilience.panel.expr;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Checks a spec's statements before any data is read (names, functions, arguments; errors name the line) and finds
 * what they read: the indicators and measure columns, how many years before the first panel year each name is read
 * at (lags and growth rates), and the single years {@code at(x, year)} reads.
 */
public final class Analysis {
    static final Set<String> FUNCTIONS = Set.of("ln", "log", "ln1p", "exp", "sqrt", "abs", "lag", "lead", "growth", "at",
            "entropy", "location_quotient", "shannon", "minmax", "total", "national", "bartik", "median_split",
            "region3", "municipality", "member", "classify", "period");

    /** Years before the first panel year each variable or input is read at (0 = panel years only). */
    private final Map<String, Integer> need = new HashMap<>();
    private final Map<String, Set<Integer>> atYears = new HashMap<>();
    private final Set<String> inputs = new LinkedHashSet<>();
    private final Set<String> nationalInputs = new LinkedHashSet<>();
    private final Predicate<String> isInput;
    private Set<String> defined;
    private String where;

    private Analysis(Predicate<String> isInput) {
        this.isInput = isInput;
    }

    /**
     * @param isInput whether a name is an indicator of the catalogue or a measure column
     */
    public static Analysis of(List<Parser.Statement> statements, Predicate<String> isInput) {
        Analysis a = new Analysis(isInput);
        Set<String> names = new HashSet<>();
        for (Parser.Statement s : statements) {
            if (!names.add(s.name())) throw new ExpressionException(s.where() + ": '" + s.name() + "' is defined twice");
            if (isInput.test(s.name())) {
                throw new ExpressionException(s.where() + ": '" + s.name() + "' is already an indicator or measure column; choose another name");
            }
        }
        // forward pass: every name is defined before use
        Set<String> seen = new HashSet<>();
        for (Parser.Statement s : statements) {
            a.defined = seen;
            a.where = s.where();
            a.check(s.expr());
            seen.add(s.name());
        }
        // backward pass: a statement's lags reach the statements it reads
        for (int i = statements.size() - 1; i >= 0; i--) {
            Parser.Statement s = statements.get(i);
            a.where = s.where();
            a.walk(s.expr(), a.need.getOrDefault(s.name(), 0));
        }
        return a;
    }

    public int need(String name) {
        return need.getOrDefault(name, 0);
    }

    /** Whether a name is read on the region-year grid (not only at single years by at()). */
    public boolean readOnGrid(String name) {
        return need.containsKey(name);
    }

    public Set<Integer> atYears(String input) {
        return atYears.getOrDefault(input, Set.of());
    }

    /** Indicators and measure columns the statements read, in order of first use. */
    public Set<String> inputs() {
        return inputs;
    }

    /** Indicators whose national rows are read ({@code national(x)}, {@code location_quotient(..., totals = national)}). */
    public Set<String> nationalInputs() {
        return nationalInputs;
    }

    /** The largest lookback of all names. */
    public int maxNeed() {
        return need.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private ExpressionException error(String msg) {
        return new ExpressionException(where + ": " + msg);
    }

    private void check(Node n) {
        if (n instanceof Node.Ref ref) {
            String name = ref.name();
            if (!name.equals("year") && !defined.contains(name) && !isInput.test(name)) {
                throw error("unknown name '" + name + "': not an earlier variable, an indicator of the catalogue or a measure column");
            }
        } else if (n instanceof Node.Neg neg) {
            check(neg.operand());
        } else if (n instanceof Node.Binary b) {
            check(b.left());
            check(b.right());
        } else if (n instanceof Node.Call c) {
            checkCall(c);
        }
    }

    private void checkCall(Node.Call c) {
        String f = c.function();
        if (!FUNCTIONS.contains(f)) throw error("unknown function '" + f + "'; functions are " + new TreeSet<>(FUNCTIONS));
        int n = c.args().size();
        switch (f) {
            case "ln", "log", "ln1p", "exp", "sqrt", "abs", "growth", "total", "minmax", "median_split" -> arity(c, 1, 1);
            case "lag", "lead" -> {
                arity(c, 1, 2);
                if (n == 2) years(c, 1);
            }
            case "at" -> {
                arity(c, 2, 2);
                if (!(c.args().get(0).expr() instanceof Node.Ref r) || !isInput.test(r.name())) {
                    throw error("at(x, year) takes an indicator or measure column as x, got '" + c.args().get(0).text() + "'");
                }
                years(c, 1);
            }
            case "national" -> {
                arity(c, 1, 1);
                if (!(c.args().get(0).expr() instanceof Node.Ref r) || !isInput.test(r.name())) {
                    throw error("national(x) takes an indicator, got '" + c.args().get(0).text() + "'");
                }
            }
            case "entropy" -> {
                if (n < 2) throw error("entropy(...) needs at least two indicators");
                for (Node.Arg a : c.args()) {
                    if (a.direction() == 0) {
                        throw error("entropy(...): give each indicator a direction, '" + a.text() + "+' or '" + a.text() + "-'");
                    }
                }
            }
            case "location_quotient", "bartik" -> arity(c, 2, 2);
            case "shannon" -> {
                if (n < 2) throw error("shannon(...) needs at least two columns");
            }
            case "region3", "municipality" -> arity(c, 0, 0);
            case "member" -> {
                arity(c, 1, 1);
                if (!(c.args().get(0).expr() instanceof Node.Ref)) throw error("member(group) takes a group name such as middle_yangtze");
            }
            case "classify" -> {
                arity(c, 1, 1);
                if (!(c.args().get(0).expr() instanceof Node.Ref)) {
                    throw error("classify(classification) takes the name of a bundled classification such as yangtze_industry");
                }
            }
            case "period" -> {
                arity(c, 2, 2);
                years(c, 0);
                years(c, 1);
            }
            default -> throw new IllegalStateException(f);
        }
        if (!f.equals("entropy")) {
            for (Node.Arg a : c.args()) {
                if (a.direction() != 0) throw error(f + "(...): a direction ('" + a.text() + a.direction() + "') is only for entropy(...)");
            }
        }
        Set<String> allowed = switch (f) {
            case "entropy" -> Set.of("shift", "by");
            case "minmax" -> Set.of("by");
            case "median_split" -> Set.of("by");
            case "location_quotient" -> Set.of("totals");
            default -> Set.of();
        };
        for (Map.Entry<String, Node> o : c.options().entrySet()) {
            if (!allowed.contains(o.getKey())) {
                throw error(f + "(...) has no option '" + o.getKey() + "'" + (allowed.isEmpty() ? "" : "; options are " + allowed));
            }
        }
        option(c, "by", switch (f) {
            case "median_split" -> Set.of("region_mean", "year");
            default -> Set.of("pooled", "year");
        });
        option(c, "totals", Set.of("national", "sum"));
        if (c.options().containsKey("shift") && !(c.options().get("shift") instanceof Node.Num)) {
            throw error("entropy(...): shift must be a number");
        }
        if ("location_quotient".equals(f) && "national".equals(word(c, "totals"))) {
            for (Node.Arg a : c.args()) {
                if (!(a.expr() instanceof Node.Ref r) || !isInput.test(r.name())) {
                    throw error("location_quotient(..., totals = national) takes indicators (their national rows), got '" + a.text() + "'");
                }
            }
        }
        if (!Set.of("at", "member", "classify", "period", "national").contains(f)) {
            for (Node.Arg a : c.args()) check(a.expr());
        }
    }

    private void option(Node.Call c, String key, Set<String> values) {
        Node v = c.options().get(key);
        if (v == null) return;
        if (!(v instanceof Node.Ref r) || !values.contains(r.name())) {
            throw error(c.function() + "(...): " + key + " must be one of " + new TreeSet<>(values));
        }
    }

    static String word(Node.Call c, String key) {
        Node v = c.options().get(key);
        return v instanceof Node.Ref r ? r.name() : null;
    }

    private void arity(Node.Call c, int min, int max) {
        int n = c.args().size();
        if (n < min || n > max) {
            throw error(c.function() + "(...) takes " + (min == max ? min : min + " to " + max) + " argument" + (max == 1 ? "" : "s") + ", got " + n);
        }
    }

    private void years(Node.Call c, int i) {
        Node a = c.args().get(i).expr();
        if (!(a instanceof Node.Num num) || num.value() != Math.rint(num.value()) || num.value() < 0) {
            throw error(c.function() + "(...): argument " + (i + 1) + " must be a whole number, got '" + c.args().get(i).text() + "'");
        }
    }

    static int integer(Node n) {
        return (int) ((Node.Num) n).value();
    }

    private void read(String name, int offset) {
        if (name.equals("year")) return;
        need.merge(name, Math.max(0, offset), Math::max);
        if (isInput.test(name)) inputs.add(name);
    }

    private void walk(Node n, int off) {
        if (n instanceof Node.Ref ref) {
            read(ref.name(), off);
        } else if (n instanceof Node.Neg neg) {
            walk(neg.operand(), off);
        } else if (n instanceof Node.Binary b) {
            walk(b.left(), off);
            walk(b.right(), off);
        } else if (n instanceof Node.Call c) {
            {
                List<Node.Arg> args = c.args();
                switch (c.function()) {
                    case "lag" -> walk(args.get(0).expr(), off + (args.size() > 1 ? integer(args.get(1).expr()) : 1));
                    case "lead" -> walk(args.get(0).expr(), off - (args.size() > 1 ? integer(args.get(1).expr()) : 1));
                    case "growth" -> {
                        walk(args.get(0).expr(), off);
                        walk(args.get(0).expr(), off + 1);
                    }
                    case "bartik" -> {
                        walk(args.get(0).expr(), off + 1);
                        walk(args.get(1).expr(), off);
                        walk(args.get(1).expr(), off + 1);
                    }
                    case "at" -> {
                        String name = ((Node.Ref) args.get(0).expr()).name();
                        inputs.add(name);
                        atYears.computeIfAbsent(name, k -> new TreeSet<>()).add(integer(args.get(1).expr()));
                    }
                    case "national" -> {
                        String name = ((Node.Ref) args.get(0).expr()).name();
                        inputs.add(name);
                        nationalInputs.add(name);
                    }
                    case "member", "classify", "period" -> {
                    }
                    default -> {
                        if (c.function().equals("location_quotient") && !"sum".equals(word(c, "totals"))) {
                            for (Node.Arg a : args) {
                                if (a.expr() instanceof Node.Ref r && isInput.test(r.name())) nationalInputs.add(r.name());
                            }
                        }
                        for (Node.Arg a : args) walk(a.expr(), off);
                    }
                }
            }
        }
    }
}
