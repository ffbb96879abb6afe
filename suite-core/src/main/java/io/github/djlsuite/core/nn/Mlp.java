package io.github.djlsuite.core.nn;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * A multilayer perceptron {@code h_{l+1} = act(W_l h_l + b_l)} with no activation after the last
 * layer: input (B, widths[0]) to output (B, widths[last]). The baseline of many papers and the head
 * of many models, written once here.
 */
public final class Mlp {

    /** The activations an MLP here can use, by name (names survive in zoo arguments). */
    public enum Act {
        RELU(Activation::relu), TANH(Activation::tanh), GELU(Activation::gelu), SILU(x -> new NDList(x.singletonOrThrow().mul(Activation.sigmoid(x.singletonOrThrow())))),
        SIGMOID(Activation::sigmoid);

        private final Function<NDList, NDList> fn;

        Act(Function<NDList, NDList> fn) {
            this.fn = fn;
        }

        /** Parses a case-insensitive name. */
        public static Act parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown activation '" + name + "'; one of "
                        + Arrays.toString(values()).toLowerCase(Locale.ROOT));
            }
        }
    }

    private Mlp() {}

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The number of weights and biases of an MLP with these widths:
     * {@code sum_l (w_l * w_{l+1} + w_{l+1})}.
     */
    public static long parameterCount(long... widths) {
        long n = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            n += widths[i] * widths[i + 1] + widths[i + 1];
        }
        return n;
    }

    /**
     * The hidden width of a one-hidden-layer MLP {@code [in, h, out]} whose parameter count is
     * closest to {@code budget}: {@code h = round((budget - out) / (in + 1 + out))}, at least 1.
     */
    public static long hiddenForBudget(long in, long out, long budget) {
        return Math.max(1, Math.round((double) (budget - out) / (in + 1 + out)));
    }

    /** The number of trainable scalars in an initialised block. */
    public static long countParameters(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    /** Builder for an MLP; {@code setWidths} is required (output width last, input width first). */
    public static final class Builder {
        private long[] widths;
        private Act activation = Act.RELU;

        /**
         * Layer widths including the input and output, e.g. {@code 4, 32, 1}. The input width is
         * checked against the data when the block is initialised.
         */
        public Builder setWidths(long... v) {
            widths = v.clone();
            return this;
        }

        /** Hidden activation, default ReLU. */
        public Builder optActivation(Act v) {
            activation = v;
            return this;
        }

        /** Validates and builds a {@link SequentialBlock}. */
        public SequentialBlock build() {
            if (widths == null || widths.length < 2) {
                throw new IllegalArgumentException("an MLP needs at least input and output widths, got "
                        + Arrays.toString(widths));
            }
            for (long w : widths) {
                if (w <= 0) {
                    throw new IllegalArgumentException("MLP widths must be > 0, got " + Arrays.toString(widths));
                }
            }
            SequentialBlock block = new SequentialBlock();
            for (int i = 1; i < widths.length; i++) {
                block.add(Linear.builder().setUnits(widths[i]).build());
                if (i < widths.length - 1) {
                    block.add(activation.fn);
                }
            }
            return block;
        }
    }
}
