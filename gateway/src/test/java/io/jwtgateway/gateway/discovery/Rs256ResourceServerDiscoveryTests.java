package io.jwtgateway.gateway.discovery;

import java.nio.file.Path;

import io.jsonwebtoken.Jwts;
import io.jwtgateway.gateway.testing.PemFiles;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** RS256 with a configured private key. */
@TestPropertySource(properties = "gateway.auth.signing.algorithm=RS256")
class Rs256ResourceServerDiscoveryTests extends ResourceServerDiscoveryTests {

    @TempDir
    static Path keys;

    @DynamicPropertySource
    static void signingKey(DynamicPropertyRegistry registry) {
        Path privateKey = PemFiles.writePrivate(keys, "gateway.pem", Jwts.SIG.RS256.keyPair().build());
        registry.add("gateway.auth.signing.private-key", privateKey::toString);
    }

    @Override
    String algorithm() {
        return "RS256";
    }
}
