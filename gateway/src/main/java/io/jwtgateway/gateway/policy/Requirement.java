package io.jwtgateway.gateway.policy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a route asks of a request, read from its metadata: {@code auth: public}, {@code auth: authenticated} (the
 * default: a route that says nothing needs a valid token), {@code roles}, every one of which the token must hold, and
 * {@code scopes}, all of which ({@code scope-match: all}, the default) or one of which ({@code scope-match: any}) the
 * token's {@code scope} claim must hold, and {@code dpop: required}, a token bound to a DPoP key (RFC 9449), or
 * {@code dpop: optional}, the default. A token made by token exchange, addressed to one service (RFC 8693), is good
 * only on a route of that service: an {@code lb://<service>} route, or one whose {@code audience} metadata names it.
 *
 * @param isPublic whether the route is open without a token
 * @param roles    the roles a token must all hold; empty for any valid token
 * @param scopes   the scopes asked for; empty for none
 * @param anyScope whether one of {@code scopes} is enough
 * @param dpop     whether only a token bound to a DPoP key, with its proof, is accepted
 * @param service  the service whose exchanged tokens are accepted too: the route's {@code lb://} service or its
 *                 {@code audience} metadata; null where only tokens good on every route are
 */
public record Requirement(boolean isPublic, List<String> roles, List<String> scopes, boolean anyScope, boolean dpop,
        @Nullable String service) {

    static final String AUTH_KEY = "auth";
    static final String ROLES_KEY = "roles";
    static final String SCOPES_KEY = "scopes";
    static final String SCOPE_MATCH_KEY = "scope-match";
    static final String DPOP_KEY = "dpop";
    static final String AUDIENCE_KEY = "audience";
    /** Not a requirement: whether the backend gets the identity assertion, read by the assertion feature. */
    static final String ASSERTION_KEY = "assertion";

    static final Requirement PUBLIC = new Requirement(true, List.of(), List.of(), false, false, null);
    /** Any valid token. */
    public static final Requirement AUTHENTICATED = new Requirement(false, List.of(), List.of(), false, false, null);
    /** A token with the admin role: the operator endpoints, introspection. */
    public static final Requirement ADMIN = new Requirement(false, List.of("admin"), List.of(), false, false, null);

    /** Role and scope names appear in the RFC 6750 error description, so they are plain tokens. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");
    /** A service name, as {@code gateway.services} takes it: a DNS label. */
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final String LOAD_BALANCED = "lb";

    public Requirement {
        roles = List.copyOf(roles);
        scopes = List.copyOf(scopes);
    }

    /** {@link #from(Map, URI)} for a route that sends to no {@code lb://} service. */
    static Requirement from(Map<String, Object> metadata) {
        return from(metadata, null);
    }

    /** Reads a route's metadata and URI; an unclear policy is an {@link UnclearPolicy}, never a guess. */
    static Requirement from(Map<String, Object> metadata, @Nullable URI uri) {
        String service = service(metadata.get(AUDIENCE_KEY), uri);
        boolean isPublic = isPublic(metadata.get(AUTH_KEY));
        List<String> roles = names(ROLES_KEY, metadata.get(ROLES_KEY));
        List<String> scopes = names(SCOPES_KEY, metadata.get(SCOPES_KEY));
        boolean anyScope = anyScope(metadata.get(SCOPE_MATCH_KEY));
        boolean dpop = dpop(metadata.get(DPOP_KEY));
        if (isPublic) {
            if (!roles.isEmpty() || !scopes.isEmpty() || dpop || metadata.get(AUDIENCE_KEY) != null) {
                throw new UnclearPolicy(AUTH_KEY,
                        "'public' cannot be combined with 'roles', 'scopes', 'dpop' or 'audience'");
            }
            return PUBLIC;
        }
        return roles.isEmpty() && scopes.isEmpty() && !dpop && service == null
                ? AUTHENTICATED
                : new Requirement(false, roles, scopes, anyScope, dpop, service);
    }

    /** Every unclear key of a route's metadata, each once; empty when {@link #from} reads it. */
    static List<UnclearPolicy> unclear(Map<String, Object> metadata, @Nullable URI uri) {
        List<UnclearPolicy> found = new ArrayList<>();
        collect(found, () -> service(metadata.get(AUDIENCE_KEY), uri));
        collect(found, () -> isPublic(metadata.get(AUTH_KEY)));
        collect(found, () -> names(ROLES_KEY, metadata.get(ROLES_KEY)));
        collect(found, () -> names(SCOPES_KEY, metadata.get(SCOPES_KEY)));
        collect(found, () -> anyScope(metadata.get(SCOPE_MATCH_KEY)));
        collect(found, () -> dpop(metadata.get(DPOP_KEY)));
        collect(found, () -> assertion(metadata.get(ASSERTION_KEY)));
        if (found.isEmpty()) {
            collect(found, () -> from(metadata, uri));          // keys clear alone, but not together
        }
        return found;
    }

    private static void collect(List<UnclearPolicy> found, Supplier<?> read) {
        try {
            read.get();
        } catch (UnclearPolicy ex) {
            found.add(ex);
        }
    }

    private static boolean isPublic(@Nullable Object auth) {
        if (auth == null || "authenticated".equals(auth)) {
            return false;
        }
        if ("public".equals(auth)) {
            return true;
        }
        throw new UnclearPolicy(AUTH_KEY, "must be 'public' or 'authenticated'");
    }

    /**
     * The service whose exchanged tokens the route accepts: its {@code audience} metadata, else the service of its
     * {@code lb://} URI; an {@code audience} naming another service than the URI's is unclear.
     */
    private static @Nullable String service(@Nullable Object audience, @Nullable URI uri) {
        String routed = uri != null && LOAD_BALANCED.equalsIgnoreCase(uri.getScheme()) ? uri.getHost() : null;
        if (audience == null) {
            return routed;
        }
        if (!(audience instanceof String name) || !SERVICE.matcher(name).matches()) {
            throw new UnclearPolicy(AUDIENCE_KEY, "must be a service name: lower-case letters, digits and '-'");
        }
        if (routed != null && !routed.equals(name)) {
            throw new UnclearPolicy(AUDIENCE_KEY, "must name the route's own lb:// service, or be left out");
        }
        return name;
    }

    private static boolean dpop(@Nullable Object dpop) {
        if (dpop == null || "optional".equals(dpop)) {
            return false;
        }
        if ("required".equals(dpop)) {
            return true;
        }
        throw new UnclearPolicy(DPOP_KEY, "must be 'required' or 'optional'");
    }

    /**
     * {@code assertion}: {@code true} (the default) or {@code false}, as YAML or JSON writes them or as a string, in
     * any case; a typo would leave the assertion on, so it is refused rather than guessed.
     */
    private static boolean assertion(@Nullable Object assertion) {
        if (assertion == null) {
            return true;
        }
        if (assertion instanceof Boolean value) {
            return value;
        }
        if (assertion instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw new UnclearPolicy(ASSERTION_KEY, "must be true or false");
    }

    /**
     * The token when it holds every required role and the scopes; insufficient_scope naming what is missing. A token
     * addressed to another service than this route's is refused as a token of another audience is (401
     * {@code invalid_token}): it is not a token for this resource at all, whatever it holds.
     */
    public Mono<VerifiedToken> admit(VerifiedToken token) {
        String addressed = token.service();
        if (addressed != null && !addressed.equals(service)) {
            return AuthError.wrongAudience().reject();
        }
        for (String role : roles) {
            if (!token.hasRole(role)) {
                return AuthError.insufficientScope(role).reject();
            }
        }
        if (scopes.isEmpty()) {
            return Mono.just(token);
        }
        if (anyScope) {
            return scopes.stream().anyMatch(token::hasScope)
                    ? Mono.just(token)
                    : AuthError.missingScope(String.join(" or ", scopes)).reject();
        }
        for (String scope : scopes) {
            if (!token.hasScope(scope)) {
                return AuthError.missingScope(scope).reject();
            }
        }
        return Mono.just(token);
    }

    private static boolean anyScope(@Nullable Object match) {
        if (match == null || "all".equals(match)) {
            return false;
        }
        if ("any".equals(match)) {
            return true;
        }
        throw new UnclearPolicy(SCOPE_MATCH_KEY, "must be 'all' or 'any'");
    }

    private static List<String> names(String key, @Nullable Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (value instanceof String text) {
            for (String name : text.split(",", -1)) {
                names.add(name.trim());
            }
        } else if (value instanceof Collection<?> list) {
            list.forEach(name -> names.add(String.valueOf(name).trim()));
        } else if (value instanceof Map<?, ?> indexed) {              // a YAML list bound as {"0": …, "1": …}
            indexed.values().forEach(name -> names.add(String.valueOf(name).trim()));
        } else {
            throw new UnclearPolicy(key, "must be a list of names");
        }
        // YAML's "roles: []" arrives as one empty string: a key that is present but names nothing would quietly
        // turn a role-protected route into one open to any valid token.
        if (names.stream().allMatch(String::isEmpty)) {
            String noun = ROLES_KEY.equals(key) ? "role" : "scope";
            throw new UnclearPolicy(key, "is empty; list at least one " + noun + ", or remove '" + key + "'");
        }
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new UnclearPolicy(key, "entries must be 1-64 letters, digits or _ . : / - characters");
            }
        }
        return names;
    }

    /**
     * A route's metadata does not say clearly what the route requires.
     *
     * @see RoutePolicies#problems
     */
    static final class UnclearPolicy extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String key;
        private final String reason;

        UnclearPolicy(String key, String reason) {
            super("metadata '" + key + "' " + reason);
            this.key = key;
            this.reason = reason;
        }

        /**
         * The metadata key at fault: {@code auth}, {@code roles}, {@code scopes}, {@code scope-match}, {@code dpop},
         * {@code audience} or {@code assertion}.
         */
        String key() {
            return key;
        }

        String reason() {
            return reason;
        }
    }
}
