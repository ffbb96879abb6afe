/** Training methods, associative memories and analysis tools (16 papers; see README's table for status). */
package io.github.djlsuite.learning;
