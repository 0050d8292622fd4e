package io.jwtgateway.gateway.http;

import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;

/**
 * The order of every web filter, gateway filter, header filter, error handler and handler mapping a request meets,
 * in the order it meets them: the one place that says what runs before what, and why. Filters return these constants
 * and hold no numbers of their own. {@code docs/architecture.md} walks through the same list with each class.
 */
public final class FilterOrder {

    // The steps of the one web filter, FrontDoor: every request, the gateway's own endpoints and the actuator
    // included, before any handler.

    /** The one web filter of ours, first of all web filters; its steps are ordered by the constants below. */
    public static final int FRONT_DOOR = Ordered.HIGHEST_PRECEDENCE;

    /** First of all: every response carries an id, refusals included, and every later step can name the request. */
    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;

    /** Right after the id: the access log times and records everything below, a refusal of the path firewall too. */
    public static final int ACCESS_LOG = REQUEST_ID + 1;

    /**
     * CORS, ahead of everything that can refuse: a preflight is answered before any limit counts it or any
     * authentication asks for a token, and every refusal after it carries the CORS headers a page needs to read it.
     */
    public static final int CORS = ACCESS_LOG + 1;

    /** Before anything matches a path: a path a backend might read differently from its route is refused here. */
    public static final int PATH_FIREWALL = CORS + 1;

    /** Right after the path firewall: nothing spends work on a token request before it is counted. */
    public static final int TOKEN_ENDPOINT_RATE_LIMIT = PATH_FIREWALL + 1;

    /** Last step: the actuator's paths are plain by now, and their callers already limited. */
    public static final int OPERATOR_ENDPOINT_GUARD = TOKEN_ENDPOINT_RATE_LIMIT + 1;

    // Handler mappings, tried in this order. Spring sets the last three; they are stated here so the list is whole,
    // and FilterOrderTests checks that they are still what Spring uses.

    /**
     * Spring Cloud Gateway's routes, looked up first ({@code routing.RoutesFirstHandlerMapping}): a routed request does
     * not try the other mappings before its route. The lookup steps aside on every path the mappings below serve, so
     * no route can shadow the token, discovery or actuator endpoints.
     */
    public static final int ROUTES_FIRST = -200;

    /** Boot's actuator endpoints on the main port ({@code WebFluxEndpointHandlerMapping}). */
    public static final int ACTUATOR_MAPPING = -100;

    /** The gateway's own endpoints (token, OAuth2, discovery, revocation, playground) as router functions. */
    public static final int ROUTER_FUNCTION_MAPPING = -1;

    /**
     * Spring Cloud Gateway's own route mapping ({@code spring.cloud.gateway.server.webflux.handler-mapping.order}),
     * after our own endpoints: what the routes-first lookup left, a path no route matches or one of the reserved paths
     * that none of the endpoints took, is looked up here as in Spring Cloud Gateway.
     */
    public static final int GATEWAY_ROUTE_MAPPING = 1;

    // Global filters on a gateway route, merged with the route's own filters, which Spring Cloud Gateway numbers
    // 1, 2, … in the order they are listed.

    /**
     * Identity is settled before Spring Cloud Gateway writes the response (-1) and before any route filter, load
     * balancing or routing: a refused request goes no further. Room is left for filters users put before it.
     */
    public static final int AUTHENTICATION = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 99;

    /** Right after authentication, which passes on admitted requests only and leaves the verified token. */
    public static final int ROUTE_RATE_LIMIT = AUTHENTICATION + 1;

    /**
     * After the rate limit, so only admitted requests are watched, and before Spring Cloud Gateway writes the response
     * (-1), whose body it must be able to end when the token ends.
     */
    public static final int TOKEN_BOUND_STREAMS = ROUTE_RATE_LIMIT + 1;

    /** Before the backend URL is resolved ({@link RouteToRequestUrlFilter}): a retry resolves and balances again. */
    public static final int BACKEND_RETRY = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER - 1;

    /**
     * After the URL is resolved and just ahead of Spring Cloud Gateway's stand-in for a missing load balancer, which
     * refuses every {@code lb://} URL it is left.
     */
    public static final int BACKEND_ROUTING = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;

    /**
     * Header filters that add to the backend request: after Spring Cloud Gateway's hop-by-hop filter
     * ({@code LOWEST_PRECEDENCE - 1} unless configured otherwise), so a header the client names in
     * {@code Connection} cannot take off what they add.
     */
    public static final int BACKEND_REQUEST_HEADERS = Ordered.LOWEST_PRECEDENCE;

    // Error handlers, ahead of WebFlux's WebFluxResponseStatusExceptionHandler (0), which writes a bare status.

    /** A body that broke off is the client's doing, even when it also aborted the backend request: first. */
    public static final int BROKEN_BODY_HANDLER = -3;

    /** A backend down, slow or closing: 502, 503 or 504. */
    public static final int BACKEND_FAILURE_HANDLER = -2;

    /**
     * Everything else, such as a 404 or a bug's 500, as a problem detail ({@code refusal.ProblemErrorHandler}): last,
     * at the order of Boot's DefaultErrorWebExceptionHandler, which it replaces.
     */
    public static final int PROBLEM_ERROR_HANDLER = -1;

    private FilterOrder() {
    }
}
