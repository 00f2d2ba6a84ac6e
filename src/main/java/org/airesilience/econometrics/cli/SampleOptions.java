package org.airesilience.econometrics.cli;

import org.airesilience.econometrics.data.SampleRules;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The sample options every estimating command shares: --where, --winsorize, --winsor-cuts. */
public final class SampleOptions {
    @Option(names = "--where", paramLabel = "EXPR", description = "Row filter, e.g. \"year != 2008 && year != 2020\" or \"region == 'east'\".")
    String where;

    @Option(names = "--winsorize", split = ",", paramLabel = "V1,V2", description = "Columns to winsorize on the estimation sample.")
    List<String> winsorize = new ArrayList<>();

    @Option(names = "--winsor-cuts", defaultValue = "1,99", paramLabel = "LOW,HIGH",
            description = "Winsorizing percentiles (Stata winsor2 cuts). Default: ${DEFAULT-VALUE}.")
    String winsorCuts;

    public SampleRules rules() {
        String[] cuts = winsorCuts.split(",");
        if (cuts.length != 2) throw new IllegalArgumentException("--winsor-cuts expects LOW,HIGH, e.g. 1,99");
        try {
            return new SampleRules(where, winsorize, Double.parseDouble(cuts[0].trim()), Double.parseDouble(cuts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--winsor-cuts expects two numbers, got '" + winsorCuts + "'");
        }
    }
}
