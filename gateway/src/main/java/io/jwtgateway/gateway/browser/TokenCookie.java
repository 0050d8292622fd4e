package io.jwtgateway.gateway.browser;

import java.time.Duration;
import java.util.List;

import io.jwtgateway.gateway.config.CookieProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The cookie that may carry a browser's token ({@code gateway.auth.cookie.*}): read from requests, set by the token
 * endpoint and cleared by logout. {@code HttpOnly} always, so page scripts never see the token; {@code Path=/}, so
 * every route gets it; {@code Secure} and {@code SameSite} as configured.
 */
@Component
public class TokenCookie {

    private final CookieProperties properties;

    TokenCookie(CookieProperties properties) {
        this.properties = properties;
    }

    /** Whether tokens may come in the cookie at all. */
    public boolean enabled() {
        return properties.enabled();
    }

    /** Whether the token endpoint sets the cookie. */
    public boolean setOnIssue() {
        return properties.setOnIssue();
    }

    /**
     * The token in the request's cookie, or null when the option is off or the request has none. Of two cookies of the
     * name, the first is taken: browsers send the one with the longer path first (RFC 6265 §5.4).
     */
    public @Nullable String token(ServerHttpRequest request) {
        String name = properties.name();
        if (name == null) {
            return null;
        }
        List<HttpCookie> cookies = request.getCookies().get(name);
        if (cookies == null || cookies.isEmpty() || cookies.get(0).getValue().isEmpty()) {
            return null;
        }
        return cookies.get(0).getValue();
    }

    /** The {@code Set-Cookie} that hands a token to the browser, for as long as the token lives. */
    public ResponseCookie issued(String token, Duration lifetime) {
        return cookie(token, lifetime);
    }

    /** The {@code Set-Cookie} that makes the browser forget the token (RFC 6265 §5.3, an expiry in the past). */
    public ResponseCookie cleared() {
        return cookie("", Duration.ZERO);
    }

    private ResponseCookie cookie(String value, Duration maxAge) {
        String name = properties.name();
        if (name == null) {
            throw new IllegalStateException("gateway.auth.cookie.name is not set");
        }
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(properties.secure())
                .sameSite(properties.sameSite().attribute())
                .path("/")
                .maxAge(maxAge)
                .build();
    }
}
