package io.jwtgateway.gateway.keytool;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code keys dpop-thumbprint --key PEM}: the RFC 7638 SHA-256 thumbprint of a DPoP key's public JWK, base64url, which
 * a token bound to the key holds as {@code cnf.jkt} (RFC 9449 §6.1).
 */
final class DpopThumbprintCommand {

    static final String NAME = "dpop-thumbprint";

    private final PrintStream out;

    DpopThumbprintCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) throws Misuse {
        Arguments arguments = Arguments.parse(args, Set.of("key"));
        arguments.positional(0, "no arguments");
        out.println(ProofKey.read(arguments.required("key"), null).thumbprint());
        return KeysCommand.OK;
    }
}
