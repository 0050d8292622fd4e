package io.jwtgateway.gateway.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds tokens by hand, so a test can break exactly one thing, including what JJWT's own builder would refuse to
 * write: a string {@code exp}, a look-alike {@code alg}, {@code none}. A token from {@link #valid()} is accepted by a
 * gateway configured with {@link #SECRET} and the default issuer and audience.
 */
public final class TestTokens {

    public static final String SECRET = "test-secret-that-is-at-least-32-bytes-long";
    public static final String ISSUER = "jwt-gateway";
    public static final String AUDIENCE = "jwt-gateway-backends";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Instant now;

    public TestTokens() {
        this(Instant.now());
    }

    public TestTokens(Instant now) {
        this.now = now;
    }

    /** A token that passes: HS256, our issuer and audience, subject alice, role user, five minutes to live. */
    public Builder valid() {
        return new Builder()
                .header("alg", "HS256")
                .header("typ", "JWT")
                .claim("iss", ISSUER)
                .claim("aud", List.of(AUDIENCE))
                .claim("sub", "alice")
                .claim("roles", List.of("user"))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(5)))
                .claim("jti", UUID.randomUUID().toString());
    }

    /** One token under construction; every setter replaces what {@link #valid()} put there. */
    public static final class Builder {
        private final Map<String, Object> header = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String secret = SECRET;
        private @Nullable PrivateKey privateKey;

        public Builder header(String name, Object value) {
            header.put(name, value);
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.put(name, value);
            return this;
        }

        public Builder without(String claim) {
            claims.remove(claim);
            return this;
        }

        public Builder withoutHeader(String name) {
            header.remove(name);
            return this;
        }

        public Builder subject(String subject) {
            return claim("sub", subject);
        }

        public Builder roles(String... roles) {
            return claim("roles", List.of(roles));
        }

        public Builder issuedAt(Instant instant) {
            return claim("iat", instant.getEpochSecond());
        }

        public Builder expiresAt(Instant instant) {
            return claim("exp", instant.getEpochSecond());
        }

        public Builder notBefore(Instant instant) {
            return claim("nbf", instant.getEpochSecond());
        }

        public Builder algorithm(String alg) {
            return header("alg", alg);
        }

        /** Sign with an HMAC secret, also when a private key was given before. */
        public Builder signedWith(String secret) {
            this.secret = secret;
            this.privateKey = null;
            return this;
        }

        /** Sign with a private key instead of the HMAC secret, by the JWA name in {@code alg} (RS*, PS256, ES*, EdDSA). */
        public Builder signedWith(PrivateKey key) {
            this.privateKey = key;
            return this;
        }

        /**
         * The compact JWS, signed with the MAC its {@code alg} names (HS256 for anything unknown), none for none, or
         * with the private key when one was given.
         */
        public String sign() {
            String signingInput = encode(JSON.writeValueAsBytes(header)) + "." + encode(JSON.writeValueAsBytes(claims));
            String alg = String.valueOf(header.get("alg"));
            if (alg.equalsIgnoreCase("none")) {
                return signingInput + ".";
            }
            if (privateKey != null) {
                return signingInput + "." + encode(signature(alg, signingInput));
            }
            return signingInput + "." + encode(mac(macName(alg), signingInput));
        }

        private byte[] signature(String alg, String input) {
            try {
                Signature signature = switch (alg) {
                    case "RS256", "RS384", "RS512" -> Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
                    case "PS256", "PS384", "PS512" -> pss(Integer.parseInt(alg.substring(2)));
                    case "ES256", "ES384", "ES512" ->
                        Signature.getInstance("SHA" + alg.substring(2) + "withECDSAinP1363Format");
                    case "EdDSA" -> Signature.getInstance("Ed25519");
                    default -> Signature.getInstance(privateKey.getAlgorithm().equals("EC")
                            ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
                };
                signature.initSign(privateKey);
                signature.update(input.getBytes(UTF_8));
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Signature pss(int bits) throws GeneralSecurityException {
            Signature signature = Signature.getInstance("RSASSA-PSS");
            String hash = "SHA-" + bits;
            signature.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), bits / 8, 1));
            return signature;
        }

        private byte[] mac(String algorithm, String input) {
            try {
                Mac mac = Mac.getInstance(algorithm);
                mac.init(new SecretKeySpec(secret.getBytes(UTF_8), algorithm));
                return mac.doFinal(input.getBytes(UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String macName(String alg) {
            return switch (alg) {
                case "HS384" -> "HmacSHA384";
                case "HS512" -> "HmacSHA512";
                default -> "HmacSHA256";
            };
        }

        private static String encode(byte[] bytes) {
            return BASE64URL.encodeToString(bytes);
        }
    }
}
