/**
 * Readers for the small tabular data sets in {@code shared/datasets} (the scikit-learn copies of iris, wine,
 * breast cancer, digits and diabetes): {@link io.github.djlsuite.datasets.tabular.Uci}.
 */
package io.github.djlsuite.datasets.tabular;
