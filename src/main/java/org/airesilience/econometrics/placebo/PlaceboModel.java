package org.airesilience.econometrics.placebo;

import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.EstimationResult;

import java.io.Serializable;
import java.util.List;

/** The model re-estimated in every placebo draw; serializable because it travels with the draw task to executors. */
@FunctionalInterface
public interface PlaceboModel extends Serializable {
    EstimationResult fit(Table data);

    /** The data columns the model's terms read (response, regressors, IV part), or null when not known. */
    default List<String> variables() {
        return null;
    }
}
