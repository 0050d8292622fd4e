@NullMarked
package io.jwtgateway.gateway;

import org.jspecify.annotations.NullMarked;
