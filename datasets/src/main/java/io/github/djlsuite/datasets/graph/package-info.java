/**
 * Graph data sets for node classification: the immutable {@link io.github.djlsuite.datasets.graph.Graph}
 * value type and the {@link io.github.djlsuite.datasets.graph.Planetoid} reader (Cora, CiteSeer, PubMed).
 */
package io.github.djlsuite.datasets.graph;
