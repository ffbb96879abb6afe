/** Readers for the suite's real datasets and generators of synthetic tasks with known answers. */
package io.github.djlsuite.datasets;
