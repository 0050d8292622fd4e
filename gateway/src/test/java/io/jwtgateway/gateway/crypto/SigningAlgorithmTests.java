package io.jwtgateway.gateway.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.MacAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The algorithm names the configuration accepts, the lists its messages show, and JJWT's matching algorithm. */
class SigningAlgorithmTests {

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void ofWhenJwsNameThenThatAlgorithmWithJjwtsImplementation(SigningAlgorithm algorithm) {
        assertThat(SigningAlgorithm.of(algorithm.jwsName())).contains(algorithm);
        assertThat(algorithm.jjwtAlgorithm()).isSameAs(Jwts.SIG.get().get(algorithm.jwsName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "NONE", "hs256", "rs256", "EDDSA", "Ed25519", "HS1024", "RSA-OAEP", ""})
    void ofWhenNotAnExactJwsNameThenEmpty(String name) {
        assertThat(SigningAlgorithm.of(name)).isEmpty();
    }

    @Test
    void namesWhenOfferedThenTheListMessagesHaveAlwaysShown() {
        assertThat(SigningAlgorithm.names(SigningAlgorithm.offered()))
                .isEqualTo("HS256, HS384, HS512, RS256, RS384, RS512, PS256, ES256, ES384, EdDSA");
        assertThat(SigningAlgorithm.names(SigningAlgorithm.offered(algorithm -> !algorithm.isSymmetric())))
                .isEqualTo("RS256, RS384, RS512, PS256, ES256, ES384, EdDSA");
        assertThat(SigningAlgorithm.names(SigningAlgorithm.offered(SigningAlgorithm::isSymmetric), "or"))
                .isEqualTo("HS256, HS384 or HS512");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void hmacKeyWhenSecretGivenThenNamedAsJjwtNamesKeysForTheMac(String name) {
        SigningAlgorithm algorithm = SigningAlgorithm.of(name).orElseThrow();
        MacAlgorithm mac = (MacAlgorithm) algorithm.jjwtAlgorithm();

        SecretKey key = algorithm.hmacKey("s".repeat(algorithm.hmacSecretBytes()).getBytes(UTF_8));

        assertThat(key.getAlgorithm()).isEqualTo(mac.key().build().getAlgorithm());
        assertThat(algorithm.hmacSecretBytes() * 8).isEqualTo(mac.getKeyBitLength());
    }
}
