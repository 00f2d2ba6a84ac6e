package org.airesilience.econometrics.gmm;

import org.airesilience.econometrics.data.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * A dynamic panel formula: {@code y ~ terms [| gmm instruments [| iv instruments]]}, the multi-part layout of R's
 * pgmm written with fixest's lag operator. Terms are separated by {@code +}; each is an expression ({@code v} or
 * {@code log(v)}, also {@code exp}, {@code sqrt}) or a lag of one, {@code l(expr, k)} or {@code l(expr, a:b)} for
 * lags a..b ({@code lag(...)} is accepted as well). In the GMM part {@code l(expr, a:b)} means lags a..b of expr as
 * GMM-style instruments (b = 99 or more: all available lags).
 */
public record DynamicFormula(String response, List<LaggedTerm> regressors, List<GmmInstrument> gmmInstruments,
                             List<LaggedTerm> ivInstruments) {

    public static DynamicFormula parse(String text) {
        int tilde = text.indexOf('~');
        if (tilde < 0) throw new IllegalArgumentException("formula '" + text + "' has no '~'");
        String response = text.substring(0, tilde).trim();
        if (response.isEmpty()) throw new IllegalArgumentException("formula '" + text + "' has no response");
        checkExpression(response, text);
        List<String> parts = splitTopLevel(text.substring(tilde + 1), '|');
        if (parts.size() > 3) {
            throw new IllegalArgumentException("formula '" + text + "': at most three parts (terms | gmm | iv)");
        }
        List<LaggedTerm> regressors = new ArrayList<>();
        for (String t : terms(parts.get(0), text)) regressors.addAll(expand(t, text));
        if (regressors.isEmpty()) throw new IllegalArgumentException("formula '" + text + "' has no regressors");
        List<GmmInstrument> gmm = new ArrayList<>();
        if (parts.size() >= 2) {
            for (String t : terms(parts.get(1), text)) gmm.add(gmmInstrument(t, text));
        }
        List<LaggedTerm> iv = new ArrayList<>();
        if (parts.size() == 3) {
            for (String t : terms(parts.get(2), text)) iv.addAll(expand(t, text));
        }
        return new DynamicFormula(response, List.copyOf(regressors), List.copyOf(gmm), List.copyOf(iv));
    }

    /** Terms separated by '+', lag ranges expanded: {@code "x + l(log(w), 0:1)"} gives x, log(w), l(log(w), 1). */
    public static List<LaggedTerm> parseTerms(String text) {
        List<LaggedTerm> out = new ArrayList<>();
        for (String t : terms(text, text)) out.addAll(expand(t, text));
        return List.copyOf(out);
    }

    /** Values of an expression ({@code v}, {@code log(v)}, {@code exp(v)}, {@code sqrt(v)}) for every row. */
    public static double[] evaluate(Table data, String expression) {
        String e = expression.replace(" ", "");
        for (String f : List.of("log", "exp", "sqrt")) {
            if (e.startsWith(f + "(") && e.endsWith(")")) {
                double[] inner = evaluate(data, e.substring(f.length() + 1, e.length() - 1));
                double[] out = new double[inner.length];
                for (int i = 0; i < out.length; i++) {
                    double v = switch (f) {
                        case "log" -> Math.log(inner[i]);
                        case "exp" -> Math.exp(inner[i]);
                        default -> Math.sqrt(inner[i]);
                    };
                    out[i] = Double.isFinite(v) ? v : Double.NaN;
                }
                return out;
            }
        }
        if (!data.has(e)) throw new IllegalArgumentException("no column '" + e + "'; columns are " + data.names());
        return data.numeric(e);
    }

    private static List<String> terms(String part, String formula) {
        List<String> out = new ArrayList<>();
        for (String t : splitTopLevel(part, '+')) {
            String s = t.trim();
            if (s.isEmpty()) throw new IllegalArgumentException("formula '" + formula + "' has an empty term");
            out.add(s);
        }
        return out;
    }

    private static List<LaggedTerm> expand(String term, String formula) {
        LagCall call = lagCall(term, formula);
        if (call == null) {
            checkExpression(term, formula);
            return List.of(new LaggedTerm(term.replace(" ", ""), 0));
        }
        List<LaggedTerm> out = new ArrayList<>();
        for (int k = call.from; k <= call.to; k++) out.add(new LaggedTerm(call.expression, k));
        return out;
    }

    private static GmmInstrument gmmInstrument(String term, String formula) {
        LagCall call = lagCall(term, formula);
        if (call == null) {
            throw new IllegalArgumentException("formula '" + formula + "': GMM instrument '" + term
                    + "' must be written l(expr, min:max)");
        }
        int max = call.to >= 99 ? GmmInstrument.ALL_LAGS : call.to;
        return new GmmInstrument(call.expression, call.from, max, false);
    }

    private record LagCall(String expression, int from, int to) {
    }

    private static LagCall lagCall(String term, String formula) {
        String t = term.replace(" ", "");
        String head = t.startsWith("l(") ? "l(" : t.startsWith("lag(") ? "lag(" : null;
        if (head == null || !t.endsWith(")")) return null;
        List<String> args = splitTopLevel(t.substring(head.length(), t.length() - 1), ',');
        String expr = args.get(0);
        checkExpression(expr, formula);
        if (args.size() == 1) return new LagCall(expr, 1, 1);
        if (args.size() != 2) throw new IllegalArgumentException("formula '" + formula + "': bad lag term '" + term + "'");
        String spec = args.get(1);
        try {
            int colon = spec.indexOf(':');
            int from = Integer.parseInt(colon < 0 ? spec : spec.substring(0, colon));
            int to = colon < 0 ? from : Integer.parseInt(spec.substring(colon + 1));
            if (from < 0 || to < from) throw new NumberFormatException();
            return new LagCall(expr, from, to);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("formula '" + formula + "': lag '" + spec + "' in '" + term
                    + "' is not k or a:b with 0 <= a <= b");
        }
    }

    private static void checkExpression(String expr, String formula) {
        String e = expr.replace(" ", "");
        if (!e.matches("((log|exp|sqrt)\\()*[A-Za-z_.][A-Za-z0-9_.]*\\)*")) {
            throw new IllegalArgumentException("formula '" + formula + "': cannot read term '" + expr
                    + "' (use v, log(v), exp(v), sqrt(v), l(expr, k) or l(expr, a:b))");
        }
    }

    static List<String> splitTopLevel(String s, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '(') depth++;
            if (ch == ')') depth--;
            if (ch == sep && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
