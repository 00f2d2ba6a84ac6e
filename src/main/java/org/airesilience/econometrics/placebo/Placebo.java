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
