/**
 * Graph data sets for node classification: the immutable {@link io.github.djlsuite.datasets.graph.Graph}
 * value type with the {@link io.github.djlsuite.datasets.graph.Planetoid} (Cora, CiteSeer, PubMed) and
 * {@link io.github.djlsuite.datasets.graph.GnnBenchmark} readers, sparse features
 * ({@link io.github.djlsuite.datasets.graph.SparseFeatures}), and heterogeneous graphs
 * ({@link io.github.djlsuite.datasets.graph.HeteroGraph}, read by {@link io.github.djlsuite.datasets.graph.HeCo}).
 */
package io.github.djlsuite.datasets.graph;
