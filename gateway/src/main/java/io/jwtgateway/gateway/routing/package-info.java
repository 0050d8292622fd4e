/**
 * Which handler serves a request: Spring Cloud Gateway's routes are looked up first, ahead of the other handler
 * mappings, except on the paths those mappings serve (the gateway's own endpoints, the actuator), which no route can
 * take. And the routes added, replaced and removed at runtime through Spring Cloud Gateway's route API, kept in the
 * shared store and checked as application.yml's are, which they never shadow.
 */
@NullMarked
package io.jwtgateway.gateway.routing;

import org.jspecify.annotations.NullMarked;
