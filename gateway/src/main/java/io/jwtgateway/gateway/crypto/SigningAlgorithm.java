package io.jwtgateway.gateway.crypto;

import static java.util.stream.Collectors.joining;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SecureDigestAlgorithm;

/**
 * The JWS algorithms the gateway knows (RFC 7518 §3.1, RFC 8037 §3.1), each with its family, the key size it needs
 * and JJWT's implementation. The gateway signs its own tokens with those it {@linkplain #isOffered() offers}; trusted
 * issuers may also sign with PS384, PS512 and ES512. Each constant is named by its JWS name; {@code none} is not one.
 */
public enum SigningAlgorithm {

    // @formatter:off                                   a table: one algorithm a row
    //    family          key bits  offered  JJWT
    HS256(Family.HMAC,    256,      true,    Jwts.SIG.HS256),
    HS384(Family.HMAC,    384,      true,    Jwts.SIG.HS384),
    HS512(Family.HMAC,    512,      true,    Jwts.SIG.HS512),
    RS256(Family.RSA,     2048,     true,    Jwts.SIG.RS256),
    RS384(Family.RSA,     2048,     true,    Jwts.SIG.RS384),
    RS512(Family.RSA,     2048,     true,    Jwts.SIG.RS512),
    PS256(Family.RSA_PSS, 2048,     true,    Jwts.SIG.PS256),
    PS384(Family.RSA_PSS, 2048,     false,   Jwts.SIG.PS384),
    PS512(Family.RSA_PSS, 2048,     false,   Jwts.SIG.PS512),
    ES256(Family.EC,      256,      true,    Jwts.SIG.ES256),
    ES384(Family.EC,      384,      true,    Jwts.SIG.ES384),
    ES512(Family.EC,      521,      false,   Jwts.SIG.ES512),
    EdDSA(Family.EDDSA,   256,      true,    Jwts.SIG.EdDSA);
    // @formatter:on

    /** The kind of key an algorithm signs with. */
    public enum Family { HMAC, RSA, RSA_PSS, EC, EDDSA }

    private static final Map<String, SigningAlgorithm> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(SigningAlgorithm::jwsName, Function.identity()));

    private final Family family;
    private final int keyBits;
    private final boolean offered;
    private final SecureDigestAlgorithm<?, ?> jjwtAlgorithm;

    SigningAlgorithm(Family family, int keyBits, boolean offered, SecureDigestAlgorithm<?, ?> jjwtAlgorithm) {
        this.family = family;
        this.keyBits = keyBits;
        this.offered = offered;
        this.jjwtAlgorithm = jjwtAlgorithm;
    }

    /** The algorithm with this JWS name, matched case-sensitively, as {@code alg} is (RFC 7515 §4.1.1). */
    public static Optional<SigningAlgorithm> of(String jwsName) {
        return Optional.ofNullable(BY_NAME.get(jwsName));
    }

    /** The algorithms {@code gateway.auth.signing.algorithm} may name, in the order messages list them. */
    public static List<SigningAlgorithm> offered() {
        return offered(algorithm -> true);
    }

    /** The offered algorithms that match, such as {@code offered(SigningAlgorithm::isSymmetric)}. */
    public static List<SigningAlgorithm> offered(Predicate<SigningAlgorithm> which) {
        return Arrays.stream(values()).filter(SigningAlgorithm::isOffered).filter(which).toList();
    }

    /** JWS names for a message: {@code "HS256, HS384, HS512"}. */
    public static String names(List<SigningAlgorithm> algorithms) {
        return algorithms.stream().map(SigningAlgorithm::jwsName).collect(joining(", "));
    }

    /** JWS names as a sentence lists them, {@code conjunction} before the last: {@code "HS256, HS384 or HS512"}. */
    public static String names(List<SigningAlgorithm> algorithms, String conjunction) {
        int last = algorithms.size() - 1;
        return last < 1
                ? names(algorithms)
                : names(algorithms.subList(0, last)) + " " + conjunction + " " + algorithms.get(last).jwsName();
    }

    /** The name in {@code alg} headers and JWKs. */
    public String jwsName() {
        return name();
    }

    public Family family() {
        return family;
    }

    /** Whether the gateway may sign its own tokens with it. */
    public boolean isOffered() {
        return offered;
    }

    /** HMAC: one secret signs and verifies, so it is never published. */
    public boolean isSymmetric() {
        return family == Family.HMAC;
    }

    /**
     * The key size it needs, in bits: for HMAC the hash output, the least secret (RFC 7518 §3.2); for RSA the least
     * modulus (§3.3, §3.5); for EC the curve's order, exactly (§3.4); for EdDSA an Ed25519 key's.
     */
    public int keyBits() {
        return keyBits;
    }

    /** RFC 7518 §3.2: the least HMAC secret, as many bytes as the hash output. */
    public int hmacSecretBytes() {
        requireHmac();
        return keyBits / 8;
    }

    /** The secret as a key JJWT accepts for this algorithm: it checks the key's JCA name against the MAC's. */
    public SecretKey hmacKey(byte[] secret) {
        String jcaName = switch (this) {
            case HS256 -> "HmacSHA256";
            case HS384 -> "HmacSHA384";
            case HS512 -> "HmacSHA512";
            default -> throw new IllegalStateException(this + " is not an HMAC algorithm");
        };
        return new SecretKeySpec(secret, jcaName);
    }

    /** JJWT's implementation: a {@code MacAlgorithm} for HMAC, else a {@code SignatureAlgorithm}. */
    public SecureDigestAlgorithm<?, ?> jjwtAlgorithm() {
        return jjwtAlgorithm;
    }

    private void requireHmac() {
        if (!isSymmetric()) {
            throw new IllegalStateException(this + " is not an HMAC algorithm");
        }
    }
}
