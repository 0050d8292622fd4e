package io.jwtgateway.gateway.verify;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.Keys;
import io.jwtgateway.gateway.crypto.Sha256;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Key pairs made with the JDK's own generators, written as PEM files the way {@code openssl} writes them, and the
 * RFC 7638 thumbprints a token's {@code kid} should equal, computed apart from the code under test.
 */
final class KeyFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

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

    /** PKCS#8 {@code PRIVATE KEY}, what {@code openssl genpkey} writes. */
    static Path writePrivate(Path dir, String name, KeyPair pair) {
        return write(dir.resolve(name), "PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** X.509 SubjectPublicKeyInfo {@code PUBLIC KEY}, what {@code openssl pkey -pubout} writes. */
    static Path writePublic(Path dir, String name, KeyPair pair) {
        return write(dir.resolve(name), "PUBLIC KEY", pair.getPublic().getEncoded());
    }

    /**
     * The traditional OpenSSL form, {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC 1): the key
     * PKCS#8 wraps, taken out of its {@code privateKey} OCTET STRING.
     */
    static Path writeTraditional(Path dir, String name, String label, KeyPair pair) {
        return write(dir.resolve(name), label, pkcs8Inner(pair.getPrivate().getEncoded()));
    }

    static Path write(Path file, String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
        try {
            return Files.writeString(file, pem, US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm AlgorithmIdentifier, privateKey OCTET STRING, ... } */
    private static byte[] pkcs8Inner(byte[] der) {
        int[] at = {0};
        enter(der, at, 0x30);
        skip(der, at, 0x02);
        skip(der, at, 0x30);
        int length = enter(der, at, 0x04);
        return Arrays.copyOfRange(der, at[0], at[0] + length);
    }

    private static void skip(byte[] der, int[] at, int tag) {
        int length = enter(der, at, tag);             // read first: a compound assignment would keep the old index
        at[0] += length;
    }

    /** Reads a tag and its length, leaving the position at the start of the content. */
    private static int enter(byte[] der, int[] at, int tag) {
        if ((der[at[0]++] & 0xFF) != tag) {
            throw new IllegalArgumentException("unexpected DER tag");
        }
        int length = der[at[0]++] & 0xFF;
        if (length > 0x7F) {
            int octets = length & 0x7F;
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[at[0]++] & 0xFF);
            }
        }
        return length;
    }
}
