package io.jwtgateway.gateway.discovery;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Writes keys as the PEM files an operator would configure: PKCS#8 {@code PRIVATE KEY} and X.509
 * {@code PUBLIC KEY}, base64 in 64-column lines (RFC 7468 §2).
 */
final class PemFiles {

    private PemFiles() {
    }

    static Path privateKey(Path directory, String name, PrivateKey key) {
        return write(directory.resolve(name), "PRIVATE KEY", key);
    }

    static Path publicKey(Path directory, String name, PublicKey key) {
        return write(directory.resolve(name), "PUBLIC KEY", key);
    }

    private static Path write(Path file, String label, Key key) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded());
        String pem = "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
        try {
            return Files.writeString(file, pem, US_ASCII);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
