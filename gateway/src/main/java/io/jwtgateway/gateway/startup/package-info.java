/**
 * What happens before the gateway serves: the whole configuration checked at once, and a failed start explained.
 */
@NullMarked
package io.jwtgateway.gateway.startup;

import org.jspecify.annotations.NullMarked;
