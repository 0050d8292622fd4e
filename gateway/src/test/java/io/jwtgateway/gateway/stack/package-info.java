/**
 * The stacks a user starts, tested as they are: the routes {@code run-local.sh} and {@code docker-compose.yml} pass
 * to the gateway, what Compose's two replicas must share (stores, assertion key) and which of its services require the
 * assertion, and the local stack started by its own script with the README's walkthrough run against it.
 */
package io.jwtgateway.gateway.stack;
