package io.jwtgateway.gateway.tracing;

import java.net.URI;

import io.micrometer.common.KeyValues;
import org.springframework.cloud.gateway.filter.headers.observation.DefaultGatewayObservationConvention;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayContext;

/**
 * Spring Cloud Gateway's span of a backend call, its URL without the query string: a query may carry a token or a key
 * ({@code ?access_token=} on a WebSocket), and a span is kept where secrets are not.
 */
final class BackendCallConvention extends DefaultGatewayObservationConvention {

    /** The key Spring Cloud Gateway's convention gives the URL (its key names are not public). */
    static final String URI_KEY = "http.uri";

    @Override
    public KeyValues getHighCardinalityKeyValues(GatewayContext context) {
        URI uri = context.getRequest().getURI();
        String withoutQuery = uri.getRawQuery() == null ? uri.toString()
                : uri.toString().substring(0, uri.toString().indexOf('?'));
        return KeyValues.of(URI_KEY, withoutQuery);
    }
}
