package io.jwtgateway.gateway.verify;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jwtgateway.gateway.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The HS256 key that signs and verifies tokens, and its {@code kid}. Built once at startup from
 * {@code gateway.auth.hmac-secret}, or at random when that is unset.
 */
@Component
public class SigningKey {

    public static final String ALGORITHM = "HS256";

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    private final SecretKey key;
    private final String keyId;

    SigningKey(AuthProperties properties) {
        byte[] secret = properties.hmacSecret() != null
                ? properties.hmacSecret().getBytes(UTF_8)
                : randomSecret();
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.keyId = keyId(secret);
    }

    public SecretKey key() {
        return key;
    }

    /** The {@code kid}: an RFC 7638 thumbprint of an {@code oct} JWK holding the secret's SHA-256, never the secret. */
    public String keyId() {
        return keyId;
    }

    private static byte[] randomSecret() {
        log.warn("gateway.auth.hmac-secret is not set: signing with a random key for this process. Tokens will not "
                + "survive a restart nor work across replicas; set gateway.auth.hmac-secret (32+ bytes) to share one.");
        byte[] secret = new byte[AuthProperties.MIN_HMAC_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    private static String keyId(byte[] secret) {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String jwk = "{\"k\":\"%s\",\"kty\":\"oct\"}".formatted(base64url.encodeToString(Sha256.digest(secret)));
        return base64url.encodeToString(Sha256.digest(jwk.getBytes(UTF_8)));
    }

    @Override
    public String toString() {
        return "SigningKey[alg=" + ALGORITHM + ", kid=" + keyId + "]";
    }
}
