package io.jwtgateway.gateway.routing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    RoutesFirstHandlerMapping routesFirstHandlerMapping(RoutePredicateHandlerMapping routes,
            ObjectProvider<HandlerMapping> mappings) {
        return new RoutesFirstHandlerMapping(routes, mappings);
    }
}
