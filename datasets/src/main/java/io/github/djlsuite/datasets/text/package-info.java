/**
 * Readers for the text data sets in {@code shared/datasets}: character-level tiny-shakespeare
 * ({@link io.github.djlsuite.datasets.text.CharCorpus}) and ListOps ({@link io.github.djlsuite.datasets.text.ListOps}).
 */
package io.github.djlsuite.datasets.text;
