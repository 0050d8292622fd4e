package io.jwtgateway.gateway.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.jsonwebtoken.Claims;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import org.jspecify.annotations.Nullable;

/**
 * What one issuer's tokens must hold beyond a good signature, and how their claims become a {@link VerifiedToken}:
 * {@code exp} (RFC 8725 §3.10), {@code sub}, an accepted {@code aud}, an {@code iat} not in the future, a lifetime no
 * longer than the maximum, roles and scopes of the expected shape, and a {@code cnf} that is a DPoP key thumbprint.
 * The gateway's own tokens must also carry a {@code jti}, and their {@code client_id} and {@code key_id}, when present,
 * are read as strings; another issuer's are left alone. The gateway's own tokens may instead be addressed to one of
 * the configured services (RFC 8693 token exchange): a closed set, read into {@link VerifiedToken#service()}.
 */
final class ClaimRules {

    /** A SHA-256 digest in unpadded base64url: 43 characters. */
    /** How deep {@code act} claims may nest: a chain of services longer than this is refused. */
    private static final int MAX_ACTORS = 8;

    private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");

    private final String issuer;
    private final Set<String> audiences;
    private final Set<String> services;
    private final List<String> rolesPath;
    private final boolean own;
    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final Clock clock;

    /**
     * {@code own}: the rules of the gateway's own tokens; {@code services}: the service names such a token may be
     * addressed to instead of {@code audiences}, empty for another issuer's.
     */
    ClaimRules(String issuer, List<String> audiences, Set<String> services, String rolesClaim, boolean own,
            Duration maxLifetime, Duration clockSkew, Clock clock) {
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.services = Set.copyOf(services);
        this.rolesPath = List.of(rolesClaim.split("\\."));
        this.own = own;
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /** The trusted claims; {@link AuthException} names the first rule broken. */
    VerifiedToken apply(Claims claims) {
        Date expiration = claims.getExpiration();
        if (expiration == null) {
            throw refuse("The token has no expiry");
        }
        Instant now = clock.instant();
        Date issuedAt = claims.getIssuedAt();
        if (issuedAt != null && issuedAt.toInstant().isAfter(now.plus(clockSkew))) {
            throw refuse("The token is issued in the future");
        }
        Instant start = issuedAt != null ? issuedAt.toInstant() : now;
        if (Duration.between(start, expiration.toInstant()).compareTo(maxLifetime) > 0) {
            throw refuse("The token lifetime exceeds the maximum");
        }
        String service = service(claims.getAudience());
        String subject = claims.getSubject();
        String tokenId = claims.getId();
        if (subject == null || subject.isEmpty() || (own && (tokenId == null || tokenId.isEmpty()))) {
            throw refuse("The token lacks a subject or token id");
        }
        List<String> roles = strings(claimAt(claims, rolesPath));
        if (roles == null) {
            throw refuse("The token roles are not a list of strings");
        }
        List<String> scopes = scopes(claims);
        if (scopes == null) {
            throw refuse("The token scopes are not a string or list of strings");
        }
        return new VerifiedToken(issuer, subject, roles, scopes, tokenId == null || tokenId.isEmpty() ? null : tokenId,
                issuedAt == null ? null : issuedAt.toInstant(), expiration.toInstant(), keyBinding(claims),
                own ? text(claims, TokenVerifier.CLIENT_ID_CLAIM) : null,
                own ? text(claims, TokenVerifier.KEY_ID_CLAIM) : null,
                service, actor(claims.get(TokenVerifier.ACTOR_CLAIM), 0));
    }

    /**
     * Null for a token with an accepted audience, good on every route; else the one service it is addressed to, when
     * that is one of {@link #services}; else the token is refused.
     */
    private @Nullable String service(@Nullable Set<String> audience) {
        if (audience == null) {
            throw new AuthException(AuthError.wrongAudience());
        }
        String service = null;
        for (String value : audience) {
            if (audiences.contains(value)) {
                return null;
            }
            if (services.contains(value)) {
                service = value;
            }
        }
        if (service == null || audience.size() != 1) {       // a service token names that one service alone
            throw new AuthException(AuthError.wrongAudience());
        }
        return service;
    }

    /**
     * RFC 8693 §4.1 {@code act}: an object naming the actor by {@code sub} (and {@code iss} when it has one), with the
     * actor before it nested as its own {@code act}; null when absent. Only those members are kept. A malformed one
     * refuses a token of ours, and is ignored in another issuer's, where it decides nothing here.
     */
    private @Nullable Map<String, Object> actor(@Nullable Object act, int depth) {
        if (act == null) {
            return null;
        }
        if (!(act instanceof Map<?, ?> members) || depth >= MAX_ACTORS
                || !(members.get("sub") instanceof String subject) || subject.isEmpty()) {
            if (own) {
                throw refuse("The token actor (act) is not an object with a sub");
            }
            return null;
        }
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("sub", subject);
        if (members.get("iss") instanceof String actorIssuer) {
            actor.put("iss", actorIssuer);
        }
        Map<String, Object> before = actor(members.get(TokenVerifier.ACTOR_CLAIM), depth + 1);
        if (before != null) {
            actor.put(TokenVerifier.ACTOR_CLAIM, before);
        }
        return Collections.unmodifiableMap(actor);
    }

    /** A string claim of the gateway's own tokens; null when absent. */
    private static @Nullable String text(Claims claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isEmpty()) {
            throw refuse("The token " + name + " is not a string");
        }
        return text;
    }

    /**
     * RFC 9449 §6.1 {@code cnf.jkt}, a SHA-256 thumbprint in base64url; null without {@code cnf}. A token confirmed by
     * any other method (an mTLS {@code x5t#S256}, say) is refused: the gateway cannot check it, and would otherwise
     * take a sender-constrained token for a bearer one.
     */
    private static @Nullable String keyBinding(Claims claims) {
        Object confirmation = claims.get("cnf");
        if (confirmation == null) {
            return null;
        }
        if (!(confirmation instanceof Map<?, ?> members) || members.size() != 1
                || !(members.get("jkt") instanceof String thumbprint) || !THUMBPRINT.matcher(thumbprint).matches()) {
            throw refuse("The token confirmation (cnf) is not a DPoP key thumbprint");
        }
        return thumbprint;
    }

    private static @Nullable Object claimAt(Map<String, ?> claims, List<String> path) {
        Object value = claims;
        for (String name : path) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(name);
        }
        return value;
    }

    /** RFC 8693 §4.2 {@code scope}: one space-separated string; {@code scp}: the list some providers send instead. */
    private static @Nullable List<String> scopes(Claims claims) {
        Object scope = claims.get("scope");
        if (scope == null) {
            scope = claims.get("scp");
        }
        if (scope instanceof String text) {
            return text.isBlank() ? List.of() : List.of(text.trim().split(" +"));
        }
        return strings(scope);
    }

    private static @Nullable List<String> strings(@Nullable Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (!(claim instanceof List<?> values)) {
            return null;
        }
        List<String> strings = new ArrayList<>(values.size());
        for (Object value : values) {
            if (!(value instanceof String text)) {
                return null;
            }
            strings.add(text);
        }
        return strings;
    }

    private static AuthException refuse(String why) {
        return new AuthException(AuthError.invalidClaims(why));
    }
}
