package org.airesilience.econometrics.formula;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A model formula in R fixest syntax:
 * <pre>
 *   y ~ x1 + log(x2) + l(x3, 1) + x1:x4                 pooled / OLS
 *   y ~ x1 + x2 | fe1 + fe2                              absorbed fixed effects
 *   y ~ x1 | fe1 + fe2 | endo ~ z1 + z2                  IV with fixed effects
 *   y ~ x1 | endo ~ z1 + z2                              IV without fixed effects
 * </pre>
 * The middle part is an IV part when it contains {@code ~}, fixed effects otherwise. Functions: {@code log(v)},
 * {@code l(v, k)} (lag k within the panel; negative k is a lead), {@code f(v, k)} (lead k); {@code a:b} multiplies.
 * {@code 0} or {@code -1} among the regressors drops the intercept (which fixed effects absorb anyway).
 *
 * @param text          the formula as given
 * @param response      the dependent variable
 * @param terms         exogenous regressors, in the order written
 * @param intercept     whether an intercept is requested (ignored when there are fixed effects)
 * @param fixedEffects  names of the fixed-effect variables
 * @param endogenous    endogenous regressors of the IV part (empty without IV)
 * @param instruments   excluded instruments of the IV part (empty without IV)
 */
public record Formula(String text, Term response, List<Term> terms, boolean intercept, List<String> fixedEffects,
                      List<Term> endogenous, List<Term> instruments) {

    public Formula {
        terms = List.copyOf(terms);
        fixedEffects = List.copyOf(fixedEffects);
        endogenous = List.copyOf(endogenous);
        instruments = List.copyOf(instruments);
    }

    public static Formula parse(String text) {
        return new FormulaParser(text).parse();
    }

    /** {@code s} split at every {@code sep} outside parentheses (parts as they are, not trimmed or checked). */
    public static List<String> splitOutsideParentheses(String s, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            if (depth == 0 && c == sep) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    public boolean hasIv() {
        return !endogenous.isEmpty();
    }

    public boolean hasFixedEffects() {
        return !fixedEffects.isEmpty();
    }

    /** Whether any term (response, regressors, IV part) uses a panel lag or lead. */
    public boolean needsPanel() {
        return allTerms().stream().anyMatch(Term::needsPanel);
    }

    /** The same model with these fixed effects (e.g. the panel unit for {@code --estimator fe}). */
    public Formula withFixedEffects(List<String> fe) {
        return new Formula(text, response, terms, intercept, fe, endogenous, instruments);
    }

    /** Response, regressors, endogenous regressors and instruments. */
    public List<Term> allTerms() {
        List<Term> all = new ArrayList<>();
        all.add(response);
        all.addAll(terms);
        all.addAll(endogenous);
        all.addAll(instruments);
        return all;
    }

    /** Every data column the formula reads, in order of first appearance. */
    public List<String> variables() {
        Set<String> vars = new LinkedHashSet<>();
        for (Term t : allTerms()) t.factors().forEach(f -> vars.add(f.variable()));
        vars.addAll(fixedEffects);
        return List.copyOf(vars);
    }

    @Override
    public String toString() {
        return text;
    }
}
