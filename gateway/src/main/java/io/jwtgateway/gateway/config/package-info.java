/**
 * The gateway's {@code @ConfigurationProperties} records (all but the playground's, which its feature keeps), each
 * collecting every problem of its own values into {@link io.jwtgateway.gateway.config.ConfigurationProblems}, which
 * reports them all at once; the URI shapes the service properties accept; and the beans every feature shares: the
 * {@code Clock} and how the Redis client reconnects.
 */
@NullMarked
package io.jwtgateway.gateway.config;

import org.jspecify.annotations.NullMarked;
