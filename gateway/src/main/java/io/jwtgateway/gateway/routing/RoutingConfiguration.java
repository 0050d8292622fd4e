package io.jwtgateway.gateway.routing;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.jwtgateway.gateway.backend.ServiceTimeouts;
import io.jwtgateway.gateway.config.RoutesProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.observe.AuditLog;
import io.jwtgateway.gateway.store.DocumentStores;
import io.jwtgateway.gateway.store.SharedDocuments;
import io.jwtgateway.gateway.store.StoreType;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.PropertiesRouteDefinitionLocator;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.handler.predicate.RoutePredicateFactory;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionService;
import org.springframework.validation.Validator;
import org.springframework.web.reactive.HandlerMapping;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    /** The name of the routes' shared documents. */
    static final String ROUTE_DOCUMENTS = "routeDocuments";

    @Bean
    RoutesFirstHandlerMapping routesFirstHandlerMapping(RoutePredicateHandlerMapping routes,
            ObjectProvider<HandlerMapping> mappings) {
        return new RoutesFirstHandlerMapping(routes, mappings);
    }

    /**
     * The routes of application.yml, as Spring Cloud Gateway reads them, listed ahead of those added at runtime: of two
     * routes with the same order, the configured one is matched first (Spring Cloud Gateway keeps the order its route
     * definition locators come in), so a route added at runtime never shadows one of application.yml.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    PropertiesRouteDefinitionLocator propertiesRouteDefinitionLocator(GatewayProperties gateway) {
        return new PropertiesRouteDefinitionLocator(gateway);
    }

    /**
     * Binds a candidate route's arguments as Spring Cloud Gateway's own binding does, with the same conversions and
     * validation, but publishes nothing.
     */
    @Bean
    @SuppressWarnings("rawtypes")
    RouteTrial routeTrial(List<RoutePredicateFactory> predicates, List<GatewayFilterFactory> filters,
            GatewayProperties gateway, BeanFactory beans,
            @Qualifier("webFluxConversionService") ObjectProvider<ConversionService> conversions,
            ObjectProvider<Validator> validator) {
        return new RouteTrial(predicates, filters, gateway, new ConfigurationService(beans, conversions, validator));
    }

    @Bean
    RouteChecks routeChecks(RouteTrial trial, ObjectProvider<RoutesFirstHandlerMapping> routesFirst,
            ServicesProperties services, GatewayProperties gateway) {
        int lowestOrder = gateway.getRoutes().stream()
                .mapToInt(RouteDefinition::getOrder)
                .max()
                .orElse(Integer.MIN_VALUE);
        return new RouteChecks(trial, routesFirst, services.services().keySet(), lowestOrder);
    }

    @Bean
    RuntimeRoutes runtimeRoutes(@Qualifier(ROUTE_DOCUMENTS) SharedDocuments documents, RouteChecks checks,
            GatewayProperties gateway, RoutesProperties properties, ServiceTimeouts timeouts, JsonMapper json,
            ApplicationEventPublisher events, AuditLog audit) {
        Set<String> configuredIds = gateway.getRoutes().stream()
                .map(RouteDefinition::getId)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        StoredRoutes stored = new StoredRoutes(documents, checks, configuredIds, timeouts, json);
        return new RuntimeRoutes(documents, stored, checks, configuredIds, properties.maxRoutes(), json, events, audit);
    }

    @Bean
    @SuppressWarnings("rawtypes")
    static GatewayEndpointReplacement gatewayEndpointReplacement(ObjectProvider<RuntimeRoutes> routes,
            ObjectProvider<GlobalFilter> globalFilters, ObjectProvider<GatewayFilterFactory> gatewayFilters,
            ObjectProvider<RoutePredicateFactory> routePredicates, ObjectProvider<RouteLocator> routeLocator,
            ObjectProvider<RouteDefinitionLocator> routeDefinitionLocator,
            ObjectProvider<WebEndpointProperties> webEndpointProperties,
            ObjectProvider<ApplicationEventPublisher> events) {
        return new GatewayEndpointReplacement(routes, globalFilters, gatewayFilters, routePredicates, routeLocator,
                routeDefinitionLocator, webEndpointProperties, events);
    }

    /** Named {@code runtimeRoutes} in health and readiness. */
    @Bean
    RuntimeRoutesHealthIndicator runtimeRoutesHealthIndicator(@Qualifier(ROUTE_DOCUMENTS) SharedDocuments documents) {
        return new RuntimeRoutesHealthIndicator(documents);
    }

    /** The routes added at runtime, in the store {@code gateway.routes.store} names. */
    @Bean(ROUTE_DOCUMENTS)
    SharedDocuments routeDocuments(DocumentStores stores, RoutesProperties properties) {
        return stores.documents(RuntimeRoutes.KIND, switch (properties.store()) {
            case FILE -> StoreType.FILE;
            case REDIS -> StoreType.REDIS;
        });
    }
}
