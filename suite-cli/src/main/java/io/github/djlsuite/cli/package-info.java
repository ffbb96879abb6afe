/** The runnable {@code suite} command line. */
package io.github.djlsuite.cli;
