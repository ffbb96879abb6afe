/** Sequence, memory and language models (10 papers; see README's table for status). */
package io.github.djlsuite.sequence;
