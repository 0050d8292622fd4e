package io.jwtgateway.gateway.backend;

import java.util.List;

import io.jwtgateway.gateway.config.BackendProperties;
import io.jwtgateway.gateway.config.RoutingFilterProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;

/** The services routes send to, their health checks and DNS refresh, and their timeouts. */
@Configuration(proxyBeanMethods = false)
class BackendConfiguration {

    /** Every service's instances, which {@link BackendRouting} chooses among. */
    @Bean
    Services services(BackendProperties backend, ServicesProperties services, MeterRegistry registry) {
        return new Services(backend, services, registry);
    }

    /** The services' timeouts, for the routes added at runtime. */
    @Bean
    ServiceTimeouts serviceTimeouts(BackendProperties backend, ServicesProperties services) {
        return new ServiceTimeouts(backend, services);
    }

    @Bean
    UnroutedServices unroutedServices(ServicesProperties services) {
        return new UnroutedServices(services);
    }

    @Bean
    BackendHealthCheck backendHealthCheck(Services services) {
        return new BackendHealthCheck(services);
    }

    @Bean
    DnsRefresh dnsRefresh(Services services, ObjectProvider<HostResolver> resolver) {
        return new DnsRefresh(services, resolver.getIfAvailable(HostResolver::jdk));
    }

    /** Named {@code services} in the health details. */
    @Bean
    ServicesHealthIndicator servicesHealthIndicator(Services services) {
        return new ServicesHealthIndicator(services);
    }

    @Bean
    static RoutingFilterReplacement routingFilterReplacement(ObjectProvider<HttpClient> httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters, ObjectProvider<HttpClientProperties> properties,
            ObjectProvider<RoutingFilterProperties> choice) {
        return new RoutingFilterReplacement(httpClient, headersFilters, properties, choice);
    }

    @Bean
    RoutingFilterFallbacks routingFilterFallbacks(ObjectProvider<GlobalFilter> globalFilters) {
        return new RoutingFilterFallbacks(globalFilters);
    }

    @Bean
    static BackendTimeouts backendTimeouts(ObjectProvider<BackendProperties> backend,
            ObjectProvider<ServicesProperties> services) {
        return new BackendTimeouts(backend, services);
    }
}
