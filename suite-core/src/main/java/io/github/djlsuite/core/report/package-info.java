/** Reports: side-by-side tables, learning curves (XChart) and the measuring environment. */
package io.github.djlsuite.core.report;
