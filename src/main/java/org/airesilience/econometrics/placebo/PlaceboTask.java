package org.airesilience.econometrics.placebo;

import org.airesilience.distributed.ReplicateTask;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.Replicates;

import java.util.SplittableRandom;

/**
 * One placebo draw: reassign the column, refit the model, keep the term's coefficient. A draw whose fit fails
 * numerically or drops the term is invalid ({@link Replicates#RULE}).
 */
final class PlaceboTask implements ReplicateTask<PlaceboDraw> {
    private static final long serialVersionUID = 1L;
    private static final PlaceboDraw INVALID = new PlaceboDraw(Double.NaN, Double.NaN, Double.NaN);

    private final Table data;
    private final Permutation permutation;
    private final String column;
    private final String term;
    private final PlaceboModel model;

    PlaceboTask(Table data, Permutation permutation, String column, String term, PlaceboModel model) {
        this.data = data;
        this.permutation = permutation;
        this.column = column;
        this.term = term;
        this.model = model;
    }

    @Override
    public PlaceboDraw run(long replicateId, SplittableRandom random) {
        Table permuted = data.withNumeric(column, permutation.draw(random));
        return Replicates.orInvalid(() -> model.fit(permuted).coefficient(term)
                .map(x -> new PlaceboDraw(x.estimate(), x.statistic(), x.pValue()))
                .orElse(INVALID), INVALID);
    }
}
