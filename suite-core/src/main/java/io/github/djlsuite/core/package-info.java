/** Engine and device selection, the training harness, reports and the suite's SPIs. */
package io.github.djlsuite.core;
