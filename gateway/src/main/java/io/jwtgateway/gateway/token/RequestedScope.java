package io.jwtgateway.gateway.token;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Decides the scopes a token request is granted (RFC 6749 §3.3). */
final class RequestedScope {

    /** RFC 6749 §3.3: a scope-token is printable ASCII except {@code "} and {@code \}. */
    private static final String TOKEN = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+";

    /** RFC 6749 §3.3: {@code scope-token *( SP scope-token )}, so one space between tokens and none around them. */
    private static final Pattern SCOPE = Pattern.compile(TOKEN + "(?: " + TOKEN + ")*");

    private RequestedScope() {
    }

    /**
     * The scopes to grant: all of {@code allowed} when none are requested, else the requested ones, in the order asked,
     * each once. Empty when the request is malformed or asks for a scope outside {@code allowed}: no silent narrowing,
     * so a client never holds less than it believes.
     */
    static Optional<List<String>> grant(@Nullable String requested, List<String> allowed) {
        if (requested == null) {
            return Optional.of(allowed);
        }
        if (!SCOPE.matcher(requested).matches()) {
            return Optional.empty();
        }
        List<String> scopes = Arrays.stream(requested.split(" ")).distinct().toList();
        return allowed.containsAll(scopes) ? Optional.of(scopes) : Optional.empty();
    }
}
