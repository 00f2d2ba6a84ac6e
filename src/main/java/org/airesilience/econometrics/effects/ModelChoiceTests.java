package org.airesilience.econometrics.effects;

import org.airesilience.econometrics.data.ModelFrame;
import org.airesilience.econometrics.data.PanelKeys;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.formula.Formula;
import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.linalg.SingularMatrixException;
import org.airesilience.econometrics.model.Distributions;
import org.airesilience.econometrics.model.LeastSquares;
import org.airesilience.econometrics.model.LinearRegression;
import org.airesilience.econometrics.model.TestResult;
import org.airesilience.econometrics.model.VcovSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests that choose between pooled OLS, fixed and random unit effects (study A's model-choice table), as R plm:
 * {@code f_individual} (pFtest: within vs pooled OLS), {@code breusch_pagan_lm} (plmtest type "bp", Baltagi-Li form
 * for unbalanced panels, on pooled OLS residuals) and {@code hausman} (phtest: within vs Swamy-Arora random effects
 * with their conventional variances).
 */
public final class ModelChoiceTests {
    private ModelChoiceTests() {
    }

    /**
     * All three tests for the formula's regressors with unit effects.
     *
     * @param formula   the model without a fixed-effect part
     * @param required  further columns that must be present (so the sample is the estimation sample)
     * @param reMethod  the variance-component convention of the random-effects model in the Hausman test
     */
    public static Map<String, TestResult> compute(Table data, Formula formula, PanelKeys panel, List<String> required,
                                                  RandomEffects.Method reMethod) {
        Formula pooled = formula.withFixedEffects(List.of());
        ModelFrame reFrame = ModelFrame.build(data, pooled, panel, required);
        ModelFrame feFrame = ModelFrame.build(data, pooled.withFixedEffects(List.of(panel.id())), panel, required);
        LinearRegression.Fit fe = LinearRegression.estimate(feFrame, VcovSpec.IID);
        RandomEffects.Fit re = RandomEffects.estimate(reFrame, VcovSpec.IID,
                new RandomEffects.Options(reMethod, RandomEffects.Effect.INDIVIDUAL));
        Map<String, TestResult> out = new LinkedHashMap<>();
        out.put("f_individual", fe.result().tests().get("f_individual"));
        out.put("breusch_pagan_lm", breuschPagan(reFrame));
        out.put("hausman", hausman(fe.names(), fe.beta(), fe.vcov(), re.names(), re.beta(), re.vcovConventional()));
        return out;
    }

    /**
     * Breusch-Pagan LM test for unit random effects: LM = N^2 / (2 (sum T_i^2 - N)) * (sum_i (sum_t e_it)^2 / sum e^2 - 1)^2
     * with pooled OLS residuals e; chi-square with 1 df. For a balanced panel this is NT/(2(T-1)) (...)^2.
     */
    public static TestResult breuschPagan(ModelFrame frame) {
        int[] unit = frame.unit();
        if (unit == null) throw new IllegalArgumentException("the Breusch-Pagan LM test needs panel keys");
        double[] y = frame.y();
        Matrix x = frame.x();
        List<double[]> cols = new ArrayList<>();
        if (!frame.hasIntercept()) {
            double[] one = new double[y.length];
            java.util.Arrays.fill(one, 1.0);
            cols.add(one);
        }
        for (int j = 0; j < x.cols(); j++) cols.add(x.column(j));
        double[] e = LeastSquares.solve(Matrix.ofColumns(cols), y, null).residuals();
        int groups = org.airesilience.econometrics.data.GroupCodes.levels(unit);
        double[] sums = new double[groups];
        double[] ti = new double[groups];
        double ee = 0;
        for (int i = 0; i < e.length; i++) {
            sums[unit[i]] += e[i];
            ti[unit[i]]++;
            ee += e[i] * e[i];
        }
        double ss = 0;
        double t2 = 0;
        for (int g = 0; g < groups; g++) {
            ss += sums[g] * sums[g];
            t2 += ti[g] * ti[g];
        }
        double n = e.length;
        double lm = n * n / (2 * (t2 - n)) * Math.pow(ss / ee - 1, 2);
        return TestResult.chiSquare(lm, 1, Distributions.chiSquareUpper(lm, 1));
    }

    /**
     * Hausman test on the coefficients both models estimate: (b1 - b2)' (V1 - V2)^-1 (b1 - b2), chi-square with as
     * many df as coefficients compared (solved by LU, as phtest; a non-positive-definite difference is not corrected).
     */
    public static TestResult hausman(List<String> names1, double[] b1, Matrix v1, List<String> names2, double[] b2, Matrix v2) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < names1.size(); i++) {
            int j = names2.indexOf(names1.get(i));
            if (j >= 0) pairs.add(new int[]{i, j});
        }
        int k = pairs.size();
        if (k == 0) throw new IllegalArgumentException("Hausman test: the models share no coefficient");
        double[] d = new double[k];
        Matrix vd = new Matrix(k, k);
        for (int a = 0; a < k; a++) {
            d[a] = b1[pairs.get(a)[0]] - b2[pairs.get(a)[1]];
            for (int c = 0; c < k; c++) {
                vd.set(a, c, v1.get(pairs.get(a)[0], pairs.get(c)[0]) - v2.get(pairs.get(a)[1], pairs.get(c)[1]));
            }
        }
        double stat;
        try {
            double[] s = vd.solve(Matrix.column(d)).data();
            stat = 0;
            for (int a = 0; a < k; a++) stat += d[a] * s[a];
        } catch (SingularMatrixException e) {
            stat = Double.NaN;
        }
        return TestResult.chiSquare(stat, k, Distributions.chiSquareUpper(stat, k));
    }
}
