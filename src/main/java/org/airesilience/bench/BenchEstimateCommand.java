package org.airesilience.bench;

import org.airesilience.cli.CommonOptions;
import org.airesilience.cli.JobPlan;
import org.airesilience.distributed.Seeds;
import org.airesilience.econometrics.EstimateSpec;
import org.airesilience.econometrics.Estimators;
import org.airesilience.econometrics.data.Table;
import org.airesilience.econometrics.model.EstimationResult;
import org.airesilience.econometrics.model.VcovSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Two-way fixed effects on simulated panels: study A's size (30 regions x 15 years, a key regressor and 6 controls,
 * clustered by region) in milliseconds per fit, and a large unbalanced panel (about 1,000,000 rows, 10 regressors)
 * in seconds, single-threaded.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true, description = "Benchmark two-way fixed effects on large panels.")
public final class BenchEstimateCommand implements Callable<Integer>, JobPlan.Planned {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    @Mixin
    CommonOptions common;

    @Option(names = "--rows", defaultValue = "1000000", description = "Approximate rows of the large panel. Default: ${DEFAULT-VALUE}.")
    int rows;

    @Option(names = "--regressors", defaultValue = "10", description = "Regressors of the large panel. Default: ${DEFAULT-VALUE}.")
    int regressors;

    @Option(names = "--repeats", defaultValue = "200", description = "Timed fits of the small panel. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--seed", defaultValue = "20240611", description = "Seed of the simulated data. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public JobPlan plan() {
        common.config();
        return new JobPlan("bench estimate").step("time " + repeats + " two-way FE fits of a 30 x 15 panel and one of "
                + "about " + rows + " rows with " + regressors + " regressors");
    }

    @Override
    public Integer call() {
        Table small = simulate(Seeds.stream(seed, "bench-estimate", 0), 30, 15, 7, 1.0);
        EstimateSpec smallSpec = EstimateSpec.of("y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 | id + year")
                .withVcov(VcovSpec.cluster("id"));
        for (int i = 0; i < 200; i++) Estimators.fit(small, smallSpec); // warm-up (JIT)
        double[] ms = new double[repeats];
        double[] cpuMs = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Estimators.fit(small, smallSpec);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpuMs[i] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpuMs);
        System.out.printf(Locale.ROOT, "study A size: %d obs (30 x 15), 7 regressors, two-way FE, cluster SE: median %.3f ms wall, %.3f ms CPU per fit (%d fits)%n",
                small.rows(), ms[repeats / 2], cpuMs[repeats / 2], repeats);

        int periods = 50;
        int units = (int) Math.ceil(rows / (periods * 0.9));
        long g0 = System.nanoTime();
        Table large = simulate(Seeds.stream(seed, "bench-estimate", 1), units, periods, regressors, 0.9);
        double genSeconds = (System.nanoTime() - g0) / 1e9;
        StringBuilder f = new StringBuilder("y ~ x1");
        for (int j = 2; j <= regressors; j++) f.append(" + x").append(j);
        f.append(" | id + year");
        EstimateSpec spec = EstimateSpec.of(f.toString()).withVcov(VcovSpec.cluster("id"));
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        EstimationResult r = Estimators.fit(large, spec);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "large panel: %,d obs (%,d units x %d years, unbalanced), %d regressors, two-way FE by alternating projections, cluster SE: %.2f s wall, %.2f s CPU on one thread (data simulated in %.2f s)%n",
                r.nobs(), units, periods, regressors, seconds, cpuSeconds, genSeconds);
        System.out.printf(Locale.ROOT, "  x1 = %.6f (true 1), se %.6f; %s%n", r.require("x1").estimate(), r.require("x1").stdError(),
                r.conventions().get("fixed_effects"));
        return 0;
    }

    /** y = sum_j b_j x_j + a_i + g_t + e with b_j = 1/j, regressors correlated with both effects. */
    private static Table simulate(SplittableRandom rnd, int units, int periods, int k, double keep) {
        double[] a = new double[units];
        double[] g = new double[periods];
        for (int i = 0; i < units; i++) a[i] = gaussian(rnd);
        for (int t = 0; t < periods; t++) g[t] = gaussian(rnd);
        int cap = (int) Math.min((long) units * periods, Integer.MAX_VALUE - 8);
        double[] id = new double[cap];
        double[] year = new double[cap];
        double[][] x = new double[k][cap];
        double[] y = new double[cap];
        int n = 0;
        for (int i = 0; i < units; i++) {
            for (int t = 0; t < periods; t++) {
                if (keep < 1 && rnd.nextDouble() >= keep) continue;
                id[n] = i;
                year[n] = 2000 + t;
                double yi = a[i] + g[t] + gaussian(rnd);
                for (int j = 0; j < k; j++) {
                    x[j][n] = 0.5 * a[i] + 0.3 * g[t] + gaussian(rnd);
                    yi += x[j][n] / (j + 1);
                }
                y[n] = yi;
                n++;
            }
        }
        Table.Builder b = Table.builder(n).numeric("id", Arrays.copyOf(id, n)).numeric("year", Arrays.copyOf(year, n))
                .numeric("y", Arrays.copyOf(y, n));
        for (int j = 0; j < k; j++) b.numeric("x" + (j + 1), Arrays.copyOf(x[j], n));
        return b.build();
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
