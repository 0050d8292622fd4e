package io.jwtgateway.gateway.browser;

import io.jwtgateway.gateway.config.CookieProperties;
import io.jwtgateway.gateway.config.CookieProperties.SameSite;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;

/** Reaches the package-private constructors of the browser options, as the defaults leave them: off. */
public final class BrowserOptions {

    private BrowserOptions() {
    }

    /** No token cookie ({@code gateway.auth.cookie.name} unset). */
    public static TokenCookie noCookie() {
        return new TokenCookie(new CookieProperties(null, false, true, SameSite.STRICT, false));
    }

    /** No CORS configuration: only the gateway's own origin is trusted. */
    public static TrustedOrigins ownOriginOnly() {
        return new TrustedOrigins(new CorsPolicies(new GlobalCorsProperties()));
    }
}
