package io.jwtgateway.gateway.keytool;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.crypto.SigningAlgorithm;

/**
 * {@code java -jar gateway.jar keys <subcommand>}: makes signing keys and API keys for the gateway's configuration,
 * and DPoP proofs for its clients, without starting it; and manages a running gateway's clients and their keys through
 * its operator API. Output is for an operator's terminal, or a script's pipe; every secret it prints is printed once,
 * nowhere else.
 */
public final class KeysCommand {

    /** The first program argument that selects this command instead of starting the gateway. */
    public static final String NAME = "keys";

    static final int OK = 0;
    static final int FAILED = 1;
    static final int MISUSE = 2;

    static final String USAGE = """
            Usage: java -jar gateway.jar keys <subcommand>

              generate <ALG> [--out DIR]
                  A signing key for gateway.auth.signing. For %s:
                  a key pair (private key as PKCS#8 PEM, public key as X.509 PEM, public JWK with its kid);
                  --out DIR writes DIR/private.pem (mode 600) and DIR/public.pem instead of printing the keys.
                  For %s: a random secret for gateway.auth.hmac-secret.
              api-key [--subject S] [--client-id C] [--roles a,b]
                  A random API key, printed once, and its gateway.auth.api-keys entry (which holds its SHA-256).
                  The subject defaults to the client id, else to "api-client".
              hash-api-key
                  Reads an API key (one line) from stdin and prints its SHA-256 in hex.
              dpop-proof --key PEM --method M --url U [--token T] [--nonce N] [--algorithm ALG] [--count N]
                  DPoP proofs (RFC 9449) signed with the PKCS#8 private key in PEM, one a line, each with its own
                  jti: for a request of method M to URL U (query and fragment left out), bound to access token T
                  and carrying the server's DPoP-Nonce N when given. ALG defaults to PS256 for an RSA key, ES256,
                  ES384 or ES512 by the EC curve, and EdDSA for Ed25519; --count N prints N proofs (default 1).
              dpop-thumbprint --key PEM
                  The SHA-256 JWK thumbprint (RFC 7638) of the key, base64url: the cnf.jkt of a token bound to it.

              client list | show ID | delete ID | disable ID | enable ID
              client create [--id ID] [--name N] [--subject S] [--roles a,b] [--scope "a b"]
                            [--grant-types client_credentials,api_key] [--token-lifetime D] [--rate-limit RATE/BURST]
                            [--dpop-bound true|false] [--exchange-audiences service,...] [--expires-in D]
              client update ID [the options of create, but --id and --expires-in]
                  A running gateway's clients, through its operator API. create prints the client's first API key,
                  shown this once; --expires-in D makes that key expire (D: 90d, 12h, 30m or seconds).
              key add ID [--expires-in D]
                  One more key for client ID, printed this once: give it to the client, then revoke the old one.
              key revoke ID KEY_ID
                  Revokes the key: it gets no more tokens, and the tokens it got are refused.
                  Each of client and key takes --gateway URL (default $GATEWAY_URL, else http://localhost:8080: where
                  the operator endpoints are, the management port when it has one) and --token T (default
                  $GATEWAY_TOKEN: an admin-role token, which the management port does without).
              help
                  Shows this text.

            Exit status: 0 done, 1 a file could not be written or the gateway refused, 2 a wrong command line.
            """.formatted(
            SigningAlgorithm.names(SigningAlgorithm.offered(algorithm -> !algorithm.isSymmetric()), "and"),
            SigningAlgorithm.names(SigningAlgorithm.offered(SigningAlgorithm::isSymmetric), "and"));

    private final PrintStream out;
    private final PrintStream err;
    private final GenerateCommand generate;
    private final ApiKeyCommand apiKey;
    private final HashApiKeyCommand hashApiKey;
    private final DpopProofCommand dpopProof;
    private final DpopThumbprintCommand dpopThumbprint;
    private final ClientCommand clients;

    public KeysCommand(InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, System.getenv());
    }

    /** With {@code environment} for {@code GATEWAY_URL} and {@code GATEWAY_TOKEN}. */
    KeysCommand(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        SecureRandom random = new SecureRandom();
        this.out = out;
        this.err = err;
        this.generate = new GenerateCommand(out, random);
        this.apiKey = new ApiKeyCommand(out, random);
        this.hashApiKey = new HashApiKeyCommand(in, out);
        this.dpopProof = new DpopProofCommand(out, Clock.systemUTC(), random);
        this.dpopThumbprint = new DpopThumbprintCommand(out);
        this.clients = new ClientCommand(out, err, environment, Clock.systemUTC());
    }

    /** Runs the subcommand named by {@code args[0]}; returns the process exit status. */
    public int run(String... args) {
        List<String> rest = args.length == 0 ? List.of() : List.of(args).subList(1, args.length);
        try {
            if (args.length == 0) {
                throw new Misuse("which subcommand?");
            }
            if (rest.contains("--help")) {
                return help();
            }
            return switch (args[0]) {
                case GenerateCommand.NAME -> generate.run(rest);
                case ApiKeyCommand.NAME -> apiKey.run(rest);
                case HashApiKeyCommand.NAME -> hashApiKey.run(rest);
                case DpopProofCommand.NAME -> dpopProof.run(rest);
                case DpopThumbprintCommand.NAME -> dpopThumbprint.run(rest);
                case ClientCommand.CLIENT -> clients.client(rest);
                case ClientCommand.KEY -> clients.key(rest);
                case "help", "--help", "-h" -> help();
                default -> throw new Misuse("unknown subcommand " + args[0]);
            };
        } catch (Misuse ex) {
            err.println("keys: " + ex.getMessage());
            err.println();
            err.print(USAGE);
            return MISUSE;
        } catch (IOException ex) {
            err.println("keys: " + (ex instanceof FileAlreadyExistsException exists
                    ? exists.getFile() + " already exists; not overwriting it"
                    : ex.getClass().getSimpleName() + ": " + ex.getMessage()));
            return FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int help() {
        out.print(USAGE);
        return OK;
    }
}
