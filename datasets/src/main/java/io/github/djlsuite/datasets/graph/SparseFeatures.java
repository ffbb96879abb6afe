package io.github.djlsuite.datasets.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable sparse node-feature matrix X (rows R, columns F) in compressed sparse row (CSR) form:
 * row {@code r}'s non-zeros are at positions {@code rowPtr[r] … rowPtr[r+1]-1} of {@code colIdx} and
 * {@code values}, with strictly increasing column indices within a row.
 *
 * <p><b>Memory.</b> CSR needs {@code 4·(R+1) + 8·nnz} bytes ({@link #sparseBytes()}); the dense (R, F)
 * float32 matrix needs {@code 4·R·F} bytes ({@link #denseBytes()}). For coauthor-physics (34,493 × 8,415,
 * 1,137,311 non-zeros) that is 9.2 MB sparse against 1.16 GB dense, so {@link #toDense()} refuses matrices
 * with more than {@link #MAX_DENSE_ENTRIES} entries; use {@link #denseRows(int[])} for a subset of rows
 * or {@link #project(float[], int)} to compute X·W (R, K) without densifying.
 */
public final class SparseFeatures {

    /** Largest R×F that {@link #toDense()} builds: 2^28 floats = 1 GiB. */
    public static final long MAX_DENSE_ENTRIES = 1L << 28;

    private final int numRows;
    private final int numCols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final float[] values;

    /**
     * Validates and copies a CSR matrix.
     *
     * @throws IllegalArgumentException if the pointers are not non-decreasing from 0 to nnz, a column is out
     *     of range or not strictly increasing within its row, or a value is not finite
     */
    public SparseFeatures(int numRows, int numCols, int[] rowPtr, int[] colIdx, float[] values) {
        this(numRows, numCols, rowPtr.clone(), colIdx.clone(), values.clone(), true);
    }

    private SparseFeatures(int numRows, int numCols, int[] rowPtr, int[] colIdx, float[] values, boolean check) {
        this.numRows = numRows;
        this.numCols = numCols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
        if (!check) {
            return;
        }
        if (numRows < 0 || numCols < 0) {
            throw new IllegalArgumentException("need numRows, numCols >= 0, got " + numRows + ", " + numCols);
        }
        if (rowPtr.length != numRows + 1 || rowPtr[0] != 0 || rowPtr[numRows] != colIdx.length
                || colIdx.length != values.length) {
            throw new IllegalArgumentException("CSR arrays inconsistent: rowPtr " + rowPtr.length + " (expected "
                    + (numRows + 1) + ", from 0 to nnz), colIdx " + colIdx.length + ", values " + values.length);
        }
        for (int r = 0; r < numRows; r++) {
            if (rowPtr[r + 1] < rowPtr[r]) {
                throw new IllegalArgumentException("rowPtr decreases at row " + r);
            }
            for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
                int c = colIdx[k];
                if (c < 0 || c >= numCols || (k > rowPtr[r] && c <= colIdx[k - 1])) {
                    throw new IllegalArgumentException("row " + r + ": column " + c + " out of range 0.."
                            + (numCols - 1) + " or not strictly increasing");
                }
                if (!Float.isFinite(values[k])) {
                    throw new IllegalArgumentException("row " + r + ", column " + c + ": value " + values[k]);
                }
            }
        }
    }

    /** Wraps arrays the caller will not touch again (package-private: readers that built them). */
    static SparseFeatures wrap(int numRows, int numCols, int[] rowPtr, int[] colIdx, float[] values) {
        return new SparseFeatures(numRows, numCols, rowPtr, colIdx, values, true);
    }

    /** The non-zeros of a dense (R, F) row-major matrix. */
    public static SparseFeatures fromDense(float[] dense, int numRows, int numCols) {
        if ((long) numRows * numCols != dense.length) {
            throw new IllegalArgumentException("dense has " + dense.length + " values, expected " + numRows + "*"
                    + numCols);
        }
        int nnz = 0;
        for (float v : dense) {
            if (v != 0f) {
                nnz++;
            }
        }
        int[] ptr = new int[numRows + 1];
        int[] col = new int[nnz];
        float[] val = new float[nnz];
        int k = 0;
        for (int r = 0; r < numRows; r++) {
            for (int c = 0; c < numCols; c++) {
                float v = dense[r * numCols + c];
                if (v != 0f) {
                    col[k] = c;
                    val[k++] = v;
                }
            }
            ptr[r + 1] = k;
        }
        return new SparseFeatures(numRows, numCols, ptr, col, val, false);
    }

    /** Number of rows R (nodes). */
    public int numRows() {
        return numRows;
    }

    /** Number of columns F (features). */
    public int numCols() {
        return numCols;
    }

    /** Number of stored non-zeros. */
    public int nnz() {
        return values.length;
    }

    /** A copy of the row pointers (R+1). */
    public int[] rowPointers() {
        return rowPtr.clone();
    }

    /** A copy of the column indices (nnz). */
    public int[] columnIndices() {
        return colIdx.clone();
    }

    /** A copy of the values (nnz). */
    public float[] values() {
        return values.clone();
    }

    /** Number of non-zeros in row {@code r}. */
    public int rowNnz(int r) {
        Objects.checkIndex(r, numRows);
        return rowPtr[r + 1] - rowPtr[r];
    }

    /** X[r][c] (0 when not stored); binary search within the row. */
    public float get(int r, int c) {
        Objects.checkIndex(r, numRows);
        Objects.checkIndex(c, numCols);
        int k = Arrays.binarySearch(colIdx, rowPtr[r], rowPtr[r + 1], c);
        return k >= 0 ? values[k] : 0f;
    }

    /** Bytes of the CSR form: {@code 4·(R+1) + 8·nnz}. */
    public long sparseBytes() {
        return 4L * (numRows + 1) + 8L * nnz();
    }

    /** Bytes of the dense float32 form: {@code 4·R·F}. */
    public long denseBytes() {
        return 4L * numRows * numCols;
    }

    /**
     * The dense (R, F) row-major matrix.
     *
     * @throws IllegalStateException if R·F exceeds {@link #MAX_DENSE_ENTRIES} (coauthor-physics does)
     */
    public float[] toDense() {
        long cells = (long) numRows * numCols;
        if (cells > MAX_DENSE_ENTRIES) {
            throw new IllegalStateException("a dense " + numRows + "x" + numCols + " feature matrix needs "
                    + denseBytes() + " bytes (more than " + MAX_DENSE_ENTRIES + " floats); use denseRows(rows) for "
                    + "a subset, project(W, k) for X·W, or the CSR arrays (" + sparseBytes() + " bytes)");
        }
        return denseRows(null);
    }

    /**
     * The dense rows {@code rows} (in the given order), (rows.length, F) row-major; null means all rows
     * (unchecked size: prefer {@link #toDense()}). Needs {@code 4·rows.length·F} bytes.
     */
    public float[] denseRows(int[] rows) {
        int n = rows == null ? numRows : rows.length;
        long cells = (long) n * numCols;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(n + " dense rows of " + numCols + " do not fit one Java array");
        }
        float[] out = new float[(int) cells];
        for (int i = 0; i < n; i++) {
            int r = rows == null ? i : rows[i];
            Objects.checkIndex(r, numRows);
            long base = (long) i * numCols;
            for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
                out[(int) (base + colIdx[k])] = values[k];
            }
        }
        return out;
    }

    /**
     * The product X·W (R, K) row-major for a dense W (F, K) row-major, in {@code O(nnz·K)} time and
     * {@code 4·R·K} bytes, without densifying X (e.g. a random projection or a first linear layer).
     */
    public float[] project(float[] w, int k) {
        if (k <= 0 || (long) numCols * k != w.length) {
            throw new IllegalArgumentException("W has " + w.length + " values, expected F*K = " + numCols + "*" + k);
        }
        float[] out = new float[Math.toIntExact((long) numRows * k)];
        for (int r = 0; r < numRows; r++) {
            int base = r * k;
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                float v = values[p];
                int wb = colIdx[p] * k;
                for (int j = 0; j < k; j++) {
                    out[base + j] += v * w[wb + j];
                }
            }
        }
        return out;
    }

    /** Every stored value set to 1 (gnn-benchmark's {@code to_binary_bag_of_words}). */
    public SparseFeatures binarized() {
        float[] ones = new float[values.length];
        Arrays.fill(ones, 1f);
        return new SparseFeatures(numRows, numCols, rowPtr, colIdx, ones, false);
    }

    /** Each row divided by its sum (GCN's feature preprocessing); rows summing to 0 stay as they are. */
    public SparseFeatures rowNormalized() {
        float[] out = values.clone();
        for (int r = 0; r < numRows; r++) {
            double s = 0;
            for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
                s += values[k];
            }
            if (s != 0) {
                for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
                    out[k] = (float) (values[k] / s);
                }
            }
        }
        return new SparseFeatures(numRows, numCols, rowPtr, colIdx, out, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseFeatures s && s.numRows == numRows && s.numCols == numCols
                && Arrays.equals(s.rowPtr, rowPtr) && Arrays.equals(s.colIdx, colIdx) && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(numRows, numCols, Arrays.hashCode(colIdx), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "SparseFeatures[" + numRows + "x" + numCols + ", nnz " + nnz() + "]";
    }
}
