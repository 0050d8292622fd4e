package io.jwtgateway.gateway.verify;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;
import static org.springframework.http.HttpHeaders.WWW_AUTHENTICATE;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jwtgateway.gateway.testing.BufferLeaks;
import io.jwtgateway.gateway.testing.IdentityProvider;
import io.jwtgateway.gateway.testing.IdentityProvider.Realm;
import io.jwtgateway.gateway.testing.IdentityProvider.SigningKey;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * How a trusted issuer's JWKS is kept, seen from outside: fetched in the background at startup, refreshed on its
 * interval, refetched once for an unknown {@code kid} but never more often than the refetch interval, and kept
 * through an outage. Each test trusts its own realm, so their fetch counts do not mix.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "gateway.auth.hmac-secret=" + TestTokens.SECRET)
@AutoConfigureWebTestClient
@DirtiesContext                                         // stops the refreshers of this context's issuers
@ExtendWith(BufferLeaks.class)
class RemoteJwksTests {

    static final Duration SHORT_REFRESH = Duration.ofMillis(300);
    /** Generous: the machines that run these tests may be busy. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Well under the 5 s JWKS fetch timeout: an answer this quick did not wait for a fetch. */
    static final Duration FAST = Duration.ofSeconds(3);

    static final WireMockServer backend = new WireMockServer(wireMockConfig().dynamicPort());
    static final IdentityProvider idp = new IdentityProvider();

    static final Realm startup = idp.realm("startup");
    static final Realm rotating = idp.realm("rotating");
    static final Realm flooded = idp.realm("flooded");
    static final Realm failing = idp.realm("failing");
    static final Realm resetting = idp.realm("resetting");
    static final Realm down = idp.realm("down");
    static final Realm refreshed = idp.realm("refreshed");
    static final Realm slow = idp.realm("slow");
    static final Realm emptied = idp.realm("emptied");
    static final Realm garbled = idp.realm("garbled");

    static final SigningKey KEY_A = SigningKey.rsa("key-a");
    static final SigningKey KEY_B = SigningKey.ec("key-b");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        backend.start();
        backend.stubFor(any(anyUrl()).willReturn(ok("from backend")));
        registry.add("gateway.backend.uris", backend::baseUrl);
        idp.start();
        List<Realm> realms = List.of(startup, rotating, flooded, failing, resetting, down, refreshed, slow, emptied,
                garbled);
        for (int i = 0; i < realms.size(); i++) {
            realms.get(i).properties(i).forEach((name, value) -> registry.add(name, () -> value));
            if (realms.get(i) != down) {
                realms.get(i).publish(KEY_A.jwk());
            }
        }
        down.failWithServerError();
        for (Realm shortRefresh : List.of(failing, resetting, refreshed, slow, emptied, garbled)) {
            int index = realms.indexOf(shortRefresh);
            registry.add("gateway.auth.trusted-issuers[" + index + "].jwks-refresh-interval", SHORT_REFRESH::toString);
        }
    }

    @AfterAll
    static void stopServers() {
        backend.stop();
        idp.stop();
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void startupWhenGatewayReadyThenJwksFetchedInBackgroundAndRequestsDoNotFetch() {
        await().atMost(PATIENCE).until(() -> startup.fetches() == 1);          // no request has been sent

        accept(KEY_A.token(startup.issuer()).sign());

        startup.verifyFetches(1);
    }

    @Test
    void tokenWhenKidUnknownThenJwksRefetchedExactlyOnceAndTokenAccepted() {
        awaitKeysOf(rotating);
        rotating.publish(KEY_A.jwk(), KEY_B.jwk());                            // the provider rotates in key B

        accept(KEY_B.token(rotating.issuer()).sign());
        rotating.verifyFetches(2);

        accept(KEY_B.token(rotating.issuer()).sign());                         // B is known now: no fetch
        refuse(withRandomKid(KEY_B).token(rotating.issuer()).sign(), "The token signing key is unknown");
        rotating.verifyFetches(2);                                             // within the refetch interval
    }

    @Test
    void tokensWhenFiftyRandomKidsAtOnceThenAllRefusedAndAtMostOneRefetch() {
        awaitKeysOf(flooded);
        int before = flooded.fetches();
        WebClient http = WebClient.create("http://localhost:" + port);

        List<HttpStatusCode> statuses = Flux.range(0, 50)
                .map(i -> withRandomKid(KEY_A).token(flooded.issuer()).sign())
                .flatMap(token -> http.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode())))
                .collectList()
                .block(PATIENCE.multipliedBy(2));

        assertThat(statuses).hasSize(50).allMatch(status -> status.value() == 401);
        assertThat(flooded.fetches() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void tokenWhenJwksAnswers500AfterSuccessThenLastKeysStillAccepted() {
        awaitKeysOf(failing);
        failing.failWithServerError();
        int before = failing.fetches();

        await().atMost(PATIENCE).until(() -> failing.fetches() >= before + 2);  // refreshes ran, and failed

        accept(KEY_A.token(failing.issuer()).sign());                          // a fresh token: no cache hit
    }

    @Test
    void tokenWhenJwksConnectionResetAfterSuccessThenLastKeysStillAccepted() {
        awaitKeysOf(resetting);
        resetting.failWithConnectionReset();
        int before = resetting.fetches();

        await().atMost(PATIENCE).until(() -> resetting.fetches() >= before + 2);

        accept(KEY_A.token(resetting.issuer()).sign());
    }

    @Test
    void tokenWhenJwksHangsBeyondFetchTimeoutThenKnownKeysServedWithoutWaiting() {
        awaitKeysOf(slow);
        slow.answerAfter(Duration.ofSeconds(8));              // past the 5 s fetch timeout
        int before = slow.fetches();
        await().atMost(PATIENCE).until(() -> slow.fetches() > before);         // a refresh hangs on the provider

        long started = System.nanoTime();
        accept(KEY_A.token(slow.issuer()).sign());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAST);

        await().atMost(PATIENCE).until(() -> slow.fetches() >= before + 2);     // it timed out, the next one began
        accept(KEY_A.token(slow.issuer()).sign());
    }

    @Test
    void tokenWhenJwksAnswersNonJwksBodyThenLastKeysStillAccepted() {
        awaitKeysOf(garbled);
        garbled.answer("{\"error\":\"maintenance\"}");
        int before = garbled.fetches();

        await().atMost(PATIENCE).until(() -> garbled.fetches() >= before + 2);

        accept(KEY_A.token(garbled.issuer()).sign());
    }

    @Test
    void tokenWhenProviderPublishesEmptyKeySetThenItsLastKeysAreWithdrawn() {
        awaitKeysOf(emptied);
        emptied.answer("{\"keys\":[]}");                                     // RFC 7517 §5 allows an empty set
        int before = emptied.fetches();

        await().atMost(PATIENCE).until(() -> emptied.fetches() >= before + 2);

        refuse(KEY_A.token(emptied.issuer()).sign(), "The token signing key is unknown");
    }

    @Test
    void tokenWhenJwksNeverFetchedThenRefusedFastWithoutAcceptingAny() {
        await().atMost(PATIENCE).until(() -> down.fetches() >= 1);             // the startup fetch failed

        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            refuse(KEY_A.token(down.issuer()).sign(), "The token signing key is unknown");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAST);
        }
        assertThat(down.fetches()).isLessThanOrEqualTo(2);                     // startup, and one refetch
    }

    @Test
    void jwksWhenRefreshIntervalPassesThenFetchedAgainAndRotationApplied() {
        await().atMost(PATIENCE).until(() -> refreshed.fetches() >= 3);        // no request has been sent

        refreshed.publish(KEY_B.jwk());                                        // key A retired, key B introduced
        int before = refreshed.fetches();
        await().atMost(PATIENCE).until(() -> refreshed.fetches() >= before + 2);

        accept(KEY_B.token(refreshed.issuer()).sign());
        refuse(KEY_A.token(refreshed.issuer()).sign(), "The token signing key is unknown");
    }

    /** Waits for the startup fetch, and shows its key works. */
    private void awaitKeysOf(Realm realm) {
        await().atMost(PATIENCE).until(() -> realm.fetches() >= 1);
        accept(KEY_A.token(realm.issuer()).sign());
    }

    private void accept(String token) {
        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody(Void.class);
    }

    private void refuse(String token, String description) {
        client.get().uri("/api/v3/secret").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(WWW_AUTHENTICATE, v -> assertThat(v)
                        .contains("error_description=\"" + description + "\""))
                .expectBody(Void.class);
    }

    private static SigningKey withRandomKid(SigningKey key) {
        return new SigningKey(UUID.randomUUID().toString(), key.alg(), key.pair());
    }
}
