package org.airesilience.econometrics.gmm;

import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.formula.Factor;
import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.formula.Term;

import java.util.ArrayList;
import java.util.List;

/**
 * A dynamic panel formula: {@code y ~ terms [| gmm instruments [| iv instruments]]}, the multi-part layout of R's
 * pgmm written in fixest's term syntax ({@link Formula}: {@code v}, {@code log(v)}, {@code l(expr, k)}), plus lag
 * ranges {@code l(expr, a:b)} for lags a..b. In the GMM part {@code l(expr, a:b)} means lags a..b of expr as
 * GMM-style instruments (b = 99 or more: all available lags). Interactions and leads are not dynamic-panel terms.
 */
public record DynamicFormula(String response, List<LaggedTerm> regressors, List<GmmInstrument> gmmInstruments,
                             List<LaggedTerm> ivInstruments) {

    public static DynamicFormula parse(String text) {
        int tilde = text.indexOf('~');
        if (tilde < 0) throw new IllegalArgumentException("formula '" + text + "' has no '~'");
        String response = text.substring(0, tilde).trim();
        List<String> parts = Formula.splitOutsideParentheses(text.substring(tilde + 1), '|');
        if (parts.size() > 3) {
            throw new IllegalArgumentException("formula '" + text + "': at most three parts (terms | gmm | iv)");
        }
        List<String> terms = new ArrayList<>();
        for (String t : Formula.splitOutsideParentheses(parts.get(0), '+')) terms.addAll(expandRange(t, text));
        List<LaggedTerm> all = laggedTerms(response, terms, text);
        LaggedTerm y = all.get(0);
        if (y.lag() != 0) throw new IllegalArgumentException("formula '" + text + "': the response cannot be lagged");
        List<GmmInstrument> gmm = new ArrayList<>();
        if (parts.size() >= 2) {
            for (String t : Formula.splitOutsideParentheses(parts.get(1), '+')) gmm.add(gmmInstrument(t.trim(), text));
        }
        List<LaggedTerm> iv = parts.size() == 3 ? parseTerms(parts.get(2)) : List.of();
        return new DynamicFormula(y.expression(), all.subList(1, all.size()), List.copyOf(gmm), iv);
    }

    /** Terms separated by '+', lag ranges expanded: {@code "x + l(log(w), 0:1)"} gives x, log(w), l(log(w), 1). */
    public static List<LaggedTerm> parseTerms(String text) {
        List<String> terms = new ArrayList<>();
        for (String t : Formula.splitOutsideParentheses(text, '+')) terms.addAll(expandRange(t, text));
        List<LaggedTerm> all = laggedTerms(terms.get(0), terms, text);
        return all.subList(1, all.size());
    }

    /** A single expression without lag ({@code v} or {@code log(v)}), in canonical spelling. */
    static String expression(String text) {
        LaggedTerm t = laggedTerms(text, List.of(text), text).get(0);
        if (t.lag() != 0) {
            throw new IllegalArgumentException("'" + text + "': give the variable without lag; lags come from MIN:MAX");
        }
        return t.expression();
    }

    /** Values of a canonical expression ({@code v} or {@code log(v)}); non-finite results are missing. */
    public static double[] evaluate(Table data, String expression) {
        if (expression.startsWith("log(") && expression.endsWith(")")) {
            double[] inner = data.numeric(expression.substring(4, expression.length() - 1));
            double[] out = new double[inner.length];
            for (int i = 0; i < out.length; i++) {
                double v = Math.log(inner[i]);
                out[i] = Double.isFinite(v) ? v : Double.NaN;
            }
            return out;
        }
        return data.numeric(expression);
    }

    /** Response and terms read by the fixest parser; each must be one (possibly logged) variable at a lag >= 0. */
    private static List<LaggedTerm> laggedTerms(String response, List<String> terms, String context) {
        Formula f;
        try {
            f = Formula.parse(response + " ~ " + String.join(" + ", terms));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("formula '" + context + "': " + e.getMessage(), e);
        }
        List<LaggedTerm> out = new ArrayList<>();
        out.add(lagged(f.response(), context));
        for (Term t : f.terms()) out.add(lagged(t, context));
        return out;
    }

    private static LaggedTerm lagged(Term t, String context) {
        if (t.factors().size() != 1) {
            throw new IllegalArgumentException("formula '" + context + "': interaction '" + t.label()
                    + "' is not supported in dynamic panel GMM; create the product as a column");
        }
        Factor f = t.factors().get(0);
        if (f.categorical()) {
            throw new IllegalArgumentException("formula '" + context + "': factor term '" + t.label()
                    + "' is not supported in dynamic panel GMM; use --time-effects for year dummies");
        }
        if (f.lag() < 0) {
            throw new IllegalArgumentException("formula '" + context + "': lead '" + t.label() + "' is not allowed");
        }
        return new LaggedTerm(f.log() ? "log(" + f.variable() + ")" : f.variable(), f.lag());
    }

    private static GmmInstrument gmmInstrument(String term, String formula) {
        LagRange r = lagRange(term, formula);
        if (r == null) {
            throw new IllegalArgumentException("formula '" + formula + "': GMM instrument '" + term
                    + "' must be written l(expr, min:max)");
        }
        return new GmmInstrument(expression(r.expression), r.from, r.to >= 99 ? GmmInstrument.ALL_LAGS : r.to, false);
    }

    /** {@code l(expr, a:b)} as the single-lag terms l(expr, a) .. l(expr, b); other terms unchanged. */
    private static List<String> expandRange(String term, String formula) {
        String t = term.trim();
        LagRange r = lagRange(t, formula);
        if (r == null) return List.of(t);
        List<String> out = new ArrayList<>();
        for (int k = r.from; k <= r.to; k++) out.add("l(" + r.expression + ", " + k + ")");
        return out;
    }

    private record LagRange(String expression, int from, int to) {
    }

    private static LagRange lagRange(String term, String formula) {
        String t = term.trim();
        int open = t.indexOf('(');
        if (open < 0 || !t.endsWith(")")) return null;
        String fn = t.substring(0, open).trim();
        if (!fn.equals("l")) return null;
        List<String> args = Formula.splitOutsideParentheses(t.substring(open + 1, t.length() - 1), ',');
        if (args.size() != 2 || !args.get(1).contains(":")) return null;
        String spec = args.get(1).trim();
        try {
            int colon = spec.indexOf(':');
            int from = Integer.parseInt(spec.substring(0, colon).trim());
            int to = Integer.parseInt(spec.substring(colon + 1).trim());
            if (from < 0 || to < from) throw new NumberFormatException();
            return new LagRange(args.get(0).trim(), from, to);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("formula '" + formula + "': lag range '" + spec + "' in '" + term
                    + "' is not a:b with 0 <= a <= b");
        }
    }
}
