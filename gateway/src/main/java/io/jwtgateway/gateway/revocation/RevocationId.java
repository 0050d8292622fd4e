package io.jwtgateway.gateway.revocation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.HexFormat;

import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.jspecify.annotations.Nullable;

/**
 * What identifies a token in the revoked set: the SHA-256 of its issuer and {@code jti}, so ids of different issuers
 * never collide and Redis holds no token ids in the clear. A token without {@code jti} (possible from a trusted
 * issuer) cannot be revoked.
 */
final class RevocationId {

    private RevocationId() {
    }

    static @Nullable String of(VerifiedToken token) {
        if (token.tokenId() == null) {
            return null;
        }
        return HexFormat.of().formatHex(Sha256.digest((token.issuer() + "\n" + token.tokenId()).getBytes(UTF_8)));
    }
}
