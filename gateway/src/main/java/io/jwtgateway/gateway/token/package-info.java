@NullMarked
package io.jwtgateway.gateway.token;

import org.jspecify.annotations.NullMarked;
