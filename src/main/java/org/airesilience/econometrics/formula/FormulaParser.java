package org.airesilience.econometrics.formula;

import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser behind {@link Formula#parse}: parts split at top-level '|', terms at '+', factors at ':'. */
final class FormulaParser {
    private final String text;

    FormulaParser(String text) {
        if (text == null || text.isBlank()) throw new FormulaException(String.valueOf(text), "empty formula");
        this.text = text.trim();
    }

    Formula parse() {
        List<String> parts = splitTopLevel(text, '|');
        if (parts.size() > 3) fail("at most three parts separated by '|' (regressors | fixed effects | IV)");
        List<String> main = splitTopLevel(parts.get(0), '~');
        if (main.size() != 2) fail("the first part must be 'response ~ regressors'");
        Term response = term(main.get(0));
        if (response.categorical()) fail("the response cannot be a factor term");
        List<Term> terms = new ArrayList<>();
        boolean intercept = regressors(main.get(1), terms);
        List<String> fe = List.of();
        List<Term> endo = List.of();
        List<Term> inst = List.of();
        for (int p = 1; p < parts.size(); p++) {
            String part = parts.get(p);
            if (part.contains("~")) {
                if (p != parts.size() - 1) fail("the IV part 'endogenous ~ instruments' must come last");
                List<String> iv = splitTopLevel(part, '~');
                if (iv.size() != 2) fail("the IV part must be 'endogenous ~ instruments'");
                endo = new ArrayList<>();
                inst = new ArrayList<>();
                regressors(iv.get(0), endo);
                regressors(iv.get(1), inst);
                if (endo.isEmpty() || inst.isEmpty()) fail("the IV part needs endogenous regressors and instruments");
                if (endo.stream().anyMatch(Term::categorical) || inst.stream().anyMatch(Term::categorical)) {
                    fail("factor terms (i.v, factor(v)) belong among the exogenous regressors, not in the IV part");
                }
            } else {
                if (p != 1) fail("fixed effects must be the second part");
                fe = fixedEffects(part);
            }
        }
        return new Formula(text, response, terms, intercept, fe, endo, inst);
    }

    /** Adds the terms of a '+'-separated list; returns false when it contains 0 or -1 (no intercept). */
    private boolean regressors(String s, List<Term> out) {
        boolean intercept = true;
        for (String raw : splitSigned(s)) {
            String t = raw.trim();
            if (t.equals("0") || t.equals("-1") || t.equals("- 1")) {
                intercept = false;
            } else if (t.equals("1") || t.equals("+1")) {
                intercept = true;
            } else if (t.startsWith("-")) {
                fail("removing terms with '-' is only allowed for the intercept (-1), not '" + t + "'");
            } else {
                Term term = term(t);
                if (out.stream().anyMatch(o -> o.label().equals(term.label()))) fail("term '" + t + "' appears twice");
                out.add(term);
            }
        }
        return intercept;
    }

    private List<String> fixedEffects(String s) {
        List<String> fe = new ArrayList<>();
        for (String raw : splitTopLevel(s, '+')) {
            String name = raw.trim();
            if (name.equals("0")) continue;
            if (!isIdentifier(name)) fail("fixed effect '" + name + "' must be a column name (fe1 + fe2)");
            if (fe.contains(name)) fail("fixed effect '" + name + "' appears twice");
            fe.add(name);
        }
        return fe;
    }

    private Term term(String s) {
        String label = s.trim();
        if (label.isEmpty()) fail("empty term");
        if (label.contains("*")) fail("write interactions as 'a + b + a:b' (no '*') in '" + label + "'");
        List<Factor> factors = new ArrayList<>();
        for (String f : splitTopLevel(label, ':')) factors.add(factor(f.trim()));
        if (factors.stream().filter(Factor::categorical).count() > 1) {
            fail("term '" + label + "' interacts two factor variables; write one of them as a fixed effect");
        }
        return new Term(label, factors);
    }

    private Factor factor(String s) {
        if (s.startsWith("i.") && isIdentifier(s.substring(2))) return new Factor(s.substring(2), false, 0, true);
        if (isIdentifier(s)) return new Factor(s, false, 0);
        int open = s.indexOf('(');
        if (open <= 0 || !s.endsWith(")")) fail("cannot read '" + s + "': expected a column, i.v, factor(v), log(v), l(v, k) or f(v, k)");
        String fn = s.substring(0, open).trim();
        List<String> args = splitTopLevel(s.substring(open + 1, s.length() - 1), ',');
        switch (fn) {
            case "factor" -> {
                String v = args.get(0).trim();
                if (args.size() != 1 || !isIdentifier(v)) fail("factor takes one column name in '" + s + "'");
                return new Factor(v, false, 0, true);
            }
            case "log" -> {
                if (args.size() != 1) fail("log takes one argument in '" + s + "'");
                Factor inner = factor(args.get(0).trim());
                if (inner.categorical()) fail("a factor variable cannot be logged in '" + s + "'");
                if (inner.log()) fail("log applied twice in '" + s + "'");
                return new Factor(inner.variable(), true, inner.lag());
            }
            case "l", "f" -> {
                if (args.isEmpty() || args.size() > 2) fail(fn + "(v, k) takes one or two arguments in '" + s + "'");
                Factor inner = factor(args.get(0).trim());
                if (inner.categorical()) fail("a factor variable cannot be lagged in '" + s + "'");
                int k = 1;
                if (args.size() == 2) {
                    try {
                        k = Integer.parseInt(args.get(1).trim());
                    } catch (NumberFormatException e) {
                        fail("the lag in '" + s + "' must be an integer");
                    }
                }
                return new Factor(inner.variable(), inner.log(), inner.lag() + (fn.equals("l") ? k : -k));
            }
            default -> {
                fail("unknown function '" + fn + "' in '" + s + "' (supported: factor, log, l, f)");
                return null;
            }
        }
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) return false;
        return s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.');
    }

    /** Splits at '+' and '-' outside parentheses, keeping a '-' with the term it precedes. */
    private List<String> splitSigned(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (depth == 0 && (c == '+' || c == '-')) {
                if (!cur.toString().isBlank()) out.add(cur.toString());
                else if (c == '+' && i > 0) fail("empty term near position " + i);
                cur.setLength(0);
                if (c == '-') cur.append('-');
            } else {
                cur.append(c);
            }
        }
        if (depth != 0) fail("unbalanced parentheses");
        if (cur.toString().isBlank()) fail("a term is missing at the end of '" + s.trim() + "'");
        out.add(cur.toString());
        return out;
    }

    private List<String> splitTopLevel(String s, char sep) {
        int depth = 0;
        for (int i = 0; i < s.length() && depth >= 0; i++) {
            if (s.charAt(i) == '(') depth++;
            else if (s.charAt(i) == ')') depth--;
        }
        if (depth != 0) fail("unbalanced parentheses");
        List<String> out = Formula.splitOutsideParentheses(s, sep);
        for (String p : out) {
            if (p.isBlank()) fail("empty part around '" + sep + "'");
        }
        return out;
    }

    private void fail(String reason) {
        throw new FormulaException(text, reason);
    }
}
