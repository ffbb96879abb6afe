/**
 * S-KAN: Kolmogorov-Arnold layers whose activation family is learned per node.
 *
 * <p>Yang, Zhang, Luo, Lu, Shen, "Activation Space Selectable Kolmogorov-Arnold Networks",
 * arXiv:2408.08338, 2024.
 *
 * <p>A KAN layer replaces each weight of an MLP by a learnable univariate function, written as a
 * linear combination of basis functions ({@link io.github.djlsuite.vision.skan.KanLinear}). Every
 * basis family (B-spline, Chebyshev, Gaussian RBF, Fourier, wavelet) wins on some tasks, so S-KAN
 * keeps a pool of families at every output node, learns a softmax weighting over them and then
 * prunes each node to the family it prefers ({@link io.github.djlsuite.vision.skan.SelectableKanLinear},
 * {@link io.github.djlsuite.vision.skan.SKan}).
 *
 * <p>Configuration, results and reproduction: {@code docs/papers/skan/README.md}.
 */
package io.github.djlsuite.vision.skan;
