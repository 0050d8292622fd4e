package io.jwtgateway.gateway.refusal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import io.jwtgateway.gateway.observe.AuthOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.test.StepVerifier;

class AuthErrorTests {

    static final String REALM = "jwt-gateway";

    @Test
    void challengeWhenTokenMissingThenRealmOnly() {
        AuthError error = AuthError.missingToken();

        String challenge = error.challenge(REALM, "ES256");

        assertThat(challenge).isEqualTo("Bearer realm=\"jwt-gateway\"");
    }

    @Test
    void challengeWhenTokenMissingThenNoErrorAttributes() {
        AuthError error = AuthError.missingToken();

        String challenge = error.challenge(REALM, "ES256");

        assertThat(challenge).doesNotContain("error=").doesNotContain("error_description=");
    }

    @Test
    void challengeWhenTokenInvalidThenErrorAndDescription() {
        AuthError error = AuthError.invalidSignature();

        String challenge = error.challenge(REALM, "ES256");

        assertThat(challenge).isEqualTo("Bearer realm=\"jwt-gateway\", error=\"invalid_token\", "
                + "error_description=\"The token signature is invalid\"");
    }

    @Test
    void challengeWhenTokenExpiredThenInvalidTokenError() {
        AuthError error = AuthError.expiredToken();

        String challenge = error.challenge(REALM, "ES256");

        assertThat(challenge).startsWith("Bearer realm=\"jwt-gateway\", ")
                .contains("error=\"invalid_token\"")
                .contains("error_description=\"" + error.description() + "\"");
    }

    @Test
    void challengeWhenRoleMissingThenInsufficientScopeError() {
        AuthError error = AuthError.insufficientScope("admin");

        String challenge = error.challenge(REALM, "ES256");

        assertThat(challenge).startsWith("Bearer realm=\"jwt-gateway\", ")
                .contains("error=\"insufficient_scope\"")
                .contains("error_description=\"" + error.description() + "\"");
    }

    @Test
    void challengeWhenRequestInvalidThenInvalidRequestError() {
        AuthError error = AuthError.invalidRequest("Send exactly one Authorization header");

        String challenge = error.challenge(REALM, "ES256");

        assertThat(challenge).startsWith("Bearer realm=\"jwt-gateway\", ")
                .contains("error=\"invalid_request\"")
                .contains("error_description=\"Send exactly one Authorization header\"");
    }

    @Test
    void challengeWhenOtherRealmThenNamesIt() {
        AuthError error = AuthError.missingToken();

        String challenge = error.challenge("backends", "ES256");

        assertThat(challenge).isEqualTo("Bearer realm=\"backends\"");
    }

    @Test
    void missingTokenWhenCreatedThenUnauthorizedWithoutCode() {
        AuthError error = AuthError.missingToken();

        assertThat(error.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(error.code()).isNull();
    }

    @Test
    void invalidTokenWhenCreatedThenUnauthorizedInvalidToken() {
        AuthError error = AuthError.malformedToken();

        assertThat(error.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(error.code()).isEqualTo("invalid_token");
    }

    @Test
    void expiredTokenWhenCreatedThenUnauthorizedInvalidToken() {
        AuthError error = AuthError.expiredToken();

        assertThat(error.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(error.code()).isEqualTo("invalid_token");
    }

    @Test
    void insufficientScopeWhenCreatedThenForbidden() {
        AuthError error = AuthError.insufficientScope("admin");

        assertThat(error.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(error.code()).isEqualTo("insufficient_scope");
    }

    @Test
    void invalidRequestWhenCreatedThenBadRequest() {
        AuthError error = AuthError.invalidRequest("The JSON body is malformed");

        assertThat(error.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(error.code()).isEqualTo("invalid_request");
    }

    @Test
    void rejectWhenSubscribedThenAuthExceptionCarryingTheError() {
        AuthError error = AuthError.insufficientScope("admin");

        StepVerifier.create(error.reject())
                .expectErrorSatisfies(ex -> {
                    assertThat(ex).isInstanceOf(AuthException.class);
                    assertThat(((AuthException) ex).error()).isEqualTo(error);
                })
                .verify();
    }

    @Test
    void outcomeWhenCreatedByFactoryThenNamesTheReason() {
        assertThat(AuthError.missingToken().outcome()).isEqualTo(AuthOutcome.MISSING);
        assertThat(AuthError.expiredToken().outcome()).isEqualTo(AuthOutcome.EXPIRED);
        assertThat(AuthError.revokedToken().outcome()).isEqualTo(AuthOutcome.REVOKED);
        assertThat(AuthError.revocationUnavailable().outcome()).isEqualTo(AuthOutcome.UNAVAILABLE);
        assertThat(AuthError.invalidRequest("Send exactly one Authorization header").outcome())
                .isEqualTo(AuthOutcome.INVALID_REQUEST);
        assertThat(AuthError.insufficientScope("admin").outcome()).isEqualTo(AuthOutcome.FORBIDDEN);
        assertThat(AuthError.missingScope("reports:read").outcome()).isEqualTo(AuthOutcome.FORBIDDEN);
    }

    @Test
    void tagWhenAnyOutcomeThenLowerCaseNameUsableAsMetricTag() {
        for (AuthOutcome outcome : AuthOutcome.values()) {
            assertThat(outcome.tag()).matches("[a-z_]+").isEqualTo(outcome.name().toLowerCase(Locale.ROOT));
        }
    }
}
