package io.jwtgateway.gateway.dpop;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Curve;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SignatureAlgorithm;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.verify.JwtJson;

/**
 * A DPoP client for the benchmarks: a key pair of its own, P-256 for {@code ES256} or Ed25519 for {@code EdDSA}, and
 * the proofs it signs with JJWT for a request to a resource (RFC 9449 §4.2): {@code typ: dpop+jwt}, {@code alg} and
 * the public {@code jwk} in the header; a random {@code jti}, {@code htm}, {@code htu}, {@code iat} now and the
 * token's {@code ath} in the claims.
 */
final class ProofSigner {

    private final SignatureAlgorithm algorithm;
    private final KeyPair keys;
    private final PublicJwk<PublicKey> jwk;
    private final Clock clock;

    /** {@code alg} is {@code ES256} or {@code EdDSA}. */
    ProofSigner(String alg, Clock clock) {
        Kind kind = Kind.valueOf(alg);
        this.algorithm = kind.algorithm;
        this.keys = kind.curve.keyPair().build();
        this.jwk = Jwks.builder().key(keys.getPublic()).build();
        this.clock = clock;
    }

    /** The RFC 7638 thumbprint of the public key: the {@code cnf.jkt} of a token bound to it. */
    String thumbprint() {
        return jwk.thumbprint().toString();
    }

    /** A new proof, with a {@code jti} of its own, for a {@code method} request to {@code url} with {@code token}. */
    String proof(String method, String url, String token) {
        return Jwts.builder()
                .json(JwtJson.writer())                     // the gateway's JSON: no JJWT JSON module is on the path
                .header().type("dpop+jwt").jwk(jwk).and()
                .id(UUID.randomUUID().toString())
                .claim("htm", method)
                .claim("htu", url)
                .issuedAt(Date.from(clock.instant()))
                .claim("ath", Sha256.base64Url(token.getBytes(US_ASCII)))
                .signWith(keys.getPrivate(), algorithm)
                .compact();
    }

    /** The algorithms measured, each with the curve of its keys. */
    private enum Kind {
        ES256(Jwts.SIG.ES256, Jwks.CRV.P256),
        EdDSA(Jwts.SIG.EdDSA, Jwks.CRV.Ed25519);

        final SignatureAlgorithm algorithm;
        final Curve curve;

        Kind(SignatureAlgorithm algorithm, Curve curve) {
            this.algorithm = algorithm;
            this.curve = curve;
        }
    }
}
