/**
 * The operator endpoints (Spring Boot Actuator) on the main port: health for everyone, status only; everything else
 * for admin-role tokens only, unless {@code management.server.port} moves them to a port of their own.
 */
@NullMarked
package io.jwtgateway.gateway.management;

import org.jspecify.annotations.NullMarked;
