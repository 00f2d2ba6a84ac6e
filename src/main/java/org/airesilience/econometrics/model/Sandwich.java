package org.airesilience.econometrics.model;

import org.airesilience.econometrics.linalg.Matrix;

/** Building blocks of sandwich variances: bread * meat * bread with heteroskedastic or cluster meats. */
public final class Sandwich {
    private Sandwich() {
    }

    /** sum_i e_i^2 x_i x_i'. */
    public static Matrix heteroMeat(Matrix x, double[] e) {
        Matrix xe = scaleRows(x, e);
        return xe.crossprod();
    }

    /** sum_g (X_g' e_g)(X_g' e_g)' with cluster codes 0..clusters-1. */
    public static Matrix clusterMeat(Matrix x, double[] e, int[] cluster, int clusters) {
        int k = x.cols();
        int n = x.rows();
        Matrix scores = new Matrix(clusters, k);
        double[] xd = x.data();
        double[] sd = scores.data();
        for (int j = 0; j < k; j++) {
            int off = j * n;
            int soff = j * clusters;
            for (int i = 0; i < n; i++) sd[soff + cluster[i]] += xd[off + i] * e[i];
        }
        return scores.crossprod();
    }

    /** bread * meat * bread (bread symmetric). */
    public static Matrix sandwich(Matrix bread, Matrix meat) {
        return bread.times(meat).times(bread);
    }

    private static Matrix scaleRows(Matrix x, double[] w) {
        int n = x.rows();
        double[] d = x.data().clone();
        for (int j = 0; j < x.cols(); j++) {
            for (int i = 0; i < n; i++) d[j * n + i] *= w[i];
        }
        return new Matrix(n, x.cols(), d);
    }
}
