/**
 * Each route's requirement, read from its metadata once at startup: public, any valid token, roles, scopes.
 */
@NullMarked
package io.jwtgateway.gateway.policy;

import org.jspecify.annotations.NullMarked;
