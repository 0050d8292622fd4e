package io.jwtgateway.gateway.testing;

import java.net.URI;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import org.jspecify.annotations.Nullable;

/**
 * A DPoP client nobody here wrote: Nimbus's {@link DefaultDPoPProofFactory} with a key pair of its own, making RFC
 * 9449 proofs for the tests.
 */
public final class DpopClient {

    private final JWK key;
    private final DefaultDPoPProofFactory factory;

    private DpopClient(JWK key, JWSAlgorithm algorithm) {
        this.key = key;
        try {
            this.factory = new DefaultDPoPProofFactory(key, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client with a fresh P-256 key, signing ES256 proofs. */
    public static DpopClient es256() {
        try {
            return new DpopClient(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client with a fresh 2048-bit RSA key, signing with {@code algorithm} (RS256 or PS256). */
    public static DpopClient rsa(JWSAlgorithm algorithm) {
        try {
            return new DpopClient(new RSAKeyGenerator(2048).generate(), algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proof for a token request. */
    public String proof(String method, String url) {
        return proof(method, url, null, null);
    }

    /** A proof for a request to a resource with {@code token}, and {@code nonce} when not null. */
    public String proof(String method, String url, @Nullable String token, @Nullable String nonce) {
        try {
            return factory.createDPoPJWT(method, URI.create(url), token == null ? null : new DPoPAccessToken(token),
                    nonce == null ? null : new Nonce(nonce)).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proof issued at {@code issuedAt}. */
    public String proofIssuedAt(String method, String url, String token, Date issuedAt) {
        try {
            return factory.createDPoPJWT(new JWTID(), method, URI.create(url), issuedAt, new DPoPAccessToken(token))
                    .serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RFC 7638 thumbprint of the public key: a bound token's {@code cnf.jkt}. */
    public String thumbprint() {
        try {
            return key.toPublicJWK().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair, private members included, as a JWK's JSON members. */
    public java.util.Map<String, Object> privateJwk() {
        return key.toJSONObject();
    }

    /** The public key as a JWK's JSON members. */
    public java.util.Map<String, Object> publicJwk() {
        return key.toPublicJWK().toJSONObject();
    }

    public JWK key() {
        return key;
    }
}
