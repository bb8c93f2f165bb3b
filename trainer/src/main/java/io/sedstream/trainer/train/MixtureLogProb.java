package io.sedstream.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Log-density of a full-covariance Gaussian mixture in the precision-Cholesky parameterisation,
 * as differentiable DJL operations:
 * log N_k(theta) = -D/2 log 2 pi + sum_i log U_k,ii - 1/2 || U_k (theta - mu_k) ||^2,
 * log p(theta) = logsumexp_k [ log softmax(logits)_k + log N_k(theta) ].
 * U_k is upper triangular with Sigma_k^-1 = U_k^T U_k (inference MixtureLayout order:
 * logits | means | log diag U | strict upper triangle row-major). The off-diagonal product is done
 * with two constant 0/1 selection matrices so that no scatter into a D x D matrix is needed.
 *
 * <p>No op in the autograd graph takes a Java number: DJL turns a number into a temporary tensor
 * backed by a direct buffer and closes it straight away, so an op whose backward reads that operand
 * (mul, maximum) would read freed memory during backward (seen as sporadic NaN gradients).
 */
final class MixtureLogProb implements AutoCloseable {

    private static final double LOG_TWO_PI = Math.log(2.0 * Math.PI);
    private static final float RELATIVE_FLOOR = -40f;

    private final int components;
    private final int dims;
    private final int upper;
    /** [D, T]: column p picks theta component j(p) of upper-triangle entry p = (i, j), j > i. */
    private final NDArray pickColumn;
    /** [T, D]: row p adds entry p into output row i(p). */
    private final NDArray sumIntoRow;
    /** Scalars of the loss held as arrays that live as long as this object (see class note). */
    private final NDArray half;
    private final NDArray logNormaliser;
    private final NDArray floor;
    private final NDManager manager;

    MixtureLogProb(NDManager parent, int components, int dims) {
        this.components = components;
        this.dims = dims;
        this.upper = dims * (dims - 1) / 2;
        this.manager = parent.newSubManager();
        float[] pick = new float[dims * Math.max(upper, 1)];
        float[] sum = new float[Math.max(upper, 1) * dims];
        int p = 0;
        for (int i = 0; i < dims; i++) {
            for (int j = i + 1; j < dims; j++) {
                pick[j * upper + p] = 1f;
                sum[p * dims + i] = 1f;
                p++;
            }
        }
        this.pickColumn = upper > 0 ? manager.create(pick, new Shape(dims, upper)) : null;
        this.sumIntoRow = upper > 0 ? manager.create(sum, new Shape(upper, dims)) : null;
        this.half = manager.create(0.5f);
        this.logNormaliser = manager.create((float) (0.5 * dims * LOG_TWO_PI));
        this.floor = manager.create(RELATIVE_FLOOR);
    }

    /**
     * @param heads network outputs split by mixture part
     * @param theta standardised parameters [B, D]
     * @return log p(theta | x) per row, [B]
     */
    NDArray logProb(MdnNetwork.MixtureHeads heads, NDArray theta) {
        long batch = theta.getShape().get(0);
        int k = components;
        int d = dims;
        NDArray means = heads.means().reshape(batch, k, d);
        NDArray logDiag = heads.logDiagonal().reshape(batch, k, d);
        NDArray delta = theta.reshape(batch, 1, d).sub(means);
        NDArray z = logDiag.exp().mul(delta);
        if (upper > 0) {
            NDArray offDiagonal = heads.upper().reshape(batch, k, upper);
            NDArray picked = delta.matMul(pickColumn);
            z = z.add(offDiagonal.mul(picked).matMul(sumIntoRow));
        }
        NDArray quadratic = z.square().sum(new int[]{2});
        NDArray logComponent = heads.logits().logSoftmax(1)
                .add(logDiag.sum(new int[]{2}))
                .sub(quadratic.mul(half))
                .sub(logNormaliser);
        NDArray peak = logComponent.max(new int[]{1}, true).stopGradient();
        // Components more than RELATIVE_FLOOR nats below the best one change log p by < 1e-17 but their
        // responsibilities underflow into denormal floats, which slow the backward GEMMs several-fold
        // on x86 (PyTorch does not flush denormals by default); clamping gives them an exact zero gradient.
        NDArray relative = logComponent.sub(peak).maximum(floor);
        return relative.exp().sum(new int[]{1}).log().add(peak.reshape(batch));
    }

    @Override
    public void close() {
        manager.close();
    }
}
