/**
 * The operator endpoints (Spring Boot Actuator) on the main port: health for everyone, status only; everything else
 * for admin-role tokens only, unless {@code management.server.port} moves them to a port of their own. Either way, the
 * actor of an operator's request (the admin, or the management port) is put in the Reactor context for the audit.
 */
@NullMarked
package io.jwtgateway.gateway.management;

import org.jspecify.annotations.NullMarked;
