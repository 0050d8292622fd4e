package io.jwtgateway.gateway.keytool;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * {@code keys dpop-proof --key PEM --method M --url U [--token T] [--nonce N] [--algorithm ALG] [--count N]}: DPoP
 * proofs (RFC 9449 §4.2) a client sends with its requests, one compact JWS a line, each for one request.
 */
final class DpopProofCommand {

    static final String NAME = "dpop-proof";

    /** RFC 9110 §9.1: a method is a token (§5.6.2). */
    private static final Pattern METHOD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** RFC 6750 §2.1 and RFC 9449 §7.1: the token as the Authorization header carries it, a b64token. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    /** RFC 9449 §8: NQCHAR, visible ASCII but the double quote and the backslash. */
    private static final Pattern NONCE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final Pattern SCHEME = Pattern.compile("(?i)https?");

    private final PrintStream out;
    private final Clock clock;
    private final SecureRandom random;

    DpopProofCommand(PrintStream out, Clock clock, SecureRandom random) {
        this.out = out;
        this.clock = clock;
        this.random = random;
    }

    int run(List<String> args) throws Misuse {
        Arguments arguments = Arguments.parse(args,
                Set.of("key", "algorithm", "method", "url", "token", "nonce", "count"));
        arguments.positional(0, "no arguments");
        String path = arguments.required("key");
        String method = method(arguments.required("method"));
        String url = targetUri(arguments.required("url"));
        @Nullable String token = matching("--token", TOKEN, arguments.option("token"),
                "an access token (RFC 6750 b64token characters)");
        @Nullable String nonce = matching("--nonce", NONCE, arguments.option("nonce"),
                "visible ASCII without '\"' or '\\' (RFC 9449 §8)");
        int count = count(arguments.option("count"));
        ProofKey key = ProofKey.read(path, arguments.option("algorithm"));

        ProofSigner signer = new ProofSigner(key, method, url, token, nonce, clock, random);
        for (int i = 0; i < count; i++) {
            out.println(signer.sign());
        }
        return KeysCommand.OK;
    }

    /** Upper-cased, as every method RFC 9110 §9.3 defines is; names are case-sensitive (§9.1): get is not GET. */
    private static String method(String method) throws Misuse {
        if (!METHOD.matcher(method).matches()) {
            throw new Misuse("--method must be an HTTP method, like GET or POST");
        }
        return method.toUpperCase(Locale.ROOT);
    }

    /** RFC 9449 §4.2: {@code htu} is the target URI without its query and fragment, which are cut off here. */
    private static String targetUri(String url) throws Misuse {
        if (!isHttpUrl(url)) {
            throw new Misuse("--url must be an absolute http or https URL");
        }
        return url.split("[?#]", 2)[0];                 // neither may appear unescaped before the query
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && SCHEME.matcher(uri.getScheme()).matches() && uri.getHost() != null;
        } catch (URISyntaxException ex) {
            return false;
        }
    }

    private static @Nullable String matching(String option, Pattern pattern, @Nullable String value, String what)
            throws Misuse {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new Misuse(option + " must be " + what);
        }
        return value;
    }

    private static int count(@Nullable String count) throws Misuse {
        if (count == null) {
            return 1;
        }
        try {
            int parsed = Integer.parseInt(count);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, as zero is
        }
        throw new Misuse("--count must be a whole number from 1 to " + Integer.MAX_VALUE);
    }
}
