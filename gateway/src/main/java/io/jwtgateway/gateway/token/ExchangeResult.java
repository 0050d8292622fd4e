package io.jwtgateway.gateway.token;

import java.util.Locale;

import io.jwtgateway.gateway.refusal.AuthError;

/** How a token exchange ended: the {@code result} tag of {@code gateway_token_exchanges_total}. */
enum ExchangeResult {

    ISSUED,
    /** A parameter missing or of a value not supported (a token type), or an actor token refused. */
    INVALID_REQUEST,
    /** The client may not exchange tokens at all. */
    UNAUTHORIZED_CLIENT,
    /** A service the client may not exchange for, an unknown one, or a {@code resource}. */
    INVALID_TARGET,
    /** The subject token: invalid, expired, revoked, or ended by its client. */
    INVALID_GRANT,
    /** A scope the subject token does not hold. */
    INVALID_SCOPE,
    /** A DPoP proof missing where the client's tokens must be bound, or wrong. */
    INVALID_DPOP_PROOF,
    /** The revoked set or the proofs' replay cache could not be consulted. */
    UNAVAILABLE;

    private final String tag;

    ExchangeResult() {
        this.tag = name().toLowerCase(Locale.ROOT);
    }

    String tag() {
        return tag;
    }

    /** The result a refusal stands for, by its RFC 6749 §5.2 or RFC 8693 §2.2.2 error code. */
    static ExchangeResult of(AuthError refusal) {
        String code = refusal.code() == null ? "" : refusal.code();
        return switch (code) {
            case "unauthorized_client" -> UNAUTHORIZED_CLIENT;
            case "invalid_target" -> INVALID_TARGET;
            case "invalid_grant" -> INVALID_GRANT;
            case "invalid_scope" -> INVALID_SCOPE;
            case "invalid_dpop_proof", "use_dpop_nonce" -> INVALID_DPOP_PROOF;
            case "temporarily_unavailable" -> UNAVAILABLE;
            default -> INVALID_REQUEST;
        };
    }
}
