package io.jwtgateway.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.jwtgateway.gateway.clients.ClientRegistry;
import io.jwtgateway.gateway.config.RateLimitProperties.Limit;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A registered client's own rate limit ({@code rate_limit}): one bucket per client, charged by every request made with
 * its tokens, on every route, beside the route's own limit. It limits what a client does with the gateway, as a
 * consumer's quota does in other gateways; its token requests are limited per client address already, and it needs a
 * token once per token lifetime. The limit is read from the registry each replica holds, so a change applies to the
 * next request; buckets are kept under the limit's numbers, so a changed limit starts a fresh bucket.
 */
@Component
class ClientLimits {

    static final String POLICY_PREFIX = "client:";
    static final String CALLER_PREFIX = "client:";

    private final ClientRegistry registry;
    private final ConcurrentMap<Limit, RatePolicy> policies = new ConcurrentHashMap<>();

    ClientLimits(ClientRegistry registry) {
        this.registry = registry;
    }

    /**
     * The policy of the client whose token admitted the request; null on a public route, for another issuer's token,
     * a configured key's, and a client without a limit. A map lookup, and another on the limit's numbers.
     */
    @Nullable RatePolicy forToken(@Nullable VerifiedToken token) {
        if (token == null || token.keyId() == null || token.clientId() == null) {
            return null;
        }
        Limit limit = registry.rateLimit(token.clientId());
        return limit == null ? null : policies.computeIfAbsent(limit, ClientLimits::policy);
    }

    /** The bucket's owner: the client, whichever key or subject its token has. */
    static String caller(VerifiedToken token) {
        return CALLER_PREFIX + token.clientId();
    }

    private static RatePolicy policy(Limit limit) {
        return RatePolicy.of(POLICY_PREFIX + limit.replenishRate() + "/" + limit.burstCapacity(), limit);
    }
}
