package io.jwtgateway.gateway.dpop;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.jwtgateway.gateway.config.DpopProperties;

/**
 * The server nonces of RFC 9449 §8–9, derived rather than stored: the nonce of each {@code rotation} interval is an
 * HMAC-SHA256 of the interval's number under {@code gateway.auth.dpop.nonce.secret}, so every replica with that
 * secret issues and accepts the same nonces without sharing any state. The current and the previous interval's
 * nonces are accepted, so a nonce handed out just before a rotation still works for one more interval.
 */
final class DpopNonces {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final long rotationMillis;
    private final Clock clock;
    private volatile Interval interval;

    DpopNonces(DpopProperties.Nonce properties, Clock clock) {
        String secret = properties.secret();
        if (secret == null) {
            throw new IllegalStateException("gateway.auth.dpop.nonce.secret is required");   // the record checks it
        }
        this.key = new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256");
        this.rotationMillis = properties.rotation().toMillis();
        this.clock = clock;
        this.interval = intervalAt(clock.millis() / rotationMillis);
    }

    /** The nonce to hand out now, in a {@code DPoP-Nonce} header. */
    String current() {
        return now().current;
    }

    /** Whether {@code nonce} is the current one or the one before it; constant time in its contents. */
    boolean isValid(String nonce) {
        Interval now = now();
        byte[] presented = nonce.getBytes(US_ASCII);
        return MessageDigest.isEqual(presented, now.currentBytes) | MessageDigest.isEqual(presented, now.previousBytes);
    }

    private Interval now() {
        long number = clock.millis() / rotationMillis;
        Interval known = interval;
        if (known.number != number) {
            known = intervalAt(number);
            interval = known;
        }
        return known;
    }

    private Interval intervalAt(long number) {
        return new Interval(number, nonceOf(number), nonceOf(number - 1));
    }

    private String nonceOf(long number) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
            return BASE64URL.encodeToString(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private static final class Interval {
        final long number;
        final String current;
        final byte[] currentBytes;
        final byte[] previousBytes;

        Interval(long number, String current, String previous) {
            this.number = number;
            this.current = current;
            this.currentBytes = current.getBytes(US_ASCII);
            this.previousBytes = previous.getBytes(US_ASCII);
        }
    }
}
