package io.jwtgateway.gateway.token;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The successful response of RFC 8693 §2.2.1.
 *
 * @param accessToken     the JWT
 * @param issuedTokenType always {@code urn:ietf:params:oauth:token-type:access_token}
 * @param tokenType       {@code Bearer}, or {@code DPoP} for a token bound to a DPoP key (RFC 9449 §5)
 * @param expiresIn       the token's lifetime in seconds
 * @param scope           the granted scopes, space-separated; absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExchangeResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("issued_token_type") String issuedTokenType,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @Nullable String scope) {

    static ExchangeResponse of(IssuedToken issued, List<String> scopes) {
        return new ExchangeResponse(issued.token(), TokenExchangeGrant.ACCESS_TOKEN_TYPE, issued.type(),
                issued.expiresIn(), scopes.isEmpty() ? null : String.join(" ", scopes));
    }

    @Override
    public String toString() {                          // the token is a credential
        return "ExchangeResponse[expiresIn=%d, scope=%s]".formatted(expiresIn, scope);
    }
}
