package io.jwtgateway.gateway.dpop;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.stream.Collectors;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.DpopProperties;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.crypto.SigningAlgorithm;
import io.jwtgateway.gateway.observe.AuthOutcome;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.verify.NumericDateReader;
import io.jwtgateway.gateway.verify.TokenFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * RFC 9449 §4.3's checks of one proof, but the nonce and the replay: a compact JWS in canonical form, verified with
 * the public key of its own header ({@link ProofKeyLocator}), with a {@code jti}, the request's method ({@code htm})
 * and URL ({@code htu}), an {@code iat} no older than {@code gateway.auth.dpop.proof-max-age} and not in the future
 * (both give or take {@code gateway.auth.clock-skew}), and, for a request to a resource, the hash of its token
 * ({@code ath}) and the key the token is bound to. A JJWT parser built once; every refusal in our own words.
 */
@Component
class ProofVerifier {

    /** Far above any real proof: a header with an RSA key and a few claims. */
    static final int MAX_PROOF_LENGTH = 8 * 1024;

    /** Far above the 16 random bytes a client needs (RFC 9449 §11.1): a bound on what the replay cache keys. */
    static final int MAX_JTI_LENGTH = 256;

    private final JwtParser parser;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration clockSkew;

    ProofVerifier(DpopProperties properties, AuthProperties auth, Clock clock) {
        this.clock = clock;
        this.maxAge = properties.proofMaxAge();
        this.clockSkew = auth.clockSkew();
        this.parser = Jwts.parser()
                .keyLocator(new ProofKeyLocator(properties.signingAlgorithms().stream()
                        .map(SigningAlgorithm::jwsName).collect(Collectors.toSet())))
                .zip().clear().and()
                .json(new NumericDateReader())
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(auth.clockSkew().toSeconds())
                .build();
    }

    /**
     * The proof's key and claims when it is one for this request; else {@link AuthException} naming the first check
     * it fails.
     *
     * @param method      the request's method
     * @param htu         the request's URL, as {@link ProofTarget} normalizes it
     * @param accessToken the token the proof must go with, on a resource request; null at a token endpoint
     * @param boundKey    the thumbprint of the key that must have signed it, the token's {@code cnf.jkt}; null at a
     *                    token endpoint
     */
    Proof verify(String proof, String method, String htu, @Nullable String accessToken, @Nullable String boundKey) {
        if (proof.length() > MAX_PROOF_LENGTH || !TokenFormat.isCanonical(proof)) {
            throw invalid("The DPoP proof is not a compact JWS");
        }
        Jws<Claims> jws;
        try {
            jws = parser.parseSignedClaims(proof);
        } catch (AuthException refused) {
            throw refused;
        } catch (JwtException | IllegalArgumentException unreadable) {
            throw invalid("The DPoP proof is malformed or its signature is invalid");
        }
        Claims claims = jws.getPayload();
        String thumbprint = jws.getHeader().getJwk().thumbprint().toString();
        String jti = claims.getId();
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
            throw invalid("The DPoP proof needs a jti of at most " + MAX_JTI_LENGTH + " characters");
        }
        if (!method.equals(claims.get("htm"))) {
            throw refuse(AuthOutcome.DPOP_WRONG_TARGET, "The DPoP proof is for another method (htm)");
        }
        if (!(claims.get("htu") instanceof String target) || !htu.equals(ProofTarget.normalized(target))) {
            throw refuse(AuthOutcome.DPOP_WRONG_TARGET, "The DPoP proof is for another URL (htu)");
        }
        Instant issuedAt = issuedAt(claims);
        if (accessToken != null && !sameText(claims.get("ath"), hash(accessToken))) {
            throw refuse(AuthOutcome.DPOP_KEY_MISMATCH, "The DPoP proof is for another token (ath)");
        }
        if (boundKey != null && !sameText(thumbprint, boundKey)) {
            throw refuse(AuthOutcome.DPOP_KEY_MISMATCH, "The DPoP proof is signed by a key the token is not bound to");
        }
        Object nonce = claims.get("nonce");
        return new Proof(thumbprint, jti, issuedAt.plus(maxAge).plus(clockSkew),
                nonce instanceof String text ? text : null);
    }

    private Instant issuedAt(Claims claims) {
        Date iat = claims.getIssuedAt();
        if (iat == null) {
            throw invalid("The DPoP proof has no iat");
        }
        Instant issuedAt = iat.toInstant();
        Instant now = clock.instant();
        if (issuedAt.isAfter(now.plus(clockSkew)) || issuedAt.isBefore(now.minus(maxAge).minus(clockSkew))) {
            throw refuse(AuthOutcome.DPOP_STALE, "The DPoP proof iat is outside the accepted window");
        }
        return issuedAt;
    }

    /** RFC 9449 §4.2 {@code ath}: the base64url SHA-256 of the token's ASCII. */
    static String hash(String accessToken) {
        return Sha256.base64Url(accessToken.getBytes(US_ASCII));
    }

    /** Constant time in the contents: a thumbprint or a hash compared early-out would leak how much of it matched. */
    private static boolean sameText(@Nullable Object claim, String expected) {
        return claim instanceof String text
                && MessageDigest.isEqual(text.getBytes(US_ASCII), expected.getBytes(US_ASCII));
    }

    private static AuthException invalid(String why) {
        return refuse(AuthOutcome.DPOP_INVALID_PROOF, why);
    }

    private static AuthException refuse(AuthOutcome outcome, String why) {
        return new AuthException(AuthError.invalidDpopProof(outcome, why));
    }

    /**
     * A proof that passed every check but the nonce and the replay.
     *
     * @param thumbprint    the RFC 7638 SHA-256 thumbprint of its key, base64url: a bound token's {@code cnf.jkt}
     * @param jti           its identifier, remembered so that it is accepted once
     * @param acceptedUntil when it becomes too old to be accepted anyway: how long its {@code jti} is remembered
     * @param nonce         its {@code nonce} claim, when it has one
     */
    record Proof(String thumbprint, String jti, Instant acceptedUntil, @Nullable String nonce) {
    }
}
