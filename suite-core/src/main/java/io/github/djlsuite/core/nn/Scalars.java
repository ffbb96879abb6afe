package io.github.djlsuite.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic with a Java scalar that is safe under autograd on every engine.
 *
 * <p>Why: on the PyTorch engine (DJL 0.36, CPU) {@code x.mul(2f)} creates a 0-d tensor over a Java
 * direct buffer, multiplies, and closes that tensor at once. PyTorch's autograd keeps the scalar to
 * compute {@code d(x·s)/dx = s} in the backward pass, but the buffer's memory is now the garbage
 * collector's to free; when a collection lands between forward and backward, the gradient is read
 * from freed memory. We measured it: identical runs gave different losses and, now and then, NaN
 * (only for ops whose backward needs the scalar: mul, div, pow). Here the scalar is created on
 * {@code x}'s manager instead, so it lives until that manager closes (a batch's manager closes after
 * the step). Do not call these on parameter arrays directly, whose manager lives as long as the model.
 */
public final class Scalars {

    private Scalars() {}

    /** {@code x · s}, differentiable in {@code x}. */
    public static NDArray mul(NDArray x, float s) {
        return x.mul(constant(x, s));
    }

    /** {@code x / s}, differentiable in {@code x}. */
    public static NDArray div(NDArray x, float s) {
        return x.div(constant(x, s));
    }

    /** A 0-d array holding {@code s} with {@code like}'s type, owned by {@code like}'s manager. */
    public static NDArray constant(NDArray like, float s) {
        NDArray c = like.getManager().create(s);
        return c.getDataType() == like.getDataType() ? c : c.toType(like.getDataType(), false);
    }
}
