@NullMarked
package io.jwtgateway.gateway.verify;

import org.jspecify.annotations.NullMarked;
