/**
 * Which handler serves a request: Spring Cloud Gateway's routes are looked up first, ahead of the other handler
 * mappings, except on the paths those mappings serve (the gateway's own endpoints, the actuator), which no route can
 * take.
 */
@NullMarked
package io.jwtgateway.gateway.routing;

import org.jspecify.annotations.NullMarked;
