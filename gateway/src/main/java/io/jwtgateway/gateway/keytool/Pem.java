package io.jwtgateway.gateway.keytool;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.Base64;

/** PEM text (RFC 7468): base64 of DER in lines of 64 characters between BEGIN and END lines. */
final class Pem {

    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII));

    private Pem() {
    }

    /** A {@code PRIVATE KEY} block (PKCS#8, RFC 7468 §10) or a {@code PUBLIC KEY} block (X.509 SPKI, §13). */
    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + LINES.encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
