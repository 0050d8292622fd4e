package io.jwtgateway.gateway.backend;

import java.util.ArrayList;
import java.util.List;

import io.jwtgateway.gateway.config.RoutingFilterProperties;
import io.jwtgateway.gateway.http.FrameworkBeanReplacement;
import io.jwtgateway.gateway.http.OnePassRequestHeaders;
import io.jwtgateway.gateway.http.OnePassResponseHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import reactor.netty.http.client.HttpClient;

/**
 * Puts {@link RoutingFilters} in the place of Spring Cloud Gateway's routing filter: the gateway's own and Spring
 * Cloud Gateway's ({@link BackendHttpRouting}), built from the same client, header filters and properties. Spring
 * Cloud Gateway offers no other way: its routing filter is not a bean it steps back from, and the property that turns
 * it off turns off the filter that writes the response too.
 */
class RoutingFilterReplacement extends FrameworkBeanReplacement<NettyRoutingFilter> {

    private static final Logger log = LoggerFactory.getLogger(RoutingFilterReplacement.class);

    private final ObjectProvider<HttpClient> httpClient;
    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;
    private final ObjectProvider<HttpClientProperties> properties;
    private final ObjectProvider<RoutingFilterProperties> choice;

    RoutingFilterReplacement(ObjectProvider<HttpClient> httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters, ObjectProvider<HttpClientProperties> properties,
            ObjectProvider<RoutingFilterProperties> choice) {
        super(NettyRoutingFilter.class);
        this.httpClient = httpClient;               // looked up late: post-processors are created before beans
        this.headersFilters = headersFilters;
        this.properties = properties;
        this.choice = choice;
    }

    @Override
    protected Object replace(NettyRoutingFilter bean) {
        HttpClientProperties settings = properties.getObject();
        BackendHttpRouting springCloudGateway = new BackendHttpRouting(httpClient.getObject(), headersFilters,
                settings);
        return new RoutingFilters(gateway(settings), springCloudGateway);
    }

    /** The gateway's routing filter, unless the setting or the header filters leave it out. */
    private @Nullable GatewayRoutingFilter gateway(HttpClientProperties settings) {
        if (choice.getObject().routingFilter() != RoutingFilterProperties.Choice.GATEWAY) {
            log.info("Spring Cloud Gateway's routing filter sends every request (gateway.server.routing-filter)");
            return null;
        }
        List<HttpHeadersFilter> filters = headersFilters.getIfAvailable(List::of);
        OnePassRequestHeaders request = OnePassRequestHeaders.replacing(filters);
        OnePassResponseHeaders response = OnePassResponseHeaders.replacing(filters);
        if (request == null || response == null) {
            log.info("Spring Cloud Gateway's routing filter sends every request: the header filters {} are more than"
                    + " the gateway's routing filter stands for",
                    filters.stream().map(f -> f.getClass().getName())
                            .toList());
            return null;
        }
        return new GatewayRoutingFilter(httpClient.getObject(), request, response, settings.getResponseTimeout());
    }

    /** The classes whose work the gateway's routing filter does, and the response writer it hands the body to. */
    @Override
    public List<Class<?>> reliesOn() {
        List<Class<?>> classes = new ArrayList<>(List.of(NettyWriteResponseFilter.class, ServerWebExchangeUtils.class));
        classes.addAll(OnePassRequestHeaders.standsFor());
        classes.addAll(OnePassResponseHeaders.standsFor());
        return List.copyOf(classes);
    }
}
