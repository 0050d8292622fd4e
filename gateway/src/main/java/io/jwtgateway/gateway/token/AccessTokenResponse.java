package io.jwtgateway.gateway.token;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The successful response of RFC 6749 §5.1.
 *
 * @param accessToken the JWT
 * @param tokenType   {@code Bearer} (RFC 6750), or {@code DPoP} for a token bound to a DPoP key (RFC 9449 §5)
 * @param expiresIn   the token's lifetime in seconds
 * @param scope       the granted scopes, space-separated; absent when none (RFC 6749 §3.3)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AccessTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @Nullable String scope) {

    static AccessTokenResponse of(IssuedToken issued, List<String> scopes) {
        return new AccessTokenResponse(issued.token(), issued.type(), issued.expiresIn(),
                scopes.isEmpty() ? null : String.join(" ", scopes));
    }

    @Override
    public String toString() {                          // the token is a credential
        return "AccessTokenResponse[expiresIn=%d, scope=%s]".formatted(expiresIn, scope);
    }
}
