package io.jwtgateway.gateway.keytool;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.jwtgateway.gateway.crypto.Sha256;

/**
 * {@code keys hash-api-key}: the SHA-256 of an API key read from stdin, for {@code gateway.auth.api-keys[].sha256}.
 * Only the line ending is dropped, so the hash equals {@code printf %s "$KEY" | sha256sum}; spaces count.
 */
final class HashApiKeyCommand {

    static final String NAME = "hash-api-key";

    /** As large as a request body the gateway reads; no key that fits in a request is longer. */
    private static final int MAX_BYTES = 16 * 1024;

    private final InputStream in;
    private final PrintStream out;

    HashApiKeyCommand(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    int run(List<String> args) throws Misuse, IOException {
        Arguments.parse(args, Set.of()).positional(0, "no arguments");
        byte[] input = in.readNBytes(MAX_BYTES + 2);
        int end = input.length;
        if (end > 0 && input[end - 1] == '\n') {
            end--;
            if (end > 0 && input[end - 1] == '\r') {
                end--;
            }
        }
        byte[] key = Arrays.copyOf(input, end);
        if (key.length == 0) {
            throw new Misuse("no API key on stdin");
        }
        if (key.length > MAX_BYTES) {
            throw new Misuse("stdin holds more than " + MAX_BYTES + " bytes; pass the API key alone");
        }
        for (byte b : key) {
            if (b == '\n' || b == '\r') {
                throw new Misuse("stdin holds more than one line; pass the API key alone");
            }
        }
        out.println(Sha256.hex(key));
        return KeysCommand.OK;
    }
}
