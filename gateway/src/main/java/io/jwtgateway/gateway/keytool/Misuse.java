package io.jwtgateway.gateway.keytool;

/** A command line the {@code keys} command cannot run: carries the message to show with the usage, nothing else. */
final class Misuse extends Exception {

    Misuse(String message) {
        super(message, null, false, false);
    }
}
