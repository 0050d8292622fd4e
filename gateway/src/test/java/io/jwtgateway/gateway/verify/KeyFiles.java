package io.jwtgateway.gateway.verify;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import io.jwtgateway.gateway.crypto.Sha256;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Key pairs made with the JDK's own generators, for {@link io.jwtgateway.gateway.testing.PemFiles} to write, and the
 * RFC 7638 thumbprints a token's {@code kid} should equal, computed apart from the code under test.
 */
final class KeyFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private KeyFiles() {
    }

    /** A fresh key pair that fits the JWA algorithm: RSA 2048, P-256, P-384 or Ed25519. */
    static KeyPair pairFor(String algorithm) {
        return switch (algorithm) {
            case "RS256", "RS384", "RS512", "PS256" -> rsa(2048);
            case "ES256" -> ec("secp256r1");
            case "ES384" -> ec("secp384r1");
            case "EdDSA" -> generate("Ed25519");
            default -> throw new IllegalArgumentException("no key pair for " + algorithm);
        };
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key pair of a JDK algorithm that takes no parameters, such as Ed25519 or Ed448. */
    static KeyPair generate(String jcaName) {
        try {
            return KeyPairGenerator.getInstance(jcaName).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RFC 7638 thumbprint of a public key, base64url: what its {@code kid} must be. */
    static String thumbprint(PublicKey key) {
        return Jwks.builder().key(key).build().thumbprint().toString();
    }

    /** The RFC 7638 thumbprint of an {@code oct} JWK holding SHA-256 of the secret: an HMAC key's {@code kid}. */
    static String hmacThumbprint(String secret) {
        Key digestKey = Keys.hmacShaKeyFor(Sha256.digest(secret.getBytes(UTF_8)));
        return Jwks.builder().key((javax.crypto.SecretKey) digestKey).build().thumbprint().toString();
    }

    /** A token's decoded JOSE header. */
    static Map<String, Object> header(String token) {
        return JSON.readValue(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), OBJECT);
    }
}
