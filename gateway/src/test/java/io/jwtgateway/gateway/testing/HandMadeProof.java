package io.jwtgateway.gateway.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * A DPoP proof written by hand from its header and claims, for what no client library will make: a private key in
 * the header, {@code alg: none}, an HMAC. Signed with ES256 (P1363, as JWS wants it), EdDSA, HS256, or not at all.
 */
public final class HandMadeProof {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private HandMadeProof() {
    }

    public static String es256(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        return signed(header, claims, key, "SHA256withECDSAinP1363Format");
    }

    public static String eddsa(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        return signed(header, claims, key, "Ed25519");
    }

    public static String hs256(Map<String, Object> header, Map<String, Object> claims, byte[] secret) {
        String input = signingInput(header, claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + BASE64URL.encodeToString(mac.doFinal(input.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: an empty signature (RFC 7519 §6.1). */
    public static String unsigned(Map<String, Object> header, Map<String, Object> claims) {
        return signingInput(header, claims) + ".";
    }

    private static String signed(Map<String, Object> header, Map<String, Object> claims, PrivateKey key,
            String algorithm) {
        String input = signingInput(header, claims);
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(input.getBytes(UTF_8));
            return input + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signingInput(Map<String, Object> header, Map<String, Object> claims) {
        return BASE64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
    }
}
