/** Image models and vision methods (24 papers; see README's table for status). */
package io.github.djlsuite.vision;
