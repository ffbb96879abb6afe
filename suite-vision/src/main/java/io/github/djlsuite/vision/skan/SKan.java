package io.github.djlsuite.vision.skan;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * S-KAN networks: a stack of {@link SelectableKanLinear} layers with widths [d_in, h_1, ..., d_out]
 * and no activation in between (each KAN layer is nonlinear already), input (B, d_in) to output
 * (B, d_out); plus the single-family KAN baseline and helpers that select families across a model.
 *
 * <pre>{@code
 * SequentialBlock model = SKan.builder().setWidths(2, 5, 1).build();   // all five families
 * // ... phase 1: train; phase 2:
 * SKan.keepTopFamilies(model, 2);  // ... train; phase 3:
 * SKan.prune(model);               // ... fine-tune
 * long params = SKan.activeParameterCount(model);
 * }</pre>
 */
public final class SKan {

    private SKan() {}

    /** A builder; {@code setWidths} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The spec's function-fitting model: widths [inputs, 5, 1] with the full pool. */
    public static SequentialBlock functionFitting(int inputs) {
        return builder().setWidths(inputs, 5, 1).build();
    }

    /**
     * The single-family KAN baseline: a stack of {@link KanLinear} layers with the family's default
     * basis, input (B, widths[0]) to output (B, widths[last]).
     */
    public static SequentialBlock kan(BasisFamily family, long... widths) {
        if (family == null) {
            throw new IllegalArgumentException("family must not be null");
        }
        checkWidths(widths);
        SequentialBlock block = new SequentialBlock();
        for (int l = 1; l < widths.length; l++) {
            block.add(KanLinear.builder().setUnits(widths[l]).setBasis(family).build());
        }
        return block;
    }

    /** {@link SelectableKanLinear#keepTopFamilies} on every S-KAN layer of {@code model}. */
    public static void keepTopFamilies(Block model, int k) {
        for (SelectableKanLinear layer : layers(model)) {
            layer.keepTopFamilies(k);
        }
    }

    /** Keeps one family per node, the one with the largest weight: {@code keepTopFamilies(model, 1)}. */
    public static void prune(Block model) {
        keepTopFamilies(model, 1);
    }

    /** {@link SelectableKanLinear#selectedFamilies()} of every S-KAN layer, first layer first. */
    public static List<BasisFamily[]> selectedFamilies(Block model) {
        List<BasisFamily[]> selected = new ArrayList<>();
        for (SelectableKanLinear layer : layers(model)) {
            selected.add(layer.selectedFamilies());
        }
        return selected;
    }

    /**
     * The parameters {@code model} needs with its current masks: {@link
     * SelectableKanLinear#activeParameterCount()} for each S-KAN layer plus every trainable scalar
     * of any other block (so a plain KAN counts all its trainable parameters). Masks are not counted.
     */
    public static long activeParameterCount(Block model) {
        if (model instanceof SelectableKanLinear layer) {
            return layer.activeParameterCount();
        }
        long n = 0;
        for (Parameter p : model.getDirectParameters().values()) {
            if (p.requiresGradient()) {
                n += p.getArray().size();
            }
        }
        for (Block child : model.getChildren().values()) {
            n += activeParameterCount(child);
        }
        return n;
    }

    /** The S-KAN layers of {@code model} (itself, or its direct children), in order. */
    private static List<SelectableKanLinear> layers(Block model) {
        if (model instanceof SelectableKanLinear layer) {
            return List.of(layer);
        }
        List<SelectableKanLinear> found = new ArrayList<>();
        for (Block child : model.getChildren().values()) {
            if (child instanceof SelectableKanLinear layer) {
                found.add(layer);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(
                    "model has no SelectableKanLinear layer: " + model.getClass().getSimpleName());
        }
        return found;
    }

    private static void checkWidths(long[] widths) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("widths need at least the input and output width, got "
                    + Arrays.toString(widths));
        }
        for (long w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("widths must be > 0, got " + Arrays.toString(widths));
            }
        }
    }

    /** Builder for an S-KAN; {@code setWidths} is required. */
    public static final class Builder {
        private long[] widths;
        private BasisFamily[] pool = BasisFamily.values();

        /**
         * Layer widths including input and output, e.g. {@code 2, 5, 1}. The input width documents
         * the model: each layer takes D from the data when it is initialised.
         */
        public Builder setWidths(long... v) {
            widths = v == null ? null : v.clone();
            return this;
        }

        /** The families every node chooses from; default all five. */
        public Builder optPool(BasisFamily... v) {
            pool = v == null ? null : v.clone();
            return this;
        }

        /** Validates and builds a {@link SequentialBlock} of {@link SelectableKanLinear}. */
        public SequentialBlock build() {
            checkWidths(widths);
            SelectableKanLinear.checkPool(pool);
            SequentialBlock block = new SequentialBlock();
            for (int l = 1; l < widths.length; l++) {
                block.add(SelectableKanLinear.builder().setUnits(widths[l]).optPool(pool).build());
            }
            return block;
        }
    }
}
