package io.github.djlsuite.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.Pair;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.zoo.ConfiguredTranslatorFactory;
import io.github.djlsuite.core.model.ModelConfig;
import io.github.djlsuite.datasets.graph.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Translator for the suite's node classifiers ({@code gcn}): a whole {@link Graph} in, the class
 * probabilities of every node out.
 *
 * <p>Input: the graph's features X (N, F) and undirected edges; its labels and masks are ignored. The
 * Block's inputs are built exactly as in training ({@link GcnBaseline#fit}), on the predictor's manager:
 * <ul>
 *   <li>{@code X̃ = D_X⁻¹ X}, every row divided by its sum (rows summing to 0 stay zero), float32 (N, F);</li>
 *   <li>the arrays of {@code Â = D^{-1/2} (A + I) D^{-1/2}} in a {@link GraphPropagation.Form}: the one the
 *       model's configuration names ({@code propagation}: {@code auto} → {@link GraphPropagation#defaultForm}
 *       of this graph's N, {@code dense}, {@code edge_list}). A {@code dense} model given a graph whose N² exceeds
 *       {@link GraphPropagation#MAX_DENSE_ENTRIES} is served with the edge list, which computes the same
 *       {@code Â·H} (to float32 rounding, ~1e-5 relative; {@link GraphPropagation}), instead of failing.</li>
 * </ul>
 * F must equal the model's {@code features}; otherwise {@link #processInput} fails with a message naming both
 * counts. The graph may have any number of nodes N ≥ 1 and need not be the training graph: a GCN's weights do
 * not depend on N, and Â is recomputed from the given edges.
 *
 * <p>Output: the logits Z (N, C) become {@code P_ic = exp(z_ic) / Σ_k exp(z_ik)} (the engine's softmax,
 * float32), as {@code float[N][C]} or as {@link NodePredictions} with class names (given to
 * {@link #predictions}; through the zoo {@code "0".."C-1"}, since a {@link Graph} carries no class names).
 *
 * <p>There is no batch axis: one graph is one prediction ({@link NoBatchifyTranslator});
 * {@code batchPredict} translates each graph on its own.
 *
 * @param <O> {@code float[][]} or {@link NodePredictions}
 */
public final class NodeClassificationTranslator<O> implements NoBatchifyTranslator<Graph, O> {

    private final JsonObject config;
    private final int features;
    private final List<String> classNames;
    private final BiFunction<float[][], List<String>, O> output;

    private NodeClassificationTranslator(JsonObject config, List<String> classNames,
            BiFunction<float[][], List<String>, O> output) {
        this.config = config.deepCopy();
        this.features = ModelConfig.require(config, "features").getAsInt();
        int classes = ModelConfig.require(config, "classes").getAsInt();
        ModelConfig.require(config, "propagation");
        GcnArchitecture.form(this.config, 1); // rejects an unknown propagation setting now, not per graph
        if (features < 0 || classes < 1) {
            throw new IllegalArgumentException("need features >= 0 and classes >= 1 in the configuration, got "
                    + features + ", " + classes);
        }
        List<String> names = classNames == null ? defaultNames(classes) : List.copyOf(classNames);
        if (names.size() != classes) {
            throw new IllegalArgumentException(names.size() + " class names " + names + " for " + classes
                    + " classes");
        }
        this.classNames = names;
        this.output = output;
    }

    /**
     * {@link Graph} in, {@code float[N][C]} probabilities out.
     *
     * @param config the model's configuration ({@code features}, {@code classes}, {@code propagation})
     * @throws IllegalArgumentException naming the key when the configuration lacks one or is malformed
     */
    public static NodeClassificationTranslator<float[][]> probabilities(JsonObject config) {
        return new NodeClassificationTranslator<>(config, null, (p, names) -> p);
    }

    /**
     * {@link Graph} in, {@link NodePredictions} out.
     *
     * @param config     the model's configuration ({@code features}, {@code classes}, {@code propagation})
     * @param classNames C names in output order, or null for {@code "0".."C-1"}
     * @throws IllegalArgumentException when the configuration is malformed or the names are not C
     */
    public static NodeClassificationTranslator<NodePredictions> predictions(JsonObject config,
            List<String> classNames) {
        return new NodeClassificationTranslator<>(config, classNames, NodePredictions::new);
    }

    /** The feature count F the model was trained on. */
    public int features() {
        return features;
    }

    /** The class names in output order. */
    public List<String> classNames() {
        return classNames;
    }

    /** The propagation form used for a graph of {@code numNodes} nodes (see the class comment). */
    public GraphPropagation.Form form(int numNodes) {
        GraphPropagation.Form form = GcnArchitecture.form(config, numNodes);
        return form == GraphPropagation.Form.DENSE && (long) numNodes * numNodes > GraphPropagation.MAX_DENSE_ENTRIES
                ? GraphPropagation.Form.EDGE_LIST : form;
    }

    /**
     * The Block's inputs {@code (X̃ (N, F), Â arrays...)} for {@code graph}, created on {@code manager} (which
     * owns them).
     *
     * @throws TranslateException if the graph is null, has no nodes, has a feature count other than the
     *                            model's, or its dense features would be too large
     */
    public NDList inputs(NDManager manager, Graph graph) throws TranslateException {
        if (graph == null) {
            throw new TranslateException("the input graph is null");
        }
        if (graph.numFeatures() != features) {
            throw new TranslateException("graph '" + graph.name() + "' has " + graph.numFeatures()
                    + " features per node, but the model was trained on " + features + " (configuration \"features\");"
                    + " give every node the training data's feature columns, in the same order");
        }
        int n = graph.numNodes();
        if (n == 0) {
            throw new TranslateException("graph '" + graph.name() + "' has no nodes");
        }
        float[] x;
        try {
            x = graph.sparseFeatures().rowNormalized().toDense(); // as GcnBaseline.fit
        } catch (IllegalStateException e) {
            throw new TranslateException("graph '" + graph.name() + "': " + e.getMessage(), e);
        }
        NDList in = new NDList(manager.create(x, new Shape(n, features)));
        in.addAll(GraphPropagation.gcn(graph).toNDList(manager, form(n)));
        return in;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Graph graph) throws TranslateException {
        return inputs(ctx.getNDManager(), graph);
    }

    @Override
    public O processOutput(TranslatorContext ctx, NDList list) throws TranslateException {
        NDArray z = list.singletonOrThrow();
        Shape s = z.getShape();
        int c = classNames.size();
        if (s.dimension() != 2 || s.get(1) != c) {
            throw new TranslateException("the model returned shape " + s + ", expected (N, " + c + ")");
        }
        int n = (int) s.get(0);
        float[] flat = z.softmax(1).toFloatArray();
        float[][] p = new float[n][c];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * c, p[i], 0, c);
        }
        return output.apply(p, classNames);
    }

    private static List<String> defaultNames(int classes) {
        List<String> names = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            names.add(Integer.toString(k));
        }
        return names;
    }

    /**
     * The translators {@link GcnArchitecture} gives the zoo ({@code Architecture.translatorFactory}), built
     * from the stored configuration: {@code (Graph, float[][])} and {@code (Graph, NodePredictions)}, the
     * latter with class names {@code "0".."C-1"} (a {@link Graph} carries no class names, so none are stored).
     */
    public static final class Factory extends ConfiguredTranslatorFactory {

        /** @param config the model's configuration (zoo arguments) */
        public Factory(JsonObject config) {
            super(config, Set.of(new Pair<>(Graph.class, float[][].class), new Pair<>(Graph.class,
                    NodePredictions.class)), "node classifiers translate Graph to float[][] or NodePredictions");
        }

        @Override
        @SuppressWarnings("unchecked")
        protected <I, O> Translator<I, O> create(Class<I> input, Class<O> output, JsonObject config) {
            return (Translator<I, O>) (output == float[][].class ? probabilities(config) : predictions(config, null));
        }
    }
}
