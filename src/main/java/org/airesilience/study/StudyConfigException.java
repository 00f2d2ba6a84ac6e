package org.airesilience.study;

import java.util.List;

/** Mistakes in a study config, each as {@code file:line: key: reason}; thrown before any model runs. */
public final class StudyConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public StudyConfigException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems in the study config:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
