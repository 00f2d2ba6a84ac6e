package org.airesilience.econometrics.placebo;

import org.airesilience.distributed.ReplicateRunner;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.EstimationResult;

import java.util.List;

/**
 * Placebo permutation test: fits the model on the real data, then refits it on {@code draws} copies of the data in
 * which the core regressor is randomly reassigned, each draw with its own random stream (stage {@value #STAGE}), run by
 * the given runner (in this JVM or as a Spark dataset of draw ids; results are identical).
 */
public final class Placebo {
    public static final String STAGE = "placebo";

    private Placebo() {
    }

    /**
     * A permuted column must be one the model reads (otherwise every draw repeats the real estimate: sd 0, p = 1), and
     * never a panel key: reassigning the time or unit variable scrambles the panel itself (duplicate keys, lags and
     * effects of other periods), which is not a placebo of any regressor.
     */
    public static void checkPermutable(PlaceboSpec spec, PlaceboModel model) {
        String c = spec.column();
        List<String> vars = model.variables();
        String known = vars == null ? "" : " (the model's variables are " + vars + ")";
        if (c.equals(spec.time()) || c.equals(spec.unit())) {
            throw new IllegalArgumentException("--permute " + c + ": '" + c + "' is the panel's "
                    + (c.equals(spec.time()) ? "time" : "unit") + " variable (--panel " + spec.unit() + ","
                    + spec.time() + "); reassigning it scrambles the panel, not a regressor. Permute the regressor "
                    + "whose effect is tested instead" + known);
        }
        if (vars != null && !vars.contains(c)) {
            throw new IllegalArgumentException("--permute " + c + ": '" + c + "' is not a variable of the model"
                    + known + "; every draw would repeat the real estimate");
        }
    }

    /** The test with every row of {@code data} in the estimation sample and the real fit done here. */
    public static PlaceboResult run(Table data, PlaceboModel model, PlaceboSpec spec, ReplicateRunner runner) {
        return run(data, null, model.fit(data), model, spec, runner);
    }

    /**
     * @param data       the data each draw refits (after any row filter and winsorizing)
     * @param sampleRows the rows of the estimation sample, among which values are reassigned (null: all rows)
     * @param real       the model fitted on the real data
     */
    public static PlaceboResult run(Table data, int[] sampleRows, EstimationResult real, PlaceboModel model,
                                    PlaceboSpec spec, ReplicateRunner runner) {
        checkPermutable(spec, model);
        real.require(spec.term());
        Permutation permutation = Permutation.of(data, spec.column(), spec.scheme(), spec.unit(), spec.time(),
                sampleRows);
        if (permutation.permutedRows() == 0) {
            throw new IllegalArgumentException("no values of '" + spec.column() + "' can be reassigned under scheme '"
                    + spec.scheme().label() + "'");
        }
        List<PlaceboDraw> draws = runner.run(STAGE, spec.draws(),
                new PlaceboTask(data, permutation, spec.column(), spec.term(), model));
        return new PlaceboResult(real, spec, permutation.describe(), draws);
    }
}
