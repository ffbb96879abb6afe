/** Building blocks shared by several paper families. */
package io.github.djlsuite.core.nn;
