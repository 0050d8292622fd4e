package io.jwtgateway.gateway.clients;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.SecureRandom;
import java.util.Base64;

import io.jwtgateway.gateway.crypto.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * The API keys the gateway makes: {@code gwk_<key id>.<secret>}, a key id of 12 characters of {@code [a-z2-7]} (60
 * random bits, public: it names the key in lists, logs and tokens, and finds it without a scan) and a secret of 32
 * random bytes in unpadded base64url. The gateway keeps the SHA-256 of the whole key, never the key.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "gwk_";
    static final int KEY_ID_LENGTH = 12;
    static final int SECRET_BYTES = 32;
    /** {@code gwk_}, the key id, the dot and 43 characters of base64url. */
    static final int LENGTH = PREFIX.length() + KEY_ID_LENGTH + 1 + 43;

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ApiKeyFormat() {
    }

    /** A new key from {@code random}. */
    static NewKey generate(SecureRandom random) {
        char[] keyId = new char[KEY_ID_LENGTH];
        for (int i = 0; i < keyId.length; i++) {
            keyId[i] = BASE32[random.nextInt(BASE32.length)];
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String id = new String(keyId);
        String key = PREFIX + id + "." + BASE64URL.encodeToString(secret);
        return new NewKey(id, key, Sha256.digest(key.getBytes(UTF_8)));
    }

    /** The key id a presented key names, when it has the shape of one the gateway made; else null. */
    static @Nullable String keyIdOf(String presented) {
        if (presented.length() != LENGTH || !presented.startsWith(PREFIX)
                || presented.charAt(PREFIX.length() + KEY_ID_LENGTH) != '.') {
            return null;
        }
        String keyId = presented.substring(PREFIX.length(), PREFIX.length() + KEY_ID_LENGTH);
        return isKeyId(keyId) ? keyId : null;
    }

    /** Whether {@code value} has the shape of a key id of a registered key. */
    public static boolean isKeyId(String value) {
        if (value.length() != KEY_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '2' && c <= '7')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A key just made: shown once to whoever asked for it, then only its hash is kept.
     *
     * @param keyId  its public id
     * @param apiKey the whole key, the secret included
     * @param sha256 the SHA-256 of the whole key
     */
    public record NewKey(String keyId, String apiKey, byte[] sha256) {

        @Override
        public String toString() {                      // the key is a credential
            return "NewKey[keyId=" + keyId + "]";
        }
    }
}
