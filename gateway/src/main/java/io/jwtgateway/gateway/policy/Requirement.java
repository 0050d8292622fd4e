package io.jwtgateway.gateway.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.verify.AuthError;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a route asks of a request, read from its metadata: {@code auth: public}, {@code auth: authenticated} (the
 * default: a route that says nothing needs a valid token), and {@code roles}, every one of which the token must hold.
 *
 * @param isPublic whether the route is open without a token
 * @param roles    the roles a token must all hold; empty for any valid token
 */
public record Requirement(boolean isPublic, List<String> roles) {

    static final String AUTH_KEY = "auth";
    static final String ROLES_KEY = "roles";

    static final Requirement PUBLIC = new Requirement(true, List.of());
    static final Requirement AUTHENTICATED = new Requirement(false, List.of());

    /** Role names appear in the RFC 6750 error description, so they are plain tokens. */
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public Requirement {
        roles = List.copyOf(roles);
    }

    /** Reads a route's metadata; an unclear policy is an {@link IllegalArgumentException}, never a guess. */
    static Requirement from(Map<String, Object> metadata) {
        @Nullable Object auth = metadata.get(AUTH_KEY);
        List<String> roles = roles(metadata.get(ROLES_KEY));
        if ("public".equals(auth)) {
            if (!roles.isEmpty()) {
                throw new IllegalArgumentException("metadata 'auth: public' cannot be combined with 'roles'");
            }
            return PUBLIC;
        }
        if (auth != null && !"authenticated".equals(auth)) {
            throw new IllegalArgumentException("metadata 'auth' must be 'public' or 'authenticated'");
        }
        return roles.isEmpty() ? AUTHENTICATED : new Requirement(false, roles);
    }

    /** The token when it holds every required role; insufficient_scope naming the first missing one otherwise. */
    public Mono<VerifiedToken> admit(VerifiedToken token) {
        for (String role : roles) {
            if (!token.hasRole(role)) {
                return AuthError.insufficientScope(role).reject();
            }
        }
        return Mono.just(token);
    }

    private static List<String> roles(@Nullable Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> roles = new ArrayList<>();
        if (value instanceof String text) {
            for (String role : text.split(",")) {
                roles.add(role.trim());
            }
        } else if (value instanceof Collection<?> list) {
            list.forEach(role -> roles.add(String.valueOf(role).trim()));
        } else if (value instanceof Map<?, ?> indexed) {              // a YAML list bound as {"0": …, "1": …}
            indexed.values().forEach(role -> roles.add(String.valueOf(role).trim()));
        } else {
            throw new IllegalArgumentException("metadata 'roles' must be a list of role names");
        }
        for (String role : roles) {
            if (!ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException(
                        "metadata 'roles' entries must be 1-64 letters, digits or _ . : - characters");
            }
        }
        return roles;
    }
}
