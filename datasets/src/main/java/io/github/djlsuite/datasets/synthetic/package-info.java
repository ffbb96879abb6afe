/** Synthetic tasks with a known answer, seeded and reproducible. */
package io.github.djlsuite.datasets.synthetic;
