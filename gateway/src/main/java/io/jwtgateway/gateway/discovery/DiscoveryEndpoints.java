package io.jwtgateway.gateway.discovery;

import static org.springframework.web.reactive.function.server.RequestPredicates.method;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.DpopProperties;
import io.jwtgateway.gateway.http.EndpointPaths;
import io.jwtgateway.gateway.http.ExactPaths;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import io.jwtgateway.gateway.verify.AssertionKey;
import io.jwtgateway.gateway.verify.SigningKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Publishes what a resource server needs to verify the gateway's tokens on its own: the JWK set
 * ({@code /.well-known/jwks.json}, RFC 7517 §5) and the authorization server metadata
 * ({@code /.well-known/oauth-authorization-server}, RFC 8414 §3). Served by the gateway itself, ahead of its routes,
 * so the global filter never sees them; both are public by nature.
 *
 * <p>A Spring Security resource server finds both from {@code issuer-uri} alone when {@code gateway.auth.issuer} is
 * the URL it reaches the gateway at: it asks for {@code openid-configuration} first and moves on after our 404. It
 * accepts RSA and EC keys only, so EdDSA tokens need another verifier, and HS* tokens publish no key at all. The set
 * also holds the public key of the identity assertions backends receive ({@link AssertionKey}).
 */
@Configuration(proxyBeanMethods = false)
class DiscoveryEndpoints {

    /** RFC 7517 §8.5.1; Spring Security asks for it (and for application/json), Nimbus reads either. */
    static final MediaType JWK_SET_JSON = MediaType.parseMediaType("application/jwk-set+json");

    /** Keys change only at a restart or rotation; five minutes bounds how long a cache shows a rotated key set. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final JwkSet jwkSet;
    private final IssuerLocation location;
    private final String issuer;
    private final List<String> algorithms;
    private final List<String> dpopAlgorithms;
    private final RefusalWriter refusals;

    DiscoveryEndpoints(SigningKeys signingKeys, AssertionKey assertionKey, AuthProperties properties,
            DpopProperties dpop, RefusalWriter refusals) {
        this.jwkSet = new JwkSet(Stream.concat(signingKeys.publicJwks().stream(), Stream.of(assertionKey.publicJwk()))
                .toList());
        this.location = IssuerLocation.of(properties.issuer());
        this.issuer = properties.issuer();
        this.algorithms = algorithms(signingKeys);
        this.dpopAlgorithms = dpop.algorithms();
        this.refusals = refusals;
    }

    @Bean
    RouterFunction<ServerResponse> discoveryRoutes() {
        RequestPredicate jwks = path(EndpointPaths.JWKS);
        RequestPredicate metadata = new ExactPaths(location.metadataPaths());
        RequestPredicate read = method(HttpMethod.GET).or(method(HttpMethod.HEAD));
        return RouterFunctions.route(jwks.and(read), this::jwks)
                .andRoute(metadata.and(read), this::metadata)
                .andRoute(jwks.or(metadata), this::methodNotAllowed);
    }

    private Mono<ServerResponse> jwks(ServerRequest request) {
        return ServerResponse.ok()
                .contentType(JWK_SET_JSON)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .bodyValue(jwkSet);
    }

    private Mono<ServerResponse> metadata(ServerRequest request) {
        String base = location.base(request.uri());
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .bodyValue(AuthorizationServerMetadata.of(issuer, base, algorithms, dpopAlgorithms));
    }

    private Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
        return refusals.methodNotAllowed("This document is read with GET", HttpMethod.GET, HttpMethod.HEAD);
    }

    /** The algorithm tokens are signed with now, then those of retired keys still published. */
    private static List<String> algorithms(SigningKeys signingKeys) {
        return Stream.concat(
                Stream.of(signingKeys.algorithm()),
                signingKeys.publicJwks().stream().map(jwk -> String.valueOf(jwk.get("alg"))))
                .distinct()
                .toList();
    }

    /**
     * An RFC 7517 §5 JWK set: public keys only, the token keys current first (none for HS*, whose key is a shared
     * secret), then the key of identity assertions, which backends verify and the gateway never takes a token of.
     *
     * @param keys the public JWKs
     */
    record JwkSet(List<Map<String, Object>> keys) {
    }
}
