package io.sedstream.inference.posterior;

/**
 * The one definition of the mixture-density output of every NPE ONNX member (cross-module
 * contract). For K components in D standardised parameters one output row holds
 * {@code K * (1 + 2D + D(D-1)/2)} floats:
 * <pre>
 * [ logits (K) | means (K*D) | log diag(U) (K*D) | strict upper triangle of U, row-major (K*D(D-1)/2) ]
 * </pre>
 * where U_k is the upper-triangular Cholesky factor of component k's PRECISION
 * (Sigma_k^-1 = U_k^T U_k), all in standardised parameter space theta_std = (theta - mean)/std.
 * The strict upper triangle of one component is stored row by row: (0,1), (0,2) ... (0,D-1),
 * (1,2) ... (D-2,D-1).
 */
public final class MixtureLayout {
    private final int components;
    private final int dimensions;
    private final int triangle;

    public MixtureLayout(int components, int dimensions) {
        if (components < 1) {
            throw new IllegalArgumentException("mixture needs at least one component, got " + components);
        }
        if (dimensions < 1) {
            throw new IllegalArgumentException("mixture needs at least one dimension, got " + dimensions);
        }
        this.components = components;
        this.dimensions = dimensions;
        this.triangle = dimensions * (dimensions - 1) / 2;
    }

    /** Output width for K components in D dimensions. */
    public static int width(int components, int dimensions) {
        return new MixtureLayout(components, dimensions).width();
    }

    public int components() {
        return components;
    }

    public int dimensions() {
        return dimensions;
    }

    /** Floats per output row: K * (1 + 2D + D(D-1)/2). */
    public int width() {
        return components * (1 + 2 * dimensions + triangle);
    }

    /** Number of strictly-upper-triangular entries of one U_k: D(D-1)/2. */
    public int triangleSize() {
        return triangle;
    }

    public int logitOffset(int component) {
        return checkComponent(component);
    }

    public int meanOffset(int component, int dimension) {
        return components + checkComponent(component) * dimensions + checkDimension(dimension);
    }

    public int logDiagonalOffset(int component, int dimension) {
        return components + components * dimensions + checkComponent(component) * dimensions + checkDimension(dimension);
    }

    /** Offset of U_k[row][col] for row &lt; col. */
    public int upperOffset(int component, int row, int col) {
        checkDimension(row);
        checkDimension(col);
        if (row >= col) {
            throw new IllegalArgumentException("strict upper triangle needs row < col, got (" + row + ", " + col + ")");
        }
        return components + 2 * components * dimensions + checkComponent(component) * triangle + triangleIndex(row, col);
    }

    /** Start of component k's strict upper triangle block (row-major order inside it). */
    public int upperBlockOffset(int component) {
        return components + 2 * components * dimensions + checkComponent(component) * triangle;
    }

    /** Index of (row, col), row &lt; col, inside one row-major strict upper triangle. */
    public int triangleIndex(int row, int col) {
        return row * dimensions - row * (row + 1) / 2 + (col - row - 1);
    }

    private int checkComponent(int k) {
        if (k < 0 || k >= components) {
            throw new IndexOutOfBoundsException("component " + k + " outside [0, " + components + ")");
        }
        return k;
    }

    private int checkDimension(int d) {
        if (d < 0 || d >= dimensions) {
            throw new IndexOutOfBoundsException("dimension " + d + " outside [0, " + dimensions + ")");
        }
        return d;
    }

    @Override
    public String toString() {
        return "MixtureLayout[K=" + components + ", D=" + dimensions + ", width=" + width() + "]";
    }
}
