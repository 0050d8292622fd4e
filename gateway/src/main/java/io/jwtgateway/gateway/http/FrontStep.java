package io.jwtgateway.gateway.http;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One step of {@link FrontDoor}, the one web filter every request passes before any handler: the request id, the
 * access log, CORS, the path firewall, the token endpoints' rate limit, the operator endpoint guard, in the order
 * {@link FilterOrder} gives them. A step that has nothing to do with a request costs one check and no hop.
 */
public interface FrontStep extends Ordered {

    /** Whether this step has work to do on the request; when not, the request goes on to the next step untouched. */
    boolean appliesTo(ServerWebExchange exchange);

    /** The step's work: answer the request, or hand it, changed or not, to {@code next}. */
    Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next);
}
