package io.jwtgateway.gateway.http;

import org.springframework.http.HttpHeaders;

/** Headers a {@code HttpHeadersFilter} may change in place, copied only when they are not plain, writable ones. */
public final class WritableHeaders {

    private WritableHeaders() {
    }

    /**
     * The headers themselves when they are a plain {@link HttpHeaders}, as the filters that run before ours return
     * (Spring Cloud Gateway's hop-by-hop filter builds a new one); else a writable copy, such as of a request's
     * read-only headers.
     */
    public static HttpHeaders of(HttpHeaders input) {
        if (input.getClass() == HttpHeaders.class) {
            return input;
        }
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(input);
        return copy;
    }
}
