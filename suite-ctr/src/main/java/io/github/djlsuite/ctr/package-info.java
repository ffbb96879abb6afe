/** Click-through-rate and recommendation models (3 papers; see README's table for status). */
package io.github.djlsuite.ctr;
