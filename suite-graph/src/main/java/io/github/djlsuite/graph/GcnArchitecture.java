package io.github.djlsuite.graph;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.translate.TranslatorFactory;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.ModelConfig;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.train.TrainConfig;
import io.github.djlsuite.datasets.graph.Graph;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code gcn}: the 2-layer graph convolutional network of Kipf &amp; Welling (2017) for node
 * classification, trained full-batch with {@link GcnBaseline#fit} (row-normalised features, Adam,
 * weight decay, cross-entropy on the training nodes).
 *
 * <p>Settings: {@code features}, {@code classes} (from the graph), {@code hidden} (16),
 * {@code dropout} (0.5), {@code layers} (2), {@code epochs} (200), {@code learning_rate} (0.01),
 * {@code weight_decay} (5e-4), {@code propagation} ({@code auto}: dense when N² fits, else
 * {@code edge_list}; or {@code dense}, {@code edge_list}).
 *
 * <p>Serving: {@link NodeClassificationTranslator} ({@code Graph} in, per-node class probabilities out).
 */
public final class GcnArchitecture implements Architecture {

    @Override
    public String id() {
        return "gcn";
    }

    @Override
    public String description() {
        return "2-layer graph convolutional network (Kipf & Welling 2017), node classification baseline";
    }

    @Override
    public Set<DataKind> dataKinds() {
        return Set.of(DataKind.GRAPH);
    }

    @Override
    public JsonObject configure(TaskData data, Map<String, String> overrides) {
        Graph g = data.payload(Graph.class, id());
        JsonObject c = new JsonObject();
        c.addProperty("hidden", 16);
        c.addProperty("dropout", 0.5);
        c.addProperty("layers", 2);
        c.addProperty("epochs", 200);
        c.addProperty("learning_rate", 0.01);
        c.addProperty("weight_decay", 0.0005);
        c.addProperty("propagation", "auto");
        JsonObject config = ModelConfig.withOverrides(id(), c, overrides);
        form(config, g.numNodes()); // validates the choice
        config.addProperty("features", g.numFeatures());
        config.addProperty("classes", g.numClasses());
        return config;
    }

    static GraphPropagation.Form form(JsonObject config, int numNodes) {
        String p = config.get("propagation").getAsString();
        return switch (p) {
            case "auto" -> GraphPropagation.defaultForm(numNodes);
            case "dense" -> GraphPropagation.Form.DENSE;
            case "edge_list" -> GraphPropagation.Form.EDGE_LIST;
            default -> throw new IllegalArgumentException("gcn setting propagation=" + p
                    + " is not one of auto, dense, edge_list");
        };
    }

    @Override
    public Block build(JsonObject config) {
        return Gcn.builder().setClasses(config.get("classes").getAsInt()).optHidden(config.get("hidden").getAsInt())
                .optDropout(config.get("dropout").getAsFloat()).optLayers(config.get("layers").getAsInt()).build();
    }

    /** {@code (Graph, float[][])} and {@code (Graph, NodePredictions)}: {@link NodeClassificationTranslator}. */
    @Override
    public TranslatorFactory translatorFactory(JsonObject config) {
        return new NodeClassificationTranslator.Factory(config);
    }

    @Override
    public SavedModel train(RunContext ctx, TaskData data, JsonObject config) throws Exception {
        Graph g = data.payload(Graph.class, id());
        try (Model model = ctx.newModel(id())) {
            model.setBlock(build(config));
            ctx.backend().seed(ctx.seed());
            TrainConfig.Builder tc = TrainConfig.builder().setEpochs(ctx.epochs(config.get("epochs").getAsInt()))
                    .optSeed(ctx.seed()).optOutputDir(ctx.outputDir()).optResume(ctx.resume())
                    .optProgress(ctx.progress()).optCheckpointEvery(50);
            GcnBaseline.Result r = GcnBaseline.fit(model, g, form(config, g.numNodes()), tc,
                    config.get("learning_rate").getAsFloat(), config.get("weight_decay").getAsFloat());
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("epochs", (double) r.history().size());
            metrics.put("train_accuracy", r.trainAccuracy());
            metrics.put("validation_accuracy", r.valAccuracy());
            metrics.put("test_accuracy", r.testAccuracy());
            metrics.put("train_seconds", r.seconds());
            return SavedModel.write(ctx.outputDir(), model, this, config, data,
                    new Shape(g.numNodes(), g.numFeatures()),
                    "(X (N, F) row-normalised node features, propagation arrays from GraphPropagation)",
                    "float32 (N, " + g.numClasses() + ") class logits per node", metrics, ctx);
        }
    }
}
