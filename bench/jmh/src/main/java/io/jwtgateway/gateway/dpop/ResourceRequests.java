package io.jwtgateway.gateway.dpop;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Requests to one resource as they reach the authenticator, a fresh exchange around a mock request each, as each
 * request has its own; what the server shares between exchanges is shared here too (a mock exchange would make its
 * own each time).
 */
final class ResourceRequests {

    /** Absolute, as a server request's URL is: the {@code htu} a proof for it names. */
    static final String URL = "https://gateway.example/api/v3/orders";

    private final WebSessionManager sessions = new DefaultWebSessionManager();
    private final ServerCodecConfigurer codecs = ServerCodecConfigurer.create();
    private final LocaleContextResolver locales = new AcceptHeaderLocaleContextResolver();

    /** A GET of {@link #URL} with {@code authorization}, and a {@code DPoP} header when {@code proof} is not null. */
    ServerWebExchange get(String authorization, @Nullable String proof) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get(URL)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header(HttpHeaders.ACCEPT, "application/json");
        if (proof != null) {
            request.header(DpopProofs.HEADER, proof);
        }
        return new DefaultServerWebExchange(request.build(), new MockServerHttpResponse(), sessions, codecs, locales);
    }
}
