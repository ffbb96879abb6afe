package io.github.djlsuite.ctr;

import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.model.ModelConfig;
import io.github.djlsuite.ctr.din.Din;
import io.github.djlsuite.ctr.dtrn.Dtrn;
import io.github.djlsuite.ctr.finalmlp.FinalMlp;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.Locale;

/**
 * The CTR models {@code suite train} and the zoo know, one small {@link CtrArchitecture} each
 * (registered in {@code META-INF/services/io.github.djlsuite.core.model.Architecture}). Every one
 * outputs logits {@code (B, T)} and trains through {@link CtrTraining}; sizes come from the data's
 * {@link CtrLayout}, defaults from the papers' specs scaled down for a CPU, overrides with
 * {@code --set key=value}.
 *
 * <table>
 *   <caption>ids, data and settings (besides epochs 5, batch_size 256, learning_rate 0.001, patience 2)</caption>
 *   <tr><th>id</th><th>data</th><th>settings (defaults)</th></tr>
 *   <tr><td>{@code dnn}</td><td>any CTR</td><td>embedding_dim 10, hidden 64,64,64, batch_norm false, dropout 0.0</td></tr>
 *   <tr><td>{@code deepfm}</td><td>any CTR</td><td>as dnn</td></tr>
 *   <tr><td>{@code finalmlp}</td><td>any CTR</td><td>embedding_dim 10, mlp1 128,128,128, mlp2 128,
 *       gate_hidden 64, heads 4, feature_gating true, fusion true, batch_norm false, dropout 0.0</td></tr>
 *   <tr><td>{@code dualmlp}</td><td>any CTR</td><td>FinalMLP with gating and fusion off: embedding_dim,
 *       mlp1, mlp2, batch_norm, dropout</td></tr>
 *   <tr><td>{@code din}</td><td>≥ 1 sequence sharing a categorical field's vocabulary</td><td>embedding_dim
 *       16, attention_hidden 80,40, mlp_hidden 200,80, activation dice|prelu, pooling attention|sum,
 *       use_softmax false</td></tr>
 *   <tr><td>{@code dtrn}</td><td>≥ 2 labels</td><td>embedding_dim 16, context_dim 16, attention_hidden 16,
 *       head towers|mmoe, tower_hidden 128,64, expert_hidden 128,64, experts 4,
 *       task_specific_interest true, refinement true, softmax true</td></tr>
 *   <tr><td>{@code sharedbottom}</td><td>≥ 2 labels</td><td>embedding_dim 16, attention_hidden 16,
 *       shared_hidden 128,64, tower_hidden 64</td></tr>
 *   <tr><td>{@code mmoe}</td><td>≥ 2 labels</td><td>embedding_dim 16, attention_hidden 16, experts 4,
 *       expert_hidden 128,64, tower_hidden 64</td></tr>
 * </table>
 * The paper-scale widths (FinalMLP 256,256,256 + 256; DTRN towers 256,128,64; experts 256,128) are
 * one {@code --set} away.
 */
public final class CtrArchitectures {

    private CtrArchitectures() {}

    /** {@code dnn}: {@link Dnn}, field embeddings through one MLP (the FuxiCTR DNN baseline). */
    public static final class DnnArchitecture extends CtrArchitecture {

        @Override
        public String id() {
            return "dnn";
        }

        @Override
        public String description() {
            return "DNN CTR baseline: field embeddings through an MLP (64,64,64), sigmoid BCE";
        }

        @Override
        protected JsonObject defaults() {
            return mlpDefaults();
        }

        @Override
        protected Block build(CtrLayout layout, JsonObject c) {
            return Dnn.builder().setLayout(layout).optEmbeddingDim(integer(c, "embedding_dim"))
                    .optHidden(widths(c, "hidden")).optBatchNorm(flag(c, "batch_norm"))
                    .optDropout(decimal(c, "dropout")).build();
        }
    }

    /** {@code deepfm}: {@link DeepFm}, first-order terms + FM pairwise term + the DNN. */
    public static final class DeepFmArchitecture extends CtrArchitecture {

        @Override
        public String id() {
            return "deepfm";
        }

        @Override
        public String description() {
            return "DeepFM: first-order + factorisation-machine pairwise term + DNN (64,64,64)";
        }

        @Override
        protected JsonObject defaults() {
            return mlpDefaults();
        }

        @Override
        protected Block build(CtrLayout layout, JsonObject c) {
            return DeepFm.builder().setLayout(layout).optEmbeddingDim(integer(c, "embedding_dim"))
                    .optHidden(widths(c, "hidden")).optBatchNorm(flag(c, "batch_norm"))
                    .optDropout(decimal(c, "dropout")).build();
        }
    }

    private static JsonObject mlpDefaults() {
        JsonObject c = new JsonObject();
        c.addProperty("embedding_dim", 10);
        c.add("hidden", ModelConfig.array(64, 64, 64));
        c.addProperty("batch_norm", false);
        c.addProperty("dropout", 0.0);
        return c;
    }

    /**
     * {@code finalmlp}: {@link FinalMlp} (Mao et al., AAAI 2023), two MLP streams on stream-specific
     * gated embeddings, fused by multi-head bilinear aggregation. {@code feature_gating=false} and
     * {@code fusion=false} give DualMLP (also registered as {@code dualmlp}).
     */
    public static class FinalMlpArchitecture extends CtrArchitecture {

        @Override
        public String id() {
            return "finalmlp";
        }

        @Override
        public String description() {
            return "FinalMLP (AAAI 2023): two gated MLP streams (128x3, 128) + 4-head bilinear fusion";
        }

        @Override
        protected JsonObject defaults() {
            JsonObject c = new JsonObject();
            c.addProperty("embedding_dim", 10);
            c.add("mlp1", ModelConfig.array(128, 128, 128));
            c.add("mlp2", ModelConfig.array(128));
            c.add("gate_hidden", ModelConfig.array(64));
            c.addProperty("heads", 4);
            c.addProperty("feature_gating", true);
            c.addProperty("fusion", true);
            c.addProperty("batch_norm", false);
            c.addProperty("dropout", 0.0);
            return c;
        }

        @Override
        protected Block build(CtrLayout layout, JsonObject c) {
            float dropout = decimal(c, "dropout");
            boolean bn = flag(c, "batch_norm");
            FinalMlp.Builder b = FinalMlp.builder().setLayout(layout).optEmbeddingDim(integer(c, "embedding_dim"))
                    .optMlp1(widths(c, "mlp1")).optMlp2(widths(c, "mlp2")).optBatchNorm(bn, bn)
                    .optDropout(dropout, dropout).optFeatureGating(flag(c, "feature_gating"))
                    .optFusion(flag(c, "fusion"));
            if (c.has("gate_hidden")) {
                b.optGateHidden(widths(c, "gate_hidden"));
            }
            if (c.has("heads")) {
                b.optHeads(integer(c, "heads"));
            }
            return b.build();
        }
    }

    /** {@code dualmlp}: FinalMLP with feature gating and fusion off, i.e. the sum of two MLPs' logits. */
    public static final class DualMlpArchitecture extends FinalMlpArchitecture {

        @Override
        public String id() {
            return "dualmlp";
        }

        @Override
        public String description() {
            return "DualMLP (FinalMLP paper's baseline): two MLPs (128x3, 128), logits added";
        }

        @Override
        protected JsonObject defaults() {
            JsonObject c = super.defaults();
            c.remove("gate_hidden");
            c.remove("heads");
            c.remove("feature_gating");
            c.remove("fusion");
            return c;
        }

        @Override
        protected void fix(JsonObject config) {
            config.addProperty("feature_gating", false);
            config.addProperty("fusion", false);
        }
    }

    /**
     * {@code din}: {@link Din} (Zhou et al., KDD 2018), attention of the candidate item over the
     * behaviour history. Needs a sequence field sharing a categorical field's vocabulary.
     */
    public static final class DinArchitecture extends CtrArchitecture {

        @Override
        public String id() {
            return "din";
        }

        @Override
        public String description() {
            return "DIN (KDD 2018): candidate-aware attention over the behaviour sequence, MLP 200,80 Dice";
        }

        @Override
        public String defaultDataset() {
            return "din-amazon-electronics-sample";
        }

        @Override
        protected void check(CtrLayout layout, String dataset) {
            if (layout.sequences().stream().noneMatch(s -> s.sharedWith() >= 0)) {
                throw new IllegalArgumentException("din needs at least one behaviour-sequence field (role \"sequence\")"
                        + " whose share_vocab names the candidate's categorical field (e.g. a history of item ids"
                        + " sharing the target item id); " + dataset + " has " + describe(layout)
                        + ". Try din-amazon-electronics-sample");
            }
        }

        @Override
        protected JsonObject defaults() {
            JsonObject c = new JsonObject();
            c.addProperty("embedding_dim", 16);
            c.add("attention_hidden", ModelConfig.array(80, 40));
            c.add("mlp_hidden", ModelConfig.array(200, 80));
            c.addProperty("activation", "dice");
            c.addProperty("pooling", "attention");
            c.addProperty("use_softmax", false);
            return c;
        }

        @Override
        protected Block build(CtrLayout layout, JsonObject c) {
            return Din.builder().setLayout(layout).optEmbeddingDim(integer(c, "embedding_dim"))
                    .optAttentionHidden(widths(c, "attention_hidden")).optMlpHidden(widths(c, "mlp_hidden"))
                    .optActivation(choice(Din.Activation.class, c, "activation"))
                    .optPooling(choice(Din.Pooling.class, c, "pooling")).optUseSoftmax(flag(c, "use_softmax"))
                    .build();
        }
    }

    /** {@code dtrn}: {@link Dtrn} (Liu et al., CIKM 2023), task-specific bottoms. Needs ≥ 2 labels. */
    public static final class DtrnArchitecture extends CtrArchitecture {

        @Override
        public String id() {
            return "dtrn";
        }

        @Override
        public String description() {
            return "DTRN (CIKM 2023): task-specific interest + refinement bottoms, towers; multi-task";
        }

        @Override
        public String defaultDataset() {
            return "census-income-sample";
        }

        @Override
        protected void check(CtrLayout layout, String dataset) {
            requireTasks(layout, dataset);
        }

        @Override
        protected JsonObject defaults() {
            JsonObject c = new JsonObject();
            c.addProperty("embedding_dim", 16);
            c.addProperty("context_dim", 16);
            c.addProperty("attention_hidden", 16);
            c.addProperty("head", "towers");
            c.add("tower_hidden", ModelConfig.array(128, 64));
            c.add("expert_hidden", ModelConfig.array(128, 64));
            c.addProperty("experts", 4);
            c.addProperty("task_specific_interest", true);
            c.addProperty("refinement", true);
            c.addProperty("softmax", true);
            return c;
        }

        @Override
        protected Block build(CtrLayout layout, JsonObject c) {
            return Dtrn.builder().setLayout(layout).optEmbeddingDim(integer(c, "embedding_dim"))
                    .optContextDim(integer(c, "context_dim")).optAttentionHidden(integer(c, "attention_hidden"))
                    .optHead(choice(Dtrn.Head.class, c, "head")).optTowerHidden(widths(c, "tower_hidden"))
                    .optExpertHidden(widths(c, "expert_hidden")).optExperts(integer(c, "experts"))
                    .optTaskSpecificInterest(flag(c, "task_specific_interest"))
                    .optRefinement(flag(c, "refinement")).optSoftmax(flag(c, "softmax")).build();
        }
    }

    /** {@code sharedbottom}: {@link SharedBottom}, one bottom and shared MLP, a tower per task. */
    public static final class SharedBottomArchitecture extends CtrArchitecture {

        @Override
        public String id() {
            return "sharedbottom";
        }

        @Override
        public String description() {
            return "Shared-Bottom multi-task baseline: shared MLP (128,64), one tower (64) per label";
        }

        @Override
        public String defaultDataset() {
            return "census-income-sample";
        }

        @Override
        protected void check(CtrLayout layout, String dataset) {
            requireTasks(layout, dataset);
        }

        @Override
        protected JsonObject defaults() {
            JsonObject c = new JsonObject();
            c.addProperty("embedding_dim", 16);
            c.addProperty("attention_hidden", 16);
            c.add("shared_hidden", ModelConfig.array(128, 64));
            c.add("tower_hidden", ModelConfig.array(64));
            return c;
        }

        @Override
        protected Block build(CtrLayout layout, JsonObject c) {
            return SharedBottom.builder().setLayout(layout).optEmbeddingDim(integer(c, "embedding_dim"))
                    .optAttentionHidden(integer(c, "attention_hidden")).optSharedHidden(widths(c, "shared_hidden"))
                    .optTowerHidden(widths(c, "tower_hidden")).build();
        }
    }

    /** {@code mmoe}: {@link Mmoe} (Ma et al., KDD 2018), experts mixed by a softmax gate per task. */
    public static final class MmoeArchitecture extends CtrArchitecture {

        @Override
        public String id() {
            return "mmoe";
        }

        @Override
        public String description() {
            return "MMoE (KDD 2018): 4 experts (128,64), a softmax gate and a tower per label; multi-task";
        }

        @Override
        public String defaultDataset() {
            return "census-income-sample";
        }

        @Override
        protected void check(CtrLayout layout, String dataset) {
            requireTasks(layout, dataset);
        }

        @Override
        protected JsonObject defaults() {
            JsonObject c = new JsonObject();
            c.addProperty("embedding_dim", 16);
            c.addProperty("attention_hidden", 16);
            c.addProperty("experts", 4);
            c.add("expert_hidden", ModelConfig.array(128, 64));
            c.add("tower_hidden", ModelConfig.array(64));
            return c;
        }

        @Override
        protected Block build(CtrLayout layout, JsonObject c) {
            return Mmoe.builder().setLayout(layout).optEmbeddingDim(integer(c, "embedding_dim"))
                    .optAttentionHidden(integer(c, "attention_hidden")).optExperts(integer(c, "experts"))
                    .optExpertHidden(widths(c, "expert_hidden")).optTowerHidden(widths(c, "tower_hidden")).build();
        }
    }

    /** An enum setting, case-insensitive, or an error naming the setting and the accepted values. */
    static <E extends Enum<E>> E choice(Class<E> type, JsonObject config, String key) {
        String v = CtrArchitecture.text(config, key);
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder ok = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                ok.append(ok.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("setting " + key + "=" + v + " is not one of " + ok, e);
        }
    }
}
