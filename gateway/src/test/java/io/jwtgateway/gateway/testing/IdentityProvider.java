package io.jwtgateway.gateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake external identity provider shaped like Keycloak: a WireMock server publishing one JWKS per realm, key pairs
 * that sign tokens, and the {@code gateway.auth.trusted-issuers} properties that trust a realm.
 */
public final class IdentityProvider {

    /** The issuer of the {@code test} realm, the one most tests trust. */
    public static final String ISSUER = "https://idp.example/realms/test";
    public static final String AUDIENCE = "api";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

    /** Starts the server; call from {@code @DynamicPropertySource}, before the gateway starts. */
    public IdentityProvider start() {
        if (!server.isRunning()) {
            server.start();
        }
        return this;
    }

    public void stop() {
        server.stop();
    }

    /** A realm: issuer {@code https://idp.example/realms/NAME}, its JWKS at Keycloak's certs path on this server. */
    public Realm realm(String name) {
        return new Realm(name);
    }

    /** An {@code oct} JWK: an HMAC secret published for all to see, which no verifier may ever trust. */
    public static Map<String, Object> octJwk(String kid, String secret) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "oct");
        jwk.put("kid", kid);
        jwk.put("alg", "HS256");
        jwk.put("use", "sig");
        jwk.put("k", Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        return jwk;
    }

    /** One realm of the provider; its stubs and request counts are its own. */
    public final class Realm {

        private final String issuer;
        private final String jwksPath;

        private Realm(String name) {
            this.issuer = "https://idp.example/realms/" + name;
            this.jwksPath = "/realms/" + name + "/protocol/openid-connect/certs";
        }

        public String issuer() {
            return issuer;
        }

        public String jwksPath() {
            return jwksPath;
        }

        public String jwksUri() {
            return server.baseUrl() + jwksPath;
        }

        /** Another URL on the provider's server, e.g. one an attacker names in a {@code jku} header. */
        public String urlOf(String path) {
            return server.baseUrl() + path;
        }

        /** How many requests the provider's server received at this path. */
        public int requestsTo(String path) {
            return server.findAll(getRequestedFor(urlEqualTo(path))).size();
        }

        /**
         * {@code gateway.auth.trusted-issuers[index]} trusting this realm, with roles in Keycloak's
         * {@code realm_access.roles}. A list binds from a single property source: register every entry in one place.
         */
        public Map<String, String> properties(int index) {
            String prefix = "gateway.auth.trusted-issuers[" + index + "].";
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put(prefix + "issuer", issuer);
            properties.put(prefix + "jwks-uri", jwksUri());
            properties.put(prefix + "audiences[0]", AUDIENCE);
            properties.put(prefix + "roles-claim", "realm_access.roles");
            return properties;
        }

        /** Publishes a JWKS of exactly these JWKs; the newest stub wins over what was published before. */
        @SafeVarargs
        public final void publish(Map<String, Object>... jwks) {
            String body = JSON.writeValueAsString(Map.of("keys", List.of(jwks)));
            server.stubFor(get(urlEqualTo(jwksPath)).willReturn(okJson(body)));
        }

        /** From now on the JWKS endpoint answers 200 with this body, JWKS or not. */
        public void answer(String body) {
            server.stubFor(get(urlEqualTo(jwksPath)).willReturn(okJson(body)));
        }

        /** From now on the JWKS endpoint answers 500. */
        public void failWithServerError() {
            server.stubFor(get(urlEqualTo(jwksPath)).willReturn(serverError()));
        }

        /** From now on the JWKS endpoint resets the connection. */
        public void failWithConnectionReset() {
            server.stubFor(
                    get(urlEqualTo(jwksPath)).willReturn(serverError().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        }

        /** From now on the JWKS endpoint answers only after {@code delay}. */
        public void answerAfter(Duration delay) {
            server.stubFor(get(urlEqualTo(jwksPath)).willReturn(ok().withFixedDelay((int) delay.toMillis())));
        }

        /** How many times the JWKS was asked for. */
        public int fetches() {
            return server.findAll(getRequestedFor(urlEqualTo(jwksPath))).size();
        }

        /** Asserts the JWKS was asked for exactly {@code count} times. */
        public void verifyFetches(int count) {
            server.verify(exactly(count), getRequestedFor(urlEqualTo(jwksPath)));
        }
    }

    /**
     * One key pair of the provider, with the {@code kid} and algorithm it publishes.
     *
     * @param kid  the {@code kid} in its JWK and in the header of the tokens it signs
     * @param alg  the JWA name in its JWK, and in the header of the tokens it signs
     * @param pair the key pair
     */
    public record SigningKey(String kid, String alg, KeyPair pair) {

        public static SigningKey rsa(String kid) {
            return new SigningKey(kid, "RS256", Jwts.SIG.RS256.keyPair().build());
        }

        public static SigningKey ec(String kid) {
            return new SigningKey(kid, "ES256", Jwts.SIG.ES256.keyPair().build());
        }

        /** The public JWK: {@code kty}, key material, {@code kid}, {@code alg} and {@code use: sig}. */
        public Map<String, Object> jwk() {
            return jwk("sig");
        }

        /** The public JWK with another {@code use}, e.g. {@code enc}. */
        public Map<String, Object> jwk(String use) {
            Map<String, Object> jwk = new LinkedHashMap<>();
            Jwks.builder().key(pair.getPublic()).build().forEach((name, value) -> jwk.put(name, String.valueOf(value)));
            jwk.put("kid", kid);
            jwk.put("alg", alg);
            jwk.put("use", use);
            return jwk;
        }

        /** The public JWK with {@code key_ops} (RFC 7517 §4.3) in place of {@code use}. */
        public Map<String, Object> jwkWithOperations(String... operations) {
            Map<String, Object> jwk = jwk();
            jwk.remove("use");
            jwk.put("key_ops", List.of(operations));
            return jwk;
        }

        /** The public JWK without {@code alg}, as some providers publish it: the algorithm follows from the key. */
        public Map<String, Object> jwkWithoutAlgorithm() {
            Map<String, Object> jwk = jwk();
            jwk.remove("alg");
            return jwk;
        }

        /** A token the {@code test} realm would issue; see {@link #token(String)}. */
        public TestTokens.Builder token() {
            return token(ISSUER);
        }

        /**
         * A token the gateway accepts from this issuer: {@code aud: api}, subject alice, realm role user, a fresh
         * {@code jti}, signed with this key and naming it in {@code kid}.
         */
        public TestTokens.Builder token(String issuer) {
            return new TestTokens().valid()
                    .header("alg", alg)
                    .header("kid", kid)
                    .claim("iss", issuer)
                    .claim("aud", AUDIENCE)
                    .without("roles")
                    .claim("realm_access", Map.of("roles", List.of("user")))
                    .claim("jti", UUID.randomUUID().toString())
                    .signedWith(pair.getPrivate());
        }

        @Override
        public String toString() {                      // the generated one would print the private key
            return "SigningKey[kid=" + kid + ", alg=" + alg + "]";
        }
    }
}
