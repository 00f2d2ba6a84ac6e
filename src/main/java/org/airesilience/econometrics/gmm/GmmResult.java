package org.airesilience.econometrics.gmm;

import org.airesilience.econometrics.linalg.Matrix;
import org.airesilience.econometrics.linalg.SingularMatrixException;
import org.airesilience.econometrics.model.Coefficient;
import org.airesilience.econometrics.model.Distributions;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.TestResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fitted dynamic panel GMM model: estimates, both variances, specification tests and the design's counts. */
public final class GmmResult {
    /** Eigenvalues of a Wald variance below this share of the largest count as zero (Stata invsym's order). */
    private static final double WALD_RANK_TOL = 1e-12;

    /** Arellano-Bond m1 and m2 statistics (standard normal under no autocorrelation of that order). */
    public record ArTests(double m1, double m2) {
    }

    private final GmmSpec spec;
    private final UnitDesign design;
    private final double[] beta;
    private final double[] betaFirstStep;
    private final Matrix vcovPlain;
    private final Matrix vcovRobust;
    private final double hansen;
    private final double sargan;
    private final double pgmmOneStepWeights;
    private final int overidDf;
    private final ArTests arPlain;
    private final ArTests arRobust;
    private final double sigma2;
    private final double[][] residuals;

    GmmResult(GmmSpec spec, UnitDesign design, double[] beta, double[] betaFirstStep, Matrix vcovPlain,
              Matrix vcovRobust, double hansen, double sargan, double pgmmOneStepWeights, int overidDf, ArTests arPlain, ArTests arRobust,
              double sigma2, double[][] residuals) {
        this.spec = spec;
        this.design = design;
        this.beta = beta;
        this.betaFirstStep = betaFirstStep;
        this.vcovPlain = vcovPlain;
        this.vcovRobust = vcovRobust;
        this.hansen = hansen;
        this.sargan = sargan;
        this.pgmmOneStepWeights = pgmmOneStepWeights;
        this.overidDf = overidDf;
        this.arPlain = arPlain;
        this.arRobust = arRobust;
        this.sigma2 = sigma2;
        this.residuals = residuals;
    }

    public GmmSpec spec() {
        return spec;
    }

    public List<String> terms() {
        return design.coefficientNames;
    }

    public double[] coefficients() {
        return beta.clone();
    }

    /** One-step estimates of a two-step fit (null for one-step). */
    public double[] firstStepCoefficients() {
        return betaFirstStep == null ? null : betaFirstStep.clone();
    }

    public Matrix vcovPlain() {
        return vcovPlain.copy();
    }

    public Matrix vcovRobust() {
        return vcovRobust.copy();
    }

    /** The variance the report uses: robust unless the spec asks for the conventional one. */
    public Matrix vcov() {
        return spec.robust() ? vcovRobust() : vcovPlain();
    }

    public double coefficient(String term) {
        return beta[index(term)];
    }

    public double stdErrorPlain(String term) {
        int i = index(term);
        return Math.sqrt(vcovPlain.get(i, i));
    }

    public double stdErrorRobust(String term) {
        int i = index(term);
        return Math.sqrt(vcovRobust.get(i, i));
    }

    private int index(String term) {
        int i = design.coefficientNames.indexOf(term);
        if (i < 0) throw new IllegalArgumentException("no coefficient '" + term + "'; terms are " + design.coefficientNames);
        return i;
    }

    public ArTests arTestsPlain() {
        return arPlain;
    }

    public ArTests arTestsRobust() {
        return arRobust;
    }

    /** Hansen J: the two-step criterion at the final estimates, weights from the one-step residuals. */
    public TestResult hansenJ() {
        return TestResult.chiSquare(hansen, overidDf, Distributions.chiSquareUpper(hansen, overidDf));
    }

    /**
     * The statistic each program labels "Sargan": pgmm's summary prints sargan(weights = "twosteps"), which is
     * Hansen's J; xtabond2 prints the non-robust Sargan e1'Z (Z'HZ)^-1 Z'e1 / sigma^2 at the one-step residuals.
     */
    public TestResult sargan() {
        double s = spec.convention() == GmmConvention.PGMM ? hansen : sargan;
        return TestResult.chiSquare(s, overidDf, Distributions.chiSquareUpper(s, overidDf));
    }

    /**
     * pgmm's sargan(weights = "onestep"): e'Z A1 Z'e at the final residuals with A1 = n (Z'HZ)^-1, no sigma^2
     * scaling, hence not scale-invariant and not a valid test; for comparison with pgmm only.
     */
    public TestResult pgmmOneStepWeightSargan() {
        return TestResult.chiSquare(pgmmOneStepWeights, overidDf,
                Distributions.chiSquareUpper(pgmmOneStepWeights, overidDf));
    }

    public TestResult ar1() {
        double m = (spec.robust() ? arRobust : arPlain).m1();
        return TestResult.normal(m, Distributions.normalTwoSided(m));
    }

    public TestResult ar2() {
        double m = (spec.robust() ? arRobust : arPlain).m2();
        return TestResult.normal(m, Distributions.normalTwoSided(m));
    }

    public int instrumentCount() {
        return design.instrumentNames.size();
    }

    public List<String> instrumentNames() {
        return design.instrumentNames;
    }

    public int units() {
        return design.units();
    }

    /** Used rows of the differenced equation. */
    public int diffObservations() {
        return countUsed(0, design.diffRows);
    }

    /** Used rows of the level equation (0 for difference GMM). */
    public int levelObservations() {
        return countUsed(design.diffRows, design.rows());
    }

    /** The observation count under the spec's convention. */
    public int nobs() {
        if (spec.convention() == GmmConvention.PGMM) return diffObservations() + levelObservations();
        return spec.system() ? levelObservations() : diffObservations();
    }

    private int countUsed(int from, int to) {
        int c = 0;
        for (boolean[] u : design.used) {
            for (int r = from; r < to; r++) if (u[r]) c++;
        }
        return c;
    }

    /** Wald chi2 that the slope coefficients (not the intercept or time dummies) are all zero. */
    public TestResult waldCoefficients() {
        int[] idx = new int[design.regressorCount];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return wald(idx);
    }

    /** Wald chi2 that the time dummies are jointly zero (null without time effects). */
    public TestResult waldTimeDummies() {
        return design.timeDummies.length == 0 ? null : wald(design.timeDummies);
    }

    /**
     * b'V^-1 b on the selected coefficients. When V is singular (two-step with more instruments than units, where
     * xtabond2 warns that the moment covariance is singular and uses a generalized inverse), the statistic is taken
     * on V's positive eigen-directions only, b'V^+ b, with df = their number, as Stata's {@code test} drops the
     * constraints its invsym cannot invert.
     */
    private TestResult wald(int[] idx) {
        Matrix v = vcov().selectRows(idx).selectColumns(idx);
        double[] b = new double[idx.length];
        for (int i = 0; i < idx.length; i++) b[i] = beta[idx[i]];
        try {
            double stat = DynamicPanelGmm.dot(b, v.solveSpd(b));
            return TestResult.chiSquare(stat, idx.length, Distributions.chiSquareUpper(stat, idx.length));
        } catch (SingularMatrixException singular) {
            return waldOnPositiveDirections(v, b);
        }
    }

    static TestResult waldOnPositiveDirections(Matrix v, double[] b) {
        Matrix.SymmetricEigen eigen = v.symmetricEigen();
        double max = 0;
        for (double lambda : eigen.values()) max = Math.max(max, Math.abs(lambda));
        double stat = 0;
        int df = 0;
        for (int k = 0; k < b.length; k++) {
            double lambda = eigen.values()[k];
            if (lambda <= WALD_RANK_TOL * max) continue;
            double projection = DynamicPanelGmm.dot(eigen.vectors().column(k), b);
            stat += projection * projection / lambda;
            df++;
        }
        return TestResult.chiSquare(stat, df, Distributions.chiSquareUpper(stat, df));
    }

    /** The estimate JSON contract. */
    public EstimationResult toEstimationResult() {
        Matrix v = vcov();
        List<Coefficient> coefs = new ArrayList<>();
        for (int i = 0; i < beta.length; i++) {
            double se = Math.sqrt(v.get(i, i));
            double z = beta[i] / se;
            coefs.add(new Coefficient(design.coefficientNames.get(i), beta[i], se, z, Distributions.normalTwoSided(z)));
        }
        double rss = 0;
        for (double[] e : residuals) for (double r : e) rss += r * r;
        EstimationResult.Builder b = EstimationResult.builder(estimatorName())
                .nobs(nobs())
                .ngroups(units())
                .coefficients(coefs)
                .fit("rss", rss)
                .fit("sigma", Math.sqrt(sigma2))
                .fit("df_resid", nobs() - beta.length)
                .test("ar1", ar1())
                .test("ar2", ar2())
                .test("sargan", sargan())
                .test("hansen_j", hansenJ())
                .test("wald_coefficients", waldCoefficients());
        TestResult td = waldTimeDummies();
        if (td != null) b.test("wald_time_dummies", td);
        conventions().forEach(b::convention);
        b.extra("instrument_count", instrumentCount());
        Map<String, Integer> observations = new LinkedHashMap<>();
        observations.put("differenced", diffObservations());
        observations.put("levels", levelObservations());
        b.extra("observations", observations);
        if (betaFirstStep != null) {
            Map<String, Double> first = new LinkedHashMap<>();
            for (int i = 0; i < betaFirstStep.length; i++) first.put(design.coefficientNames.get(i), betaFirstStep[i]);
            b.extra("first_step_coefficients", first);
        }
        b.extra("instruments", design.instrumentNames);
        return b.build();
    }

    public String estimatorName() {
        return (spec.system() ? "system_gmm" : "difference_gmm") + (spec.twoStep() ? "_twostep" : "_onestep");
    }

    private Map<String, Object> conventions() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("convention", spec.convention().label());
        c.put("model", spec.system()
                ? "Blundell-Bond system GMM: first-differenced equations from " + design.firstDiffPeriod
                + " and level equations from " + design.firstLevelPeriod
                : "Arellano-Bond difference GMM: first-differenced equations from " + design.firstDiffPeriod);
        c.put("steps", spec.twoStep()
                ? "two-step: weight matrix (sum Z_i'e1_i e1_i'Z_i)^-1 from one-step residuals e1"
                : "one-step: weight matrix (sum Z_i'H Z_i)^-1, H = " + (spec.system()
                ? "[[G, D], [D', I]] (covariance of differenced and level errors under iid errors)"
                : "tridiagonal(-1, 2, -1)"));
        c.put("variance", spec.robust()
                ? (spec.twoStep() ? "Windmeijer (2005) corrected two-step variance"
                : "Arellano-Bond robust one-step sandwich B1 X'Z A1 (sum Z_i'e_i e_i'Z_i) A1 Z'X B1")
                : (spec.twoStep() ? "conventional two-step (X'Z A2 Z'X)^-1 (not Windmeijer-corrected)"
                : spec.convention() == GmmConvention.PGMM
                ? "pgmm non-robust one-step (X'Z A1 Z'X)^-1, A1 = n (Z'HZ)^-1, no sigma^2 scaling"
                : "non-robust one-step sigma^2 (X'Z (Z'HZ)^-1 Z'X)^-1"));
        c.put("inference", "z statistics, two-sided normal p-values");
        c.put("instruments", instrumentDescription());
        c.put("time_effects", spec.timeEffects()
                ? "time dummies as regressors, instrumenting themselves" + (spec.system() ? " in the level equation" : "")
                : "none");
        c.put("ar_tests", "Arellano-Bond m-statistics on the differenced residuals, using the reported variance");
        c.put("hansen_j", "e'Z A2 Z'e at the final residuals, A2 from one-step residuals; df = instruments - coefficients");
        c.put("sargan", spec.convention() == GmmConvention.PGMM
                ? "pgmm: what summary(pgmm) prints as 'Sargan test', sargan(weights = 'twosteps'), equal to hansen_j"
                : "xtabond2: non-robust e1'Z (Z'HZ)^-1 Z'e1 / sigma^2 at the one-step residuals");
        c.put("sigma", "fit.sigma: from the one-step residuals, sum of squared differenced residuals / (2 (n - K)) "
                + "(difference GMM) or of level residuals / (n - K) (system GMM)");
        c.put("intercept", spec.system() ? "system GMM always has an intercept, instrumenting itself in the level equation"
                : "none (removed by differencing)");
        c.put("unbalanced", "equations with a missing response or regressor are dropped; missing instrument values are zero");
        c.put("nobs", spec.convention() == GmmConvention.PGMM
                ? "used rows of all equations (pgmm's 'Number of Observations Used')"
                : (spec.system() ? "used rows of the level equation" : "used rows of the differenced equation"));
        return c;
    }

    private String instrumentDescription() {
        StringBuilder sb = new StringBuilder("GMM-style: ");
        List<String> parts = new ArrayList<>();
        for (GmmInstrument g : spec.gmm()) {
            String level = spec.system() ? "; level equation: first difference at lag "
                    + (spec.convention() == GmmConvention.PGMM ? 1 : g.minLag() - 1) : "";
            parts.add(g.describe() + level);
        }
        sb.append(String.join(", ", parts));
        List<LaggedTerm> iv = spec.effectiveIv();
        sb.append("; IV-style: ").append(iv.isEmpty() ? "none" : String.join(", ", iv.stream().map(LaggedTerm::name).toList()));
        if (spec.system()) sb.append(" (differenced in the differenced equation, levels in the level equation)");
        sb.append("; ").append(instrumentCount()).append(" instruments");
        return sb.toString();
    }
}
