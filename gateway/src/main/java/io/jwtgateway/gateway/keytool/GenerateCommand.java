package io.jwtgateway.gateway.keytool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import io.jsonwebtoken.security.PublicJwk;
import io.jwtgateway.gateway.crypto.SigningAlgorithm;
import io.jwtgateway.gateway.keytool.KeyFiles.Written;
import io.jwtgateway.gateway.verify.Algorithms;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code keys generate <ALG> [--out DIR]}: a signing key for {@code gateway.auth.signing}. A key pair is made and
 * described by the same code the gateway loads it with, so the printed {@code kid} is the one its tokens will carry.
 */
final class GenerateCommand {

    static final String NAME = "generate";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final PrintStream out;
    private final SecureRandom random;

    GenerateCommand(PrintStream out, SecureRandom random) {
        this.out = out;
        this.random = random;
    }

    int run(List<String> args) throws Misuse, IOException {
        Arguments arguments = Arguments.parse(args, Set.of("out"));
        String name = arguments.positional(1, "one algorithm").get(0);
        SigningAlgorithm algorithm = SigningAlgorithm.of(name).filter(SigningAlgorithm::isOffered)
                .orElseThrow(() -> new Misuse("unknown algorithm " + name + "; use one of "
                        + SigningAlgorithm.names(SigningAlgorithm.offered())));
        @Nullable String directory = arguments.option("out");
        if (directory != null && directory.isBlank()) {
            throw new Misuse("--out needs a directory");
        }
        if (algorithm.isSymmetric()) {
            if (directory != null) {
                throw new Misuse("--out is for key pairs; " + algorithm + " uses a secret, which is only printed");
            }
            printSecret(algorithm);
        } else {
            generatePair(algorithm, directory == null ? null : Path.of(directory));
        }
        return KeysCommand.OK;
    }

    /** Base64url text, used as written: the gateway signs with its UTF-8 bytes, which outnumber the random ones. */
    private void printSecret(SigningAlgorithm algorithm) {
        byte[] secret = new byte[algorithm.hmacSecretBytes()];  // RFC 7518 §3.2: as long as the hash output
        random.nextBytes(secret);
        out.println("# " + algorithm + " secret: " + secret.length + " random bytes, base64url. Keep it "
                + "secret; every replica needs the same one.");
        out.print(Snippets.property("gateway.auth.signing.algorithm", algorithm.jwsName()));
        out.print(Snippets.property("gateway.auth.hmac-secret", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(secret)));
    }

    private void generatePair(SigningAlgorithm algorithm, @Nullable Path directory) throws IOException {
        // A PS256 key is a plain RSA key (RFC 7518 §3.5): JJWT would tag it RSASSA-PSS, which many verifiers cannot
        // read from a PEM file. RS256 makes the same 2048-bit key without the tag.
        KeyPair pair = Algorithms.generate(algorithm == SigningAlgorithm.PS256 ? SigningAlgorithm.RS256 : algorithm);
        PublicJwk<?> jwk = Algorithms.publicJwk(pair.getPublic(), algorithm);
        String privatePem = Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded());
        String publicPem = Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded());
        @Nullable Written written = directory == null
                ? null
                : KeyFiles.write(directory, privatePem, publicPem);   // first: a refusal prints nothing
        out.println("# " + algorithm + " key pair, kid " + jwk.getId());
        if (written == null) {
            out.println("# Private key (PKCS#8): keep it secret, in a file only the gateway can read");
            out.print(privatePem);
            out.println("# Public key (X.509 SubjectPublicKeyInfo)");
            out.print(publicPem);
        } else {
            out.println("# Wrote " + written.privateKey() + (written.ownerOnly() ? " (mode 600)" : "") + " and "
                    + written.publicKey());
        }
        out.println("# Public JWK (RFC 7517), as the gateway publishes it");
        out.println(JSON.writeValueAsString(new TreeMap<>(jwk)));
        out.println("# Properties");
        out.print(Snippets.property("gateway.auth.signing.algorithm", algorithm.jwsName()));
        out.print(Snippets.property("gateway.auth.signing.private-key", written == null
                ? "/path/to/private.pem"
                : written.privateKey().toString()));
        out.println("# On rotation, list the old public.pem in gateway.auth.signing.previous-public-keys until the "
                + "tokens it signed expire.");
    }
}
