@NullMarked
package io.jwtgateway.gateway.discovery;

import org.jspecify.annotations.NullMarked;
