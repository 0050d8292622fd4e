package io.jwtgateway.gateway.observe;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Spring Boot's error body (a 404 for a path no route matches, a 405, a 500) with the {@code X-Request-Id} as its
 * {@code requestId}, in place of the server's internal id, so it matches the response header and the access log.
 */
@Component
class RequestIdErrorAttributes extends DefaultErrorAttributes {

    static final String REQUEST_ID = "requestId";

    @Override
    public Map<String, Object> getErrorAttributes(ServerRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        String id = RequestId.of(request.exchange());
        if (id != null) {
            attributes.put(REQUEST_ID, id);
        }
        return attributes;
    }
}
