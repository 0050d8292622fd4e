/**
 * The standard way to register a client beside the operator API: RFC 7591 dynamic client registration at
 * {@code /oauth2/register}, with an admin-role token as the initial access token, and RFC 7592 read, update and
 * delete of a client's own registration at its {@code registration_client_uri} with its registration access token.
 */
@NullMarked
package io.jwtgateway.gateway.registration;

import org.jspecify.annotations.NullMarked;
