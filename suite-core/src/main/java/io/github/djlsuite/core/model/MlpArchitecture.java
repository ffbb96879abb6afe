package io.github.djlsuite.core.model;

import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.nn.Mlp;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * {@code mlp}: the plain multilayer perceptron ({@link Mlp}) as a classifier on feature vectors, the
 * baseline most papers in the suite compare against.
 *
 * <p>Settings: {@code inputs}, {@code classes} (from the data), {@code hidden} (default 256,256),
 * {@code activation} (relu), {@code epochs} (10), {@code batch_size} (128), {@code learning_rate} (1e-3).
 */
public final class MlpArchitecture implements Architecture {

    @Override
    public String id() {
        return "mlp";
    }

    @Override
    public String description() {
        return "multilayer perceptron classifier (baseline), hidden 256,256, ReLU";
    }

    @Override
    public Set<DataKind> dataKinds() {
        return Set.of(DataKind.VECTORS);
    }

    /** {@code uci/iris}: small enough to train in seconds. */
    @Override
    public String defaultDataset() {
        return "uci/iris";
    }

    @Override
    public JsonObject configure(TaskData data, Map<String, String> overrides) {
        VectorData v = data.payload(VectorData.class, id());
        JsonObject c = new JsonObject();
        c.add("hidden", ModelConfig.array(256, 256));
        c.addProperty("activation", "relu");
        c.addProperty("epochs", 10);
        c.addProperty("batch_size", 128);
        c.addProperty("learning_rate", 0.001);
        JsonObject config = ModelConfig.withOverrides(id(), c, overrides);
        config.addProperty("inputs", v.inputs()); // from the data, not settable
        config.addProperty("classes", v.classes());
        Mlp.Act.parse(config.get("activation").getAsString());
        return config;
    }

    @Override
    public Block build(JsonObject config) {
        long[] widths = LongStream.concat(LongStream.concat(
                LongStream.of(config.get("inputs").getAsLong()),
                Arrays.stream(ModelConfig.ints(config, "hidden")).asLongStream()),
                LongStream.of(config.get("classes").getAsLong())).toArray();
        return Mlp.builder().setWidths(widths).optActivation(Mlp.Act.parse(config.get("activation").getAsString()))
                .build();
    }

    @Override
    public SavedModel train(RunContext ctx, TaskData data, JsonObject config) throws Exception {
        return Supervised.trainClassifier(ctx, this, data, config);
    }
}
