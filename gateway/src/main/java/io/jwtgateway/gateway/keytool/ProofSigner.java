package io.jwtgateway.gateway.keytool;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.Key;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.verify.JwtJson;
import org.jspecify.annotations.Nullable;

/**
 * Signs DPoP proofs (RFC 9449 §4.2) with one key for one method and URL. Every proof has a random {@code jti} and
 * the current {@code iat}, so each is for one request: a server that remembers the {@code jti}s it has seen refuses
 * a replayed proof (§11.1).
 */
final class ProofSigner {

    static final String TYPE = "dpop+jwt";

    private static final int JTI_BYTES = 16;            // §4.2: at least 96 pseudorandom bits
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ProofKey key;
    private final String method;
    private final String url;
    private final @Nullable String tokenHash;
    private final @Nullable String nonce;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param method      {@code htm}, the request's HTTP method
     * @param url         {@code htu}, the request's URL without query and fragment
     * @param accessToken the token the request carries, whose hash each proof holds as {@code ath}; null for none
     * @param nonce       the server's {@code DPoP-Nonce} (§8); null for none
     */
    ProofSigner(ProofKey key, String method, String url, @Nullable String accessToken, @Nullable String nonce,
            Clock clock, SecureRandom random) {
        this.key = key;
        this.method = method;
        this.url = url;
        this.tokenHash = accessToken == null ? null : Sha256.base64Url(accessToken.getBytes(US_ASCII));
        this.nonce = nonce;
        this.clock = clock;
        this.random = random;
    }

    /** A new proof in the compact JWS form. */
    @SuppressWarnings("unchecked")
    String sign() {
        byte[] jti = new byte[JTI_BYTES];
        random.nextBytes(jti);
        JwtBuilder proof = Jwts.builder().json(JwtJson.writer())
                .header().type(TYPE).jwk(key.publicJwk()).and()
                .id(BASE64URL.encodeToString(jti))
                .claim("htm", method)
                .claim("htu", url)
                .issuedAt(Date.from(clock.instant()));          // JJWT writes whole seconds
        if (tokenHash != null) {
            proof.claim("ath", tokenHash);
        }
        if (nonce != null) {
            proof.claim("nonce", nonce);
        }
        var algorithm = (SecureDigestAlgorithm<Key, ?>) key.algorithm().jjwtAlgorithm();
        return proof.signWith(key.privateKey(), algorithm).compact();
    }
}
