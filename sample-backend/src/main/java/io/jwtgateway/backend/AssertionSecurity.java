package io.jwtgateway.backend;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import reactor.core.publisher.Mono;

/**
 * Who may call this backend. By default anyone: it trusts the {@code X-Auth-*} headers because only the gateway can
 * reach it. With {@code REQUIRE_ASSERTION=true} it trusts them only beside the gateway's identity assertion: a JWT in
 * {@code X-Auth-Assertion}, verified with the gateway's public keys ({@code GATEWAY_JWKS_URI}), signed with ES256,
 * of type {@code gateway-assertion+jwt}, from {@code GATEWAY_ISSUER} (default {@code jwt-gateway}), for this service
 * ({@code SERVICE_NAME}) and unexpired; any request without one is a 401, whatever headers it forges. Health stays
 * open, for the gateway's health checks.
 */
@Configuration(proxyBeanMethods = false)
class AssertionSecurity {

    static final String HEADER = "X-Auth-Assertion";
    static final String TYPE = "gateway-assertion+jwt";

    @Bean
    @ConditionalOnProperty(name = "REQUIRE_ASSERTION", havingValue = "false", matchIfMissing = true)
    SecurityWebFilterChain openToAll(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .headers(headers -> headers.disable())
                .build();
    }

    @Bean
    @ConditionalOnProperty(name = "REQUIRE_ASSERTION", havingValue = "true")
    SecurityWebFilterChain assertionRequired(ServerHttpSecurity http, ReactiveJwtDecoder assertions) {
        return http.authorizeExchange(exchanges -> exchanges
                .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .anyExchange().authenticated())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .headers(headers -> headers.disable())
                .oauth2ResourceServer(server -> server
                        .bearerTokenConverter(fromAssertionHeader())
                        .jwt(jwt -> jwt.jwtDecoder(assertions)))
                .build();
    }

    @Bean
    @ConditionalOnProperty(name = "REQUIRE_ASSERTION", havingValue = "true")
    ReactiveJwtDecoder assertions(@Value("${GATEWAY_JWKS_URI}") String jwksUri,
            @Value("${GATEWAY_ISSUER:jwt-gateway}") String issuer, ServiceName service) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwksUri)
                .jwsAlgorithm(SignatureAlgorithm.ES256)         // asymmetric only: no backend can make one
                .validateType(false)                            // checked below, for our type rather than JWT
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(),                    // exp and nbf, with 60 s of skew
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(service.value()),
                new JwtTypeValidator(TYPE))));                  // Spring's defaults want JWT, an access token's
        return decoder;
    }

    /** The assertion header as the credential, in place of {@code Authorization: Bearer}. */
    private static ServerAuthenticationConverter fromAssertionHeader() {
        return exchange -> Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(HEADER))
                .map(BearerTokenAuthenticationToken::new);
    }
}
