package io.jwtgateway.gateway.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes keys as the PEM files an operator would configure, the way {@code openssl} writes them: base64 in 64-column
 * lines between {@code BEGIN} and {@code END} labels (RFC 7468 §2). The one PEM writer of the tests.
 */
public final class PemFiles {

    private PemFiles() {
    }

    /** PKCS#8 {@code PRIVATE KEY}, what {@code openssl genpkey} writes. */
    public static Path writePrivate(Path dir, String name, KeyPair pair) {
        return write(dir.resolve(name), "PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** X.509 SubjectPublicKeyInfo {@code PUBLIC KEY}, what {@code openssl pkey -pubout} writes. */
    public static Path writePublic(Path dir, String name, KeyPair pair) {
        return write(dir.resolve(name), "PUBLIC KEY", pair.getPublic().getEncoded());
    }

    /**
     * The traditional OpenSSL form, {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC 1): the key
     * PKCS#8 wraps, taken out of its {@code privateKey} OCTET STRING.
     */
    public static Path writeTraditional(Path dir, String name, String label, KeyPair pair) {
        return write(dir.resolve(name), label, pkcs8Inner(pair.getPrivate().getEncoded()));
    }

    /** Any DER bytes under any label, for files that are PEM but hold no usable key. */
    public static Path write(Path file, String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(der);
        String pem = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
        try {
            return Files.writeString(file, pem, US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm AlgorithmIdentifier, privateKey OCTET STRING, ... } */
    private static byte[] pkcs8Inner(byte[] der) {
        int[] at = {0};
        enter(der, at, 0x30);
        skip(der, at, 0x02);
        skip(der, at, 0x30);
        int length = enter(der, at, 0x04);
        return Arrays.copyOfRange(der, at[0], at[0] + length);
    }

    private static void skip(byte[] der, int[] at, int tag) {
        int length = enter(der, at, tag);             // read first: a compound assignment would keep the old index
        at[0] += length;
    }

    /** Reads a tag and its length, leaving the position at the start of the content. */
    private static int enter(byte[] der, int[] at, int tag) {
        if ((der[at[0]++] & 0xFF) != tag) {
            throw new IllegalArgumentException("unexpected DER tag");
        }
        int length = der[at[0]++] & 0xFF;
        if (length > 0x7F) {
            int octets = length & 0x7F;
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[at[0]++] & 0xFF);
            }
        }
        return length;
    }
}
