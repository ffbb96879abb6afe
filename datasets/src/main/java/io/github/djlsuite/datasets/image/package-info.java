/**
 * Readers for the IDX image data sets in {@code shared/datasets} (MNIST, Fashion-MNIST): a validating
 * IDX reader ({@link io.github.djlsuite.datasets.image.IdxReader}) and DJL {@code ArrayDataset}
 * factories with documented splits ({@link io.github.djlsuite.datasets.image.ImageDatasets}).
 */
package io.github.djlsuite.datasets.image;
