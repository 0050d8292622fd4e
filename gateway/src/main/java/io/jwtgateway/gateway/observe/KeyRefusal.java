package io.jwtgateway.gateway.observe;

import java.util.Locale;

/**
 * Why an API key or client secret was refused, in a fixed vocabulary: the {@code reason} tag of
 * {@code gateway_api_key_failures_total}. The client is told none of it: every reason gets the same answer as a key
 * that matches nothing, so a caller cannot learn that a key exists, has expired or was revoked.
 */
public enum KeyRefusal {

    /** A key that matches no key of any client. */
    UNKNOWN,
    /** A key past its expiry. */
    EXPIRED,
    /** A key an operator revoked. */
    REVOKED,
    /** A key of a disabled client. */
    DISABLED,
    /** At {@code /oauth2/token}: a secret that is another client's key. */
    WRONG_CLIENT,
    /** At {@code /api/v3/auth}: the key of a client whose grant types leave out {@code api_key}. */
    GRANT_NOT_ALLOWED;

    private final String tag;

    KeyRefusal() {
        this.tag = name().toLowerCase(Locale.ROOT);
    }

    /** The lower-case name used as the metric tag, such as {@code expired}. */
    public String tag() {
        return tag;
    }
}
