package io.jwtgateway.gateway.verify;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.config.InvalidConfigurationException;

/**
 * Reads keys from PEM files: a private key in PKCS#8 ({@code BEGIN PRIVATE KEY}, what {@code openssl genpkey}
 * writes) and a public key in X.509 SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}). Every failure names the
 * property the path came from and never quotes the file: an {@link InvalidConfigurationException}.
 * Public for the {@code keys} command, which reads a private key as the gateway does and names its option instead.
 */
public final class PemKeys {

    private static final List<String> KEY_TYPES = List.of("RSA", "EC", "Ed25519", "RSASSA-PSS");
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private PemKeys() {
    }

    public static PrivateKey privateKey(Path path, String property) {
        byte[] der = block(path, property, "PRIVATE KEY");
        for (String type : KEY_TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException notThisType) {
                // try the next key type
            }
        }
        throw InvalidConfigurationException.of(property, path + " holds no RSA, EC or Ed25519 private key");
    }

    static PublicKey publicKey(Path path, String property) {
        byte[] der = block(path, property, "PUBLIC KEY");
        for (String type : KEY_TYPES) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException notThisType) {
                // try the next key type
            }
        }
        throw InvalidConfigurationException.of(property, path + " holds no RSA, EC or Ed25519 public key");
    }

    private static byte[] block(Path path, String property, String label) {
        String text;
        try {
            text = Files.readString(path, US_ASCII);
        } catch (IOException | RuntimeException ex) {
            throw InvalidConfigurationException.of(property, path + " cannot be read ("
                    + ex.getClass().getSimpleName() + ")");
        }
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(label)) {
                try {
                    return Base64.getMimeDecoder().decode(matcher.group(2));
                } catch (IllegalArgumentException ex) {
                    throw InvalidConfigurationException.of(property, path + " has a corrupt PEM block");
                }
            }
        }
        throw InvalidConfigurationException.of(property, path + " must hold a PEM '-----BEGIN " + label
                + "-----' block" + hint(text, label));
    }

    private static String hint(String text, String label) {
        boolean traditional = text.contains("BEGIN EC PRIVATE KEY") || text.contains("BEGIN RSA PRIVATE KEY");
        if (label.equals("PRIVATE KEY") && traditional) {
            return "; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem";
        }
        if (text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            return "; encrypted keys are not supported";
        }
        return "";
    }
}
