package io.jwtgateway.gateway.config;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tokens in a cookie, for browser clients that keep the token away from page scripts ({@code gateway.auth.cookie.*}).
 * Off while {@code name} is unset.
 *
 * @param name       the cookie that may carry the token of a request without {@code Authorization}; unset: off
 * @param setOnIssue whether {@code /api/v3/auth} sets the cookie along with its JSON answer
 * @param secure     the cookie's {@code Secure} attribute; false only for local use over plain HTTP
 * @param sameSite   the cookie's {@code SameSite} attribute; {@code none} needs {@code secure}
 * @param forward    whether the cookie travels on to the backend; by default it is taken off the backend request
 */
@Validated
@ConfigurationProperties("gateway.auth.cookie")
public record CookieProperties(
        @Nullable String name,
        boolean setOnIssue,
        @DefaultValue("true") boolean secure,
        @DefaultValue("strict") SameSite sameSite,
        boolean forward) {

    /** RFC 6265 §4.1.1: a cookie name is an RFC 9110 token. */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    public CookieProperties {
        ConfigurationProblems problems = new ConfigurationProblems();
        if (name != null && !name.matches(TOKEN)) {
            problems.add("gateway.auth.cookie.name", "must be a cookie name (letters, digits and !#$%&'*+.^_`|~-)");
        }
        if (name == null && (setOnIssue || forward)) {
            problems.add("gateway.auth.cookie.name", "must be set when gateway.auth.cookie.set-on-issue or "
                    + "gateway.auth.cookie.forward is");
        }
        if (sameSite == SameSite.NONE && !secure) {
            problems.add("gateway.auth.cookie.same-site", "none needs gateway.auth.cookie.secure=true: browsers "
                    + "drop a SameSite=None cookie that is not Secure");
        }
        problems.throwIfAny();
    }

    /** Whether tokens may come in a cookie at all. */
    public boolean enabled() {
        return name != null;
    }

    /** The {@code SameSite} attribute (RFC 6265bis §4.1.2.7). */
    public enum SameSite {
        STRICT, LAX, NONE;

        /** The attribute's value as written in {@code Set-Cookie}: {@code Strict}, {@code Lax}, {@code None}. */
        public String attribute() {
            String lower = name().toLowerCase(Locale.ROOT);
            return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
        }
    }
}
