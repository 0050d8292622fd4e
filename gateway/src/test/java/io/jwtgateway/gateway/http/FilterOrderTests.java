package io.jwtgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;

/**
 * The order {@link FilterOrder} states is the order the running gateway uses: its filters and handlers sorted as
 * Spring sorts them, Spring's own among them, and the handler mappings at the orders it names.
 */
@SpringBootTest(properties = {"gateway.auth.hmac-secret=" + TestTokens.SECRET,
        "gateway.backend.uris=http://127.0.0.1:9"})
class FilterOrderTests {

    @Autowired
    ApplicationContext context;

    @Test
    void webFiltersWhenSortedThenTheFrontDoorFirst() {
        assertThat(sorted(WebFilter.class)).first().isEqualTo("FrontDoor");
    }

    @Test
    void frontStepsWhenSortedThenIdLogCorsFirewallTokenLimitOperatorGuard() {
        assertThat(sorted(FrontStep.class)).containsExactly(
                "RequestId", "AccessLog", "CorsFilter", "PathFirewall", "TokenEndpointRateLimitFilter",
                "OperatorEndpointGuard");
    }

    @Test
    void globalFiltersWhenSortedThenAuthenticationBeforeRouteFiltersAndRoutingBeforeTheLoadBalancerStandIn() {
        assertThat(sorted(GlobalFilter.class)).containsSubsequence(
                "AuthenticationFilter", "RouteRateLimitFilter", "NettyWriteResponseFilter", "BackendRetry",
                "RouteToRequestUrlFilter", "BackendRouting", "NoLoadBalancerClientFilter", "RoutingFilters");
        assertThat(FilterOrder.ROUTE_RATE_LIMIT).isLessThan(1);                 // a route's first own filter is 1
    }

    @Test
    void backendRequestHeaderFiltersWhenSortedThenAfterHopByHopRemoval() {
        assertThat(sorted(HttpHeadersFilter.class)).containsSubsequence(
                "RemoveHopByHopHeadersFilter", "BackendRequestHeaders");
    }

    @Test
    void errorHandlersWhenSortedThenBrokenBodyThenBackendFailureThenProblemsInPlaceOfBoots() {
        assertThat(sorted(WebExceptionHandler.class)).containsSubsequence(
                "BrokenBodyErrorHandler", "BackendErrorHandler", "ProblemErrorHandler",
                "WebFluxResponseStatusExceptionHandler")
                .doesNotContain("DefaultErrorWebExceptionHandler");
    }

    @Test
    void handlerMappingsWhenStartedThenAtTheOrdersStated() {
        Map<String, Integer> orders = context.getBeansOfType(HandlerMapping.class).values().stream()
                .filter(Ordered.class::isInstance)
                .collect(Collectors.toMap(mapping -> mapping.getClass().getSimpleName(),
                        mapping -> ((Ordered) mapping).getOrder(), (a, b) -> a));

        assertThat(orders).containsEntry("WebFluxEndpointHandlerMapping", FilterOrder.ACTUATOR_MAPPING)
                .containsEntry("RouterFunctionMapping", FilterOrder.ROUTER_FUNCTION_MAPPING)
                .containsEntry("RoutePredicateHandlerMapping", FilterOrder.GATEWAY_ROUTE_MAPPING)
                .containsEntry("RoutesFirstHandlerMapping", FilterOrder.ROUTES_FIRST);
    }

    private List<String> sorted(Class<?> type) {
        return context.getBeanProvider(type).orderedStream()
                .map(bean -> bean.getClass().getSimpleName())
                .toList();
    }
}
