package io.jwtgateway.gateway.token;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jwtgateway.gateway.refusal.AuthError;
import org.jspecify.annotations.Nullable;

/**
 * The token endpoint's body, in the seed's envelope: {@code {"data": {"code", "message", ...}}}.
 *
 * @param data the outcome
 */
record TokenResponse(Data data) {

    static final String CREATED = "Your token is created successfully";

    static TokenResponse created(IssuedToken issued) {
        return new TokenResponse(new Data(200, CREATED, null, issued.token(), issued.type(), issued.expiresAt(),
                issued.expiresIn(), null, null));
    }

    static TokenResponse error(AuthError error, @Nullable String requestId, @Nullable String traceId) {
        return new TokenResponse(new Data(error.status().value(), error.description(), error.code(), null, null, null,
                null, requestId, traceId));
    }

    /**
     * The envelope's content; the token fields are present only on success.
     *
     * @param code         the HTTP status, repeated
     * @param message      what happened
     * @param error        on errors, the RFC 6749 §5.2 or RFC 9449 code, such as {@code use_dpop_nonce}
     * @param token        the JWT
     * @param tokenType    {@code Bearer} (RFC 6750), or {@code DPoP} for a token bound to a DPoP key (RFC 9449)
     * @param expirationAt the token's {@code exp}, ISO-8601
     * @param expiresIn    seconds until then (RFC 6749 §5.1)
     * @param requestId    the {@code X-Request-Id}, on errors only
     * @param traceId      the id of the request's trace, on errors while tracing is on
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Data(int code, String message, @Nullable String error, @Nullable String token,
            @JsonProperty("token_type") @Nullable String tokenType,
            @JsonProperty("expiration_at") @Nullable Instant expirationAt,
            @JsonProperty("expires_in") @Nullable Long expiresIn,
            @JsonProperty("request_id") @Nullable String requestId,
            @JsonProperty("trace_id") @Nullable String traceId) {

        @Override
        public String toString() {                      // the token is a credential
            return "Data[code=%d, message=%s, expirationAt=%s]".formatted(code, message, expirationAt);
        }
    }
}
