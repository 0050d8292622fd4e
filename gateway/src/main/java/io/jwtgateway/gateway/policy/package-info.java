@NullMarked
package io.jwtgateway.gateway.policy;

import org.jspecify.annotations.NullMarked;
