package io.jwtgateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import reactor.test.StepVerifier;

class RequirementTests {

    static final Instant EXPIRES_AT = Instant.parse("2030-01-01T00:05:00Z");

    // --- from ---

    @Test
    void fromWhenAuthPublicThenPublic() {
        Requirement requirement = Requirement.from(Map.of("auth", "public"));

        assertThat(requirement.isPublic()).isTrue();
        assertThat(requirement.roles()).isEmpty();
    }

    @Test
    void fromWhenAuthAuthenticatedThenAuthenticatedWithoutRoles() {
        Requirement requirement = Requirement.from(Map.of("auth", "authenticated"));

        assertThat(requirement.isPublic()).isFalse();
        assertThat(requirement.roles()).isEmpty();
    }

    @Test
    void fromWhenMetadataEmptyThenAuthenticated() {
        Requirement requirement = Requirement.from(Map.of());

        assertThat(requirement.isPublic()).isFalse();
        assertThat(requirement.roles()).isEmpty();
    }

    @Test
    void fromWhenOnlyRolesGivenThenAuthenticatedWithRoles() {
        Requirement requirement = Requirement.from(Map.of("roles", List.of("admin")));

        assertThat(requirement.isPublic()).isFalse();
        assertThat(requirement.roles()).containsExactly("admin");
    }

    @Test
    void fromWhenRolesCommaSeparatedStringThenEachRole() {
        Requirement requirement = Requirement.from(Map.of("auth", "authenticated", "roles", "a,b"));

        assertThat(requirement.roles()).containsExactly("a", "b");
    }

    @Test
    void fromWhenRolesStringHasSpacesThenTrimmed() {
        Requirement requirement = Requirement.from(Map.of("roles", " a , b "));

        assertThat(requirement.roles()).containsExactly("a", "b");
    }

    @Test
    void fromWhenRolesListThenEachRole() {
        Requirement requirement = Requirement.from(Map.of("auth", "authenticated", "roles", List.of("a", "b")));

        assertThat(requirement.roles()).containsExactly("a", "b");
    }

    @Test
    void fromWhenRolesIndexedMapThenEachRole() {
        Map<String, Object> indexed = new LinkedHashMap<>();              // how a YAML list binds into metadata
        indexed.put("0", "a");
        indexed.put("1", "b");

        Requirement requirement = Requirement.from(Map.of("auth", "authenticated", "roles", indexed));

        assertThat(requirement.roles()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void fromWhenRolesEmptyListThenRejectedRatherThanOpenToAnyToken() {
        Map<String, Object> metadata = Map.of("roles", List.of());

        assertThatExceptionOfType(Requirement.UnclearPolicy.class)
                .isThrownBy(() -> Requirement.from(metadata))
                .satisfies(ex -> assertThat(ex.key()).isEqualTo("roles"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", "admin,"})
    void fromWhenRolesStringNamesAnEmptyRoleThenRejected(String roles) {   // YAML's "roles: []" arrives as ""
        Map<String, Object> metadata = Map.of("roles", roles);

        assertThatExceptionOfType(Requirement.UnclearPolicy.class)
                .isThrownBy(() -> Requirement.from(metadata))
                .satisfies(ex -> assertThat(ex.key()).isEqualTo("roles"));
    }

    @Test
    void fromWhenScopesEmptyThenRejected() {
        Map<String, Object> metadata = Map.of("scopes", "");

        assertThatExceptionOfType(Requirement.UnclearPolicy.class)
                .isThrownBy(() -> Requirement.from(metadata))
                .satisfies(ex -> assertThat(ex.key()).isEqualTo("scopes"));
    }

    @Test
    void fromWhenDpopRequiredThenAuthenticatedWithBoundTokensOnly() {
        assertThat(Requirement.from(Map.of("dpop", "required")).dpop()).isTrue();
        assertThat(Requirement.from(Map.of("dpop", "optional"))).isEqualTo(Requirement.AUTHENTICATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "Required", "yes"})
    void fromWhenDpopNeitherRequiredNorOptionalThenRejected(String dpop) {
        assertThatExceptionOfType(Requirement.UnclearPolicy.class)
                .isThrownBy(() -> Requirement.from(Map.of("dpop", dpop)))
                .withMessage("metadata 'dpop' must be 'required' or 'optional'");
    }

    @Test
    void fromWhenPublicWithDpopRequiredThenRejected() {
        assertThatExceptionOfType(Requirement.UnclearPolicy.class)
                .isThrownBy(() -> Requirement.from(Map.of("auth", "public", "dpop", "required")));
    }

    @Test
    void fromWhenAuthUnknownThenRejected() {
        Map<String, Object> metadata = Map.of("auth", "publik");

        assertThatIllegalArgumentException().isThrownBy(() -> Requirement.from(metadata));
    }

    @Test
    void fromWhenAuthDiffersInCaseThenRejected() {
        Map<String, Object> metadata = Map.of("auth", "Public");

        assertThatIllegalArgumentException().isThrownBy(() -> Requirement.from(metadata));
    }

    @Test
    void fromWhenAuthNotStringThenRejected() {
        Map<String, Object> metadata = Map.of("auth", true);

        assertThatIllegalArgumentException().isThrownBy(() -> Requirement.from(metadata));
    }

    @Test
    void fromWhenPublicWithRolesThenRejected() {
        Map<String, Object> metadata = Map.of("auth", "public", "roles", List.of("admin"));

        assertThatIllegalArgumentException().isThrownBy(() -> Requirement.from(metadata));
    }

    @Test
    void fromWhenRoleNameHasSpaceThenRejected() {
        Map<String, Object> metadata = Map.of("roles", List.of("super admin"));

        assertThatIllegalArgumentException().isThrownBy(() -> Requirement.from(metadata));
    }

    @Test
    void fromWhenRoleNameHasQuoteThenRejected() {
        Map<String, Object> metadata = Map.of("roles", List.of("admin\""));

        assertThatIllegalArgumentException().isThrownBy(() -> Requirement.from(metadata));
    }

    @Test
    void fromWhenRoleNameEmptyThenRejected() {
        Map<String, Object> metadata = Map.of("roles", "admin,,user");

        assertThatIllegalArgumentException().isThrownBy(() -> Requirement.from(metadata));
    }

    @Test
    void fromWhenRoleNameLongerThan64ThenRejected() {
        Map<String, Object> metadata = Map.of("roles", List.of("r".repeat(65)));

        assertThatIllegalArgumentException().isThrownBy(() -> Requirement.from(metadata));
    }

    @Test
    void fromWhenRolesNeitherStringNorListThenRejected() {
        Map<String, Object> metadata = Map.of("roles", 42);

        assertThatIllegalArgumentException().isThrownBy(() -> Requirement.from(metadata));
    }

    // --- admit ---

    @Test
    void admitWhenRoleMissingThenInsufficientScope() {
        Requirement requirement = Requirement.from(Map.of("roles", List.of("admin")));
        VerifiedToken token = token("user");

        StepVerifier.create(requirement.admit(token))
                .expectErrorSatisfies(ex -> {
                    assertThat(ex).isInstanceOf(AuthException.class);
                    AuthException refusal = (AuthException) ex;
                    assertThat(refusal.error().status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(refusal.error().code()).isEqualTo("insufficient_scope");
                })
                .verify();
    }

    @Test
    void admitWhenOneOfSeveralRolesMissingThenInsufficientScope() {
        Requirement requirement = Requirement.from(Map.of("roles", List.of("user", "admin")));
        VerifiedToken token = token("user");

        StepVerifier.create(requirement.admit(token))
                .expectErrorSatisfies(ex -> {
                    assertThat(ex).isInstanceOf(AuthException.class);
                    assertThat(((AuthException) ex).error().code()).isEqualTo("insufficient_scope");
                })
                .verify();
    }

    @Test
    void admitWhenAllRolesPresentThenToken() {
        Requirement requirement = Requirement.from(Map.of("roles", List.of("user", "admin")));
        VerifiedToken token = token("admin", "user", "auditor");

        StepVerifier.create(requirement.admit(token))
                .expectNext(token)
                .verifyComplete();
    }

    @Test
    void admitWhenNoRolesRequiredThenTokenWithoutRoles() {
        Requirement requirement = Requirement.from(Map.of("auth", "authenticated"));
        VerifiedToken token = token();

        StepVerifier.create(requirement.admit(token))
                .expectNext(token)
                .verifyComplete();
    }

    @Test
    void admitWhenRoleDiffersInCaseThenInsufficientScope() {
        Requirement requirement = Requirement.from(Map.of("roles", List.of("admin")));
        VerifiedToken token = token("Admin");

        StepVerifier.create(requirement.admit(token))
                .expectErrorSatisfies(ex -> assertThat(((AuthException) ex).error().code())
                        .isEqualTo("insufficient_scope"))
                .verify();
    }

    // --- audience ---

    @Test
    void fromWhenLoadBalancedUriThenItsServiceAccepted() {
        Requirement requirement = Requirement.from(Map.of(), URI.create("lb://inventory"));

        assertThat(requirement.service()).isEqualTo("inventory");
    }

    @Test
    void fromWhenAudienceOnPlainUriThenThatServiceAccepted() {
        Requirement requirement = Requirement.from(Map.of("audience", "inventory"), URI.create("http://10.0.0.5"));

        assertThat(requirement.service()).isEqualTo("inventory");
    }

    @Test
    void fromWhenAudienceNamesAnotherServiceThanUriThenUnclear() {
        assertThat(Requirement.unclear(Map.of("audience", "orders"), URI.create("lb://inventory")))
                .extracting(Requirement.UnclearPolicy::key)
                .containsExactly("audience");
    }

    @Test
    void fromWhenAudienceOnPublicRouteThenUnclear() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Requirement.from(Map.of("auth", "public", "audience", "inventory")));
    }

    @Test
    void admitWhenTokenAddressedToRouteServiceThenAdmitted() {
        Requirement requirement = Requirement.from(Map.of(), URI.create("lb://inventory"));
        VerifiedToken token = addressedTo("inventory");

        StepVerifier.create(requirement.admit(token))
                .expectNext(token)
                .verifyComplete();
    }

    @Test
    void admitWhenTokenAddressedToAnotherServiceThenInvalidToken() {
        Requirement requirement = Requirement.from(Map.of(), URI.create("lb://backend"));

        StepVerifier.create(requirement.admit(addressedTo("inventory")))
                .expectErrorSatisfies(ex -> {
                    assertThat(((AuthException) ex).error().status()).isEqualTo(HttpStatus.UNAUTHORIZED);
                    assertThat(((AuthException) ex).error().code()).isEqualTo("invalid_token");
                })
                .verify();
    }

    @Test
    void admitWhenRouteOfNoServiceAndTokenAddressedToOneThenInvalidToken() {
        StepVerifier.create(Requirement.ADMIN.admit(addressedTo("backend")))
                .expectErrorSatisfies(ex -> assertThat(((AuthException) ex).error().code())
                        .isEqualTo("invalid_token"))
                .verify();
    }

    @Test
    void admitWhenTokenForEveryRouteThenAdmittedOnAServiceRoute() {
        Requirement requirement = Requirement.from(Map.of(), URI.create("lb://inventory"));
        VerifiedToken token = token();

        StepVerifier.create(requirement.admit(token))
                .expectNext(token)
                .verifyComplete();
    }

    private static VerifiedToken token(String... roles) {
        return new VerifiedToken("jwt-gateway", "alice", List.of(roles), List.of(), "token-1", null, EXPIRES_AT, null,
                null, null, null, null);
    }

    private static VerifiedToken addressedTo(String service) {
        return new VerifiedToken("jwt-gateway", "alice", List.of("admin"), List.of(), "token-1", null, EXPIRES_AT,
                null, null, null, service, null);
    }
}
