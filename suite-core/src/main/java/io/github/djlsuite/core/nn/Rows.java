package io.github.djlsuite.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;

/**
 * Row gathers with a fast backward pass on every engine.
 *
 * <p>Why: {@code table.get(new NDIndex("{}", idx))} is portable (rank-1 index arrays work on PyTorch
 * and MXNet) but on the PyTorch engine its backward pass is {@code index_put_} with accumulation,
 * which PyTorch runs on one thread with a per-element loop. Gathering rows is exactly what the
 * engines' embedding operator does; its backward pass on PyTorch splits the table's rows between
 * threads and adds whole gradient rows at once. We measured it on 2 cores (DIN's benchmark, 2026-11-28):
 * the backward of a 61,440-row gather from a 5,044 × 16 table took about 7 ms through {@code get},
 * under 1 ms through the embedding operator. Forward results and gradients are identical (tested on
 * both engines in {@code RowsTest}).
 */
public final class Rows {

    private Rows() {}

    /**
     * Rows {@code idx} of {@code table}: {@code table (N, D)}, {@code idx (K)} int32/int64 in [0, N) →
     * {@code (K, D)}, on {@code idx}'s manager. The gradient with respect to {@code table} adds the output
     * gradient of every occurrence of a row (repeated indices accumulate). Indices outside [0, N) are not
     * checked here: PyTorch fails with "index out of range in self", MXNet clips them silently; callers
     * that take ids from users validate them first (as {@code FeatureEmbedding} does).
     *
     * @throws IllegalArgumentException if {@code table} is not 2-d or {@code idx} is not 1-d integers
     */
    public static NDArray gather(NDArray table, NDArray idx) {
        if (table.getShape().dimension() != 2) {
            throw new IllegalArgumentException("Rows.gather expects a 2-d table, got " + table.getShape());
        }
        if (idx.getShape().dimension() != 1 || !(idx.getDataType() == DataType.INT32
                || idx.getDataType() == DataType.INT64)) {
            throw new IllegalArgumentException("Rows.gather expects 1-d int32/int64 indices, got "
                    + idx.getShape() + " " + idx.getDataType());
        }
        return idx.getNDArrayInternal().embedding(idx, table, SparseFormat.DENSE).singletonOrThrow();
    }
}
