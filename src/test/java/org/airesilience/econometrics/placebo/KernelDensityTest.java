package org.airesilience.econometrics.placebo;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelDensityTest {
    @Test
    void silvermanBandwidthMatchesRsBwNrd0() {
        // bw.nrd0(c(1, 2, 3, 4, 10)): sd = 3.536, IQR = 4 - 2 = 2, so the IQR branch: 0.9 * (2 / 1.34) * 5^-0.2
        assertEquals(0.9 * (2 / 1.34) * Math.pow(5, -0.2),
                KernelDensity.silvermanBandwidth(new double[]{10, 1, 3, 2, 4}), 1e-15);
        // bw.nrd0(1:10) = 1.719286 (sd branch: sd = 3.02765, IQR / 1.34 = 3.358)
        double[] oneToTen = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(0.9 * Math.sqrt(55.0 / 6.0) * Math.pow(10, -0.2),
                KernelDensity.silvermanBandwidth(oneToTen), 1e-14);
        assertEquals(1.719286, KernelDensity.silvermanBandwidth(oneToTen), 1e-6);
    }

    @Test
    void densityIntegratesToOneWithTheSampleMean() {
        SplittableRandom r = new SplittableRandom(11);
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) v[i] = 2 + 0.5 * r.nextGaussian();
        KernelDensity.Curve c = KernelDensity.estimate(v, 512);
        double integral = 0, firstMoment = 0;
        for (int g = 1; g < c.x().length; g++) {
            double dx = c.x()[g] - c.x()[g - 1];
            integral += 0.5 * (c.density()[g] + c.density()[g - 1]) * dx;
            firstMoment += 0.5 * (c.x()[g] * c.density()[g] + c.x()[g - 1] * c.density()[g - 1]) * dx;
        }
        assertEquals(1.0, integral, 1e-3);
        // A Gaussian kernel density has the sample mean as its mean.
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        assertEquals(mean, firstMoment, 1e-3);
        assertEquals(0.9 * 0.5 * Math.pow(1000, -0.2), c.bandwidth(), 0.01);
    }
}
