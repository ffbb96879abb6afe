/** Graph neural networks and set functions (7 papers; see README's table for status). */
package io.github.djlsuite.graph;
