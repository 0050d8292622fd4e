package io.jwtgateway.gateway.observe;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Who makes a change, for the audit line. The step that admits an operator's request puts its actor in the Reactor
 * context ({@link #context}), so an endpoint that cannot see the exchange, Spring Cloud Gateway's route API among
 * them, still names who changed what ({@link #current}).
 *
 * @param name      the admin token's subject, {@value #MANAGEMENT_PORT} on the management port (no token there), or
 *                  {@code client:<client_id>} for a client changing its own registration (RFC 7592)
 * @param requestId the request that made it
 */
public record Actor(String name, @Nullable String requestId) {

    public static final String MANAGEMENT_PORT = "management-port";

    /** A client acting on its own registration with its registration access token. */
    public static Actor client(String clientId, @Nullable String requestId) {
        return new Actor("client:" + clientId, requestId);
    }

    /** A Reactor context holding this actor, for the request the admitting step passes on. */
    public Context context() {
        return Context.of(Actor.class, this);
    }

    /**
     * The actor of the request being served, from the Reactor context. None there means no step admitted an actor,
     * which only the management port's own context allows: its requests are the management port's.
     */
    public static Mono<Actor> current() {
        return Mono.deferContextual(context -> Mono.just(context.getOrDefault(Actor.class,
                new Actor(MANAGEMENT_PORT, null))));
    }
}
