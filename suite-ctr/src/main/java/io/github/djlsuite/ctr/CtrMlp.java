package io.github.djlsuite.ctr;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.Arrays;

/**
 * FuxiCTR's {@code MLP_Block}: per hidden layer {@code Linear → [BatchNorm] → ReLU → [Dropout]},
 * optionally followed by an output {@code Linear} with no activation. Input (B, D); output (B, h_last)
 * without an output layer (the last hidden activation, after ReLU), else (B, outputUnits).
 *
 * <p>{@link io.github.djlsuite.core.nn.Mlp} does not fit: it has no BatchNorm/Dropout and always ends
 * in a linear layer. Init: Linear weights xavier-normal, {@code std = √(2 / (fan_in + fan_out))},
 * biases 0 ({@link #XAVIER_NORMAL}; FuxiCTR re-initialises every Linear this way). BatchNorm uses
 * DJL's momentum 0.9 (= PyTorch's 0.1); on MXNet a training-mode forward must run inside a
 * GradientCollector, as the Trainer does.
 */
public final class CtrMlp {

    /** Xavier-normal weights: N(0, 2 / (fan_in + fan_out)). */
    public static final Initializer XAVIER_NORMAL = new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
            XavierInitializer.FactorType.AVG, 1);

    private CtrMlp() {}

    /** A builder; {@code setHidden} is required unless an output layer is set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Sets {@link #XAVIER_NORMAL} on every WEIGHT parameter of {@code block} and returns it. */
    public static <T extends Block> T xavierNormalWeights(T block) {
        block.setInitializer(XAVIER_NORMAL, Parameter.Type.WEIGHT);
        return block;
    }

    /** Builder for an MLP block. */
    public static final class Builder {
        private long[] hidden = new long[0];
        private long outputUnits;
        private boolean batchNorm;
        private float dropout;

        /** Hidden widths, e.g. {@code 256, 256, 256}; may be empty when there is an output layer. */
        public Builder setHidden(long... v) {
            hidden = v == null ? new long[0] : v.clone();
            return this;
        }

        /** Adds a {@code Linear(v)} output layer (logits); default none (0). */
        public Builder optOutputUnits(long v) {
            outputUnits = v;
            return this;
        }

        /** BatchNorm after every hidden Linear; default false. */
        public Builder optBatchNorm(boolean v) {
            batchNorm = v;
            return this;
        }

        /** Dropout rate after every hidden ReLU, in [0, 1); default 0 (none). */
        public Builder optDropout(float v) {
            dropout = v;
            return this;
        }

        /** Validates and builds a {@link SequentialBlock}. */
        public SequentialBlock build() {
            for (long h : hidden) {
                if (h <= 0) {
                    throw new IllegalArgumentException("hidden widths must be > 0, got " + Arrays.toString(hidden));
                }
            }
            if (outputUnits < 0 || (hidden.length == 0 && outputUnits == 0)) {
                throw new IllegalArgumentException("an MLP needs hidden layers or an output layer, got hidden "
                        + Arrays.toString(hidden) + ", output " + outputUnits);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            SequentialBlock block = new SequentialBlock();
            for (long h : hidden) {
                block.add(Linear.builder().setUnits(h).build());
                if (batchNorm) {
                    block.add(BatchNorm.builder().optMomentum(0.9f).build());
                }
                block.add(Activation.reluBlock());
                if (dropout > 0) {
                    block.add(Dropout.builder().optRate(dropout).build());
                }
            }
            if (outputUnits > 0) {
                block.add(Linear.builder().setUnits(outputUnits).build());
            }
            return xavierNormalWeights(block);
        }
    }
}
