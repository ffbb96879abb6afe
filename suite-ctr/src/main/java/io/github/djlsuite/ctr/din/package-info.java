/**
 * DIN: Deep Interest Network for click-through-rate prediction.
 *
 * <p>Guorui Zhou, Xiaoqiang Zhu, Chenru Song, Ying Fan, Han Zhu, Xiao Ma, Yanghui Yan, Junqi Jin, Han Li,
 * Kun Gai, "Deep Interest Network for Click-Through Rate Prediction", KDD 2018, arXiv:1706.06978.
 *
 * <p>Embedding&amp;MLP models pool a user's behaviours into one vector whatever the candidate ad is;
 * DIN scores every behaviour against the candidate with a small MLP
 * ({@link io.github.djlsuite.ctr.din.ActivationUnit}) and sums the behaviours with those
 * unnormalised weights ({@link io.github.djlsuite.ctr.din.Din}; {@code Pooling.SUM} is the paper's
 * BaseModel). Two training aids: the Dice activation ({@link io.github.djlsuite.ctr.din.Dice}) and
 * mini-batch aware L2 regularisation of the embedding table
 * ({@link io.github.djlsuite.ctr.din.MiniBatchAwareL2}). The synthetic behaviour logs of the
 * reproduction are {@code io.github.djlsuite.datasets.synthetic.BehaviourLogs}.
 *
 * <p>Configuration, results and reproduction: {@code docs/papers/din/README.md}.
 */
package io.github.djlsuite.ctr.din;
