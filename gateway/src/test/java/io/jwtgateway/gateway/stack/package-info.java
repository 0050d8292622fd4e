/**
 * The stacks a user starts, tested as they are: the routes {@code run-local.sh} and {@code docker-compose.yml} pass
 * to the gateway, and the local stack started by its own script with the README's walkthrough run against it.
 */
package io.jwtgateway.gateway.stack;
