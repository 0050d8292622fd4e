package io.jwtgateway.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.http.AddressRange;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * Token-bucket rate limits per caller ({@code gateway.rate-limit.*}): the verified token's issuer and subject on
 * protected routes, the client address on public routes and on the token endpoints.
 *
 * @param store          {@code memory}: each replica counts alone; {@code redis}: every replica counts together
 *                       through {@code spring.data.redis.*}
 * @param authEndpoints  the limit on {@code /api/v3/auth} and {@code /oauth2/token} per client address, on unless
 *                       disabled: one bucket for both, since both trade a secret for a token
 * @param defaultLimit   the limit of every route without its own, one bucket per caller shared by those routes;
 *                       unset: such routes are not limited
 * @param routes         limits by route id, one bucket per caller and route, for a configured route or one added at
 *                       runtime; an id that no route has is logged as a warning once the routes are built
 * @param trustedProxies addresses or CIDR blocks of the proxies in front of the gateway, whose
 *                       {@code X-Forwarded-For} is believed, and their trace's sampled flag; empty: the connection's
 *                       address is the client
 * @param timeout        the longest a Redis call may take; past it the request is served without a limit
 */
@Validated
@ConfigurationProperties("gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("memory") Store store,
        @DefaultValue AuthEndpoints authEndpoints,
        @Name("default") @Nullable Limit defaultLimit,
        @DefaultValue Map<String, Limit> routes,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("200ms") Duration timeout) {

    private static final String PREFIX = "gateway.rate-limit.";

    public RateLimitProperties {
        ConfigurationProblems problems = new ConfigurationProblems();
        if (authEndpoints.enabled()) {
            authEndpoints.limit().check(PREFIX + "auth-endpoints", problems);
        }
        if (defaultLimit != null) {
            defaultLimit.check(PREFIX + "default", problems);
        }
        routes.forEach((routeId, limit) -> limit.check(PREFIX + "routes." + routeId, problems));
        for (int i = 0; i < trustedProxies.size(); i++) {
            if (AddressRange.parse(trustedProxies.get(i)).isEmpty()) {
                problems.add(PREFIX + "trusted-proxies[" + i + "]", "must be an IP address or a CIDR block like "
                        + "10.0.0.0/8 or 2001:db8::/32, not a host name");
            }
        }
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add(PREFIX + "timeout", "must be positive");
        }
        problems.throwIfAny();
        routes = Map.copyOf(routes);
        trustedProxies = List.copyOf(trustedProxies);
    }

    public enum Store { MEMORY, REDIS }

    /**
     * A token bucket: it holds at most {@code burstCapacity} tokens, gains {@code replenishRate} each second, and each
     * request takes one; a request finding it empty is refused. The numbers of Spring Cloud Gateway's
     * {@code RedisRateLimiter}.
     *
     * @param replenishRate required, at least 1: tokens added per second, the sustained requests per second
     * @param burstCapacity required, at least {@code replenish-rate}: the most tokens held, the requests allowed at
     *                      once after a quiet spell
     */
    public record Limit(int replenishRate, int burstCapacity) {

        /** Checked by {@link RateLimitProperties}, which knows where this limit sits: {@code property} is its key. */
        void check(String property, ConfigurationProblems problems) {
            if (replenishRate < 1) {
                problems.add(property + ".replenish-rate", "must be a positive number of requests per second");
            } else if (burstCapacity < replenishRate) {
                problems.add(property + ".burst-capacity", "must be set, and at least " + property
                        + ".replenish-rate");
            }
        }
    }

    /**
     * The limit on the token endpoints. Five a second with bursts of ten per address: API keys and client secrets are
     * random, so guessing is hopeless at any rate, and this bounds what one address can spend of the gateway's hashing
     * and signing; a client needs a token once per token lifetime, so even a few dozen behind one NAT starting
     * together are served within seconds.
     *
     * @param enabled       whether {@code /api/v3/auth} and {@code /oauth2/token} are limited
     * @param replenishRate tokens added per second: the sustained requests per second from one client address
     * @param burstCapacity the most tokens held: the requests one client address may make at once after a quiet spell
     */
    public record AuthEndpoints(@DefaultValue("true") boolean enabled,
            @DefaultValue("5") int replenishRate,
            @DefaultValue("10") int burstCapacity) {

        public Limit limit() {
            return new Limit(replenishRate, burstCapacity);
        }
    }
}
