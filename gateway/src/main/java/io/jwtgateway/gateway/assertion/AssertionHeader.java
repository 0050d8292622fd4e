package io.jwtgateway.gateway.assertion;

import io.jwtgateway.gateway.config.AssertionProperties;
import io.jwtgateway.gateway.http.BackendRequestHeadersFilter;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The assertion header ({@code gateway.auth.assertion.header-name}, {@code X-Auth-Assertion} unless configured) on
 * the backend request: the one a client sent is always left off, on public routes too and whatever the header's name;
 * a request with a verified token to a service that takes assertions ({@link ServiceAudiences}) gets one, signed for
 * that service. Added as the backend request is built, after the token passed every check.
 */
@Component
class AssertionHeader implements BackendRequestHeadersFilter {

    private final String headerName;
    private final ServiceAudiences audiences;
    private final AssertionCache assertions;

    AssertionHeader(AssertionProperties properties, ServiceAudiences audiences, AssertionCache assertions) {
        this.headerName = properties.headerName();
        this.audiences = audiences;
        this.assertions = assertions;
    }

    /**
     * The header's name in any case, and with {@code _} for a dash, a spelling some servers fold into dashes: only
     * the gateway's assertion reaches a backend.
     */
    @Override
    public boolean drops(String name) {
        if (name.length() != headerName.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char sent = name.charAt(i);
            char ours = headerName.charAt(i);
            boolean same = sent == ours || Character.toLowerCase(sent) == Character.toLowerCase(ours)
                    || (isDash(sent) && isDash(ours));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDash(char c) {
        return c == '-' || c == '_';
    }

    @Override
    public void edit(HttpHeaders headers, ServerWebExchange exchange) {
        VerifiedToken token = exchange.getAttribute(VerifiedToken.EXCHANGE_ATTRIBUTE);
        if (token == null) {
            return;
        }
        String audience = audiences.audienceFor(exchange);
        if (audience != null) {
            headers.set(headerName, assertions.assertionFor(token, audience));
        }
    }
}
