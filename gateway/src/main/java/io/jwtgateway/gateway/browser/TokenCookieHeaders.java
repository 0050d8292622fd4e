package io.jwtgateway.gateway.browser;

import java.util.ArrayList;
import java.util.List;

import io.jwtgateway.gateway.config.CookieProperties;
import io.jwtgateway.gateway.http.BackendRequestHeadersFilter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Takes the token cookie off the backend request, as the {@code Authorization} header is taken off unless forwarding is
 * configured ({@code gateway.auth.cookie.forward}); the request's other cookies travel on.
 */
@Component
class TokenCookieHeaders implements BackendRequestHeadersFilter {

    private final @Nullable String prefix;

    TokenCookieHeaders(CookieProperties properties) {
        this.prefix = properties.enabled() && !properties.forward() ? properties.name() + "=" : null;
    }

    @Override
    public void edit(HttpHeaders headers, ServerWebExchange exchange) {
        List<String> values = prefix == null ? null : headers.get(HttpHeaders.COOKIE);
        if (values == null || values.stream().noneMatch(value -> value.contains(prefix))) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            for (String pair : value.split(";")) {               // RFC 6265 §4.2.1: cookie-pairs joined by "; "
                String trimmed = pair.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith(prefix)) {
                    kept.add(trimmed);
                }
            }
        }
        if (kept.isEmpty()) {
            headers.remove(HttpHeaders.COOKIE);
        } else {
            headers.set(HttpHeaders.COOKIE, String.join("; ", kept));
        }
    }
}
