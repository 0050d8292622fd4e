@NullMarked
package io.jwtgateway.gateway.config;

import org.jspecify.annotations.NullMarked;
