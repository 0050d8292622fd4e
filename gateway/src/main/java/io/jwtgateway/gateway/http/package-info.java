/** Small HTTP pieces shared by the token endpoint and the filter: bounded bodies and strict JSON. */
@NullMarked
package io.jwtgateway.gateway.http;

import org.jspecify.annotations.NullMarked;
