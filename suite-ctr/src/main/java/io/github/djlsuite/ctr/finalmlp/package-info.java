/**
 * FinalMLP: two MLP streams with stream-specific feature gating and multi-head bilinear fusion.
 *
 * <p>Kelong Mao, Jieming Zhu, Liangcai Su, Guohao Cai, Yuru Li, Zhenhua Dong, "FinalMLP: An Enhanced
 * Two-Stream MLP Model for CTR Prediction", AAAI 2023, arXiv:2304.00902.
 *
 * <p>Two plain MLPs of different sizes in parallel (DualMLP) are already strong CTR models; FinalMLP
 * makes them complementary by gating each stream's view of the field embeddings
 * ({@link io.github.djlsuite.ctr.finalmlp.FeatureGating}) and by fusing the stream outputs with a
 * multi-head bilinear layer ({@link io.github.djlsuite.ctr.finalmlp.InteractionAggregation}) instead
 * of adding them ({@link io.github.djlsuite.ctr.finalmlp.FinalMlp}). The shared embedding, MLP, DNN
 * and DeepFM baselines live in {@link io.github.djlsuite.ctr}.
 *
 * <p>Configuration, results and reproduction: {@code docs/papers/finalmlp/README.md}.
 */
package io.github.djlsuite.ctr.finalmlp;
