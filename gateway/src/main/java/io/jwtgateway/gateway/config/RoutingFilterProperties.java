package io.jwtgateway.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which routing filter sends requests to backends ({@code gateway.server.routing-filter}).
 *
 * @param routingFilter {@code gateway}: the gateway's own, which builds the backend request's headers and the
 *                      response's once each; {@code spring-cloud-gateway}: Spring Cloud Gateway's
 *                      {@code NettyRoutingFilter}, which behaves the same and costs more. Routes with a filter of a
 *                      kind the gateway's does not know take Spring Cloud Gateway's either way, said at startup.
 */
@Validated
@ConfigurationProperties("gateway.server")
public record RoutingFilterProperties(@DefaultValue("gateway") Choice routingFilter) {

    /** The routing filters to choose from. */
    public enum Choice {
        GATEWAY,
        SPRING_CLOUD_GATEWAY
    }
}
