@NullMarked
package io.jwtgateway.gateway.filter;

import org.jspecify.annotations.NullMarked;
