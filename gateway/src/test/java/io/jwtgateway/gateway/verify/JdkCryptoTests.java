package io.jwtgateway.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JDK alone does the gateway's cryptography. BouncyCastle is not on the classpath, where JJWT would quietly try
 * it as a second parser for a key the JDK refused, keys from an untrusted JWKS included; and every asymmetric
 * algorithm a trusted issuer may sign with goes from a published JWK set, read as the gateway reads one, to a
 * verified token on the JDK's providers.
 */
class JdkCryptoTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void classpathWhenGatewayBuiltThenNoBouncyCastleAndNoSuchProvider() {
        assertThatExceptionOfType(ClassNotFoundException.class)
                .isThrownBy(() -> Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider"));
        assertThat(Arrays.stream(Security.getProviders()).map(Provider::getName)).doesNotContain("BC", "BCFIPS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
    void jwksKeyWhenReadAsTheGatewayReadsOneThenVerifiesTokenOnTheJdkAlone(String algorithm) {
        SignatureAlgorithm signature = (SignatureAlgorithm) Jwts.SIG.get().get(algorithm);
        KeyPair pair = signature.keyPair().build();
        Map<String, Object> jwk = new TreeMap<>(Jwks.builder().key(pair.getPublic()).algorithm(algorithm).build());
        String published = JSON.writeValueAsString(Map.of("keys", new Object[] {jwk}));
        String token = Jwts.builder().json(JwtJson.writer()).subject("alice").signWith(pair.getPrivate(), signature)
                .compact();

        JwkSet set = Jwks.setParser().json(JwtJson.reader()).build().parse(published);
        Jwk<?> read = set.getKeys().iterator().next();

        assertThat(Jwts.parser().json(JwtJson.reader()).verifyWith((PublicKey) read.toKey()).build()
                .parseSignedClaims(token).getPayload().getSubject()).isEqualTo("alice");
        assertThat(pair.getPublic().getClass().getName()).startsWith("sun.security.");
    }
}
