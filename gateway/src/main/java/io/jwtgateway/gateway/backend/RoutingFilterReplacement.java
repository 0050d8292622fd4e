package io.jwtgateway.gateway.backend;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import reactor.netty.http.client.HttpClient;

/**
 * Puts {@link BackendHttpRouting} in the place of Spring Cloud Gateway's routing filter, built from the same client,
 * header filters and properties. Spring Cloud Gateway offers no other way: its routing filter is not a bean it steps
 * back from, and the property that turns it off turns off the filter that writes the response too.
 */
class RoutingFilterReplacement implements BeanPostProcessor {

    private final ObjectProvider<HttpClient> httpClient;
    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;
    private final ObjectProvider<HttpClientProperties> properties;

    RoutingFilterReplacement(ObjectProvider<HttpClient> httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            ObjectProvider<HttpClientProperties> properties) {
        this.httpClient = httpClient;               // looked up late: post-processors are created before beans
        this.headersFilters = headersFilters;
        this.properties = properties;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean.getClass() == NettyRoutingFilter.class) {
            return new BackendHttpRouting(httpClient.getObject(), headersFilters, properties.getObject());
        }
        return bean;
    }
}
