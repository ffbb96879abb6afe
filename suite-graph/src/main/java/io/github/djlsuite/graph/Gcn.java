package io.github.djlsuite.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The graph convolutional network of Kipf &amp; Welling (ICLR 2017): L layers
 * {@code H_{l+1} = σ(Â · dropout(H_l) · W_l + b_l)} with {@code H_0 = X}, σ = ReLU between layers and none
 * after the last, so that the output is the class logits ({@code softmax} is left to the loss). The 2-layer
 * default is the paper's {@code Z = Â ReLU(Â X W_0) W_1}.
 *
 * <p>Shapes: inputs {@code (X (N, F), Â arrays...)}, the arrays of a {@link GraphPropagation} form;
 * output {@code (N, classes)}. Each layer computes {@code X·W} first and then propagates (cheaper, since
 * d ≤ F). Biases are added before propagation; Kipf's code has none by default, PyG's GCNConv adds one after.
 */
public final class Gcn extends AbstractBlock {

    private final int classes;
    private final float dropout;
    private final List<Linear> layers = new ArrayList<>();

    private Gcn(Builder b) {
        classes = b.classes;
        dropout = b.dropout;
        for (int l = 0; l < b.layers; l++) {
            long units = l == b.layers - 1 ? b.classes : b.hidden;
            layers.add(addChildBlock("layer" + l, Linear.builder().setUnits(units).build()));
        }
    }

    /** A builder; {@code setClasses} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDList prop = inputs.subNDList(1);
        for (int l = 0; l < layers.size(); l++) {
            if (dropout > 0) {
                h = Dropout.dropout(h, dropout, training).singletonOrThrow();
            }
            h = layers.get(l).forward(ps, new NDList(h), training).singletonOrThrow();
            h = GraphPropagation.propagate(prop, h);
            if (l < layers.size() - 1) {
                h = Activation.relu(h);
            }
        }
        return new NDList(h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (Linear layer : layers) {
            layer.initialize(manager, dataType, s);
            s = layer.getOutputShapes(new Shape[] {s})[0];
        }
    }

    /** Builder for {@link Gcn}. */
    public static final class Builder {
        private int hidden = 16;
        private int classes = -1;
        private float dropout = 0.5f;
        private int layers = 2;

        /** Hidden width (default 16, Kipf's). */
        public Builder optHidden(int v) {
            hidden = v;
            return this;
        }

        /** Number of classes (output width), required. */
        public Builder setClasses(int v) {
            classes = v;
            return this;
        }

        /** Dropout rate before every layer (default 0.5). */
        public Builder optDropout(float v) {
            dropout = v;
            return this;
        }

        /** Number of graph-convolution layers (default 2). */
        public Builder optLayers(int v) {
            layers = v;
            return this;
        }

        /** Validates and builds. */
        public Gcn build() {
            if (classes < 1 || hidden < 1 || layers < 1 || !(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("need classes >= 1, hidden >= 1, layers >= 1, 0 <= dropout < 1; got "
                        + classes + ", " + hidden + ", " + layers + ", " + dropout);
            }
            return new Gcn(this);
        }
    }
}
