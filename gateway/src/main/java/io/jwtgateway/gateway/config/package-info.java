/**
 * The {@code @ConfigurationProperties} records, each collecting every problem of its own values, the problem list
 * they report into ({@link io.jwtgateway.gateway.config.ConfigurationProblems}), and the beans every feature shares:
 * the {@code Clock} and how the Redis client reconnects.
 */
@NullMarked
package io.jwtgateway.gateway.config;

import org.jspecify.annotations.NullMarked;
