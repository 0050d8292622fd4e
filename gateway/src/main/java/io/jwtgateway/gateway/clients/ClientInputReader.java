package io.jwtgateway.gateway.clients;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.config.RateLimitProperties.Limit;
import io.jwtgateway.gateway.refusal.InvalidField;
import org.jspecify.annotations.Nullable;

/**
 * Reads client metadata from the members of a JSON object (already parsed strictly: one object, no duplicate keys),
 * checking each member's type and bounds, and gathering every problem, each naming its member, never quoting a value.
 */
public final class ClientInputReader {

    /** URL-safe without encoding: it is a path segment of the operator API and the RFC 7592 client URI. */
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,63}");
    static final Pattern ROLE = Pattern.compile("[\\x21-\\x7E]{1,64}");
    /** RFC 6749 §3.3: a scope token is NQCHAR, printable ASCII but the space, {@code "} and {@code \}. */
    static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");
    static final int MAX_TEXT = 200;
    static final int MAX_ROLES = 32;
    static final int MAX_SCOPES = 32;
    /** A service name, as {@code gateway.services} takes it: a DNS label. */
    static final Pattern SERVICE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    static final int MAX_AUDIENCES = 32;

    private final Set<Member> accepted;
    private final Set<Member> nullable;
    private final boolean ignoreUnknown;
    private final Duration maxLifetime;
    private final Instant now;
    private final List<InvalidField> problems = new ArrayList<>();
    private final Set<Member> present = EnumSet.noneOf(Member.class);

    /**
     * @param accepted      the members this request may set; another one of ours is a problem
     * @param nullable      the members a JSON {@code null} may remove
     * @param ignoreUnknown whether a member that is not ours is skipped (RFC 7591 §2) or a problem
     * @param maxLifetime   {@code gateway.auth.max-token-lifetime}, the most {@code token_lifetime} may be
     * @param now           for {@code client_secret_expires_at}, which must be later
     */
    ClientInputReader(Set<Member> accepted, Set<Member> nullable, boolean ignoreUnknown, Duration maxLifetime,
            Instant now) {
        this.accepted = accepted;
        this.nullable = nullable;
        this.ignoreUnknown = ignoreUnknown;
        this.maxLifetime = maxLifetime;
        this.now = now;
    }

    /**
     * Reads {@code members} with a new reader (see the constructor for the parameters).
     *
     * @return the input, and every problem found: when there is one, the input is not to be used
     */
    public static Read read(Map<?, ?> members, Set<Member> accepted, Set<Member> nullable, boolean ignoreUnknown,
            Duration maxLifetime, Instant now) {
        ClientInputReader reader = new ClientInputReader(accepted, nullable, ignoreUnknown, maxLifetime, now);
        ClientInput input = reader.read(members);
        return new Read(input, reader.problems());
    }

    /**
     * What a read found.
     *
     * @param input    the members read
     * @param problems every problem, in the order of the members
     */
    public record Read(ClientInput input, List<InvalidField> problems) {

        public Read {
            problems = List.copyOf(problems);
        }
    }

    /** Every problem found by {@link #read}, in the order of the members; empty when the input is good. */
    List<InvalidField> problems() {
        return List.copyOf(problems);
    }

    ClientInput read(Map<?, ?> members) {
        @Nullable String clientId = null;
        @Nullable String name = null;
        @Nullable String subject = null;
        @Nullable List<String> roles = null;
        @Nullable List<String> scopes = null;
        @Nullable Set<GrantType> grantTypes = null;
        @Nullable Duration tokenLifetime = null;
        @Nullable Limit rateLimit = null;
        @Nullable Boolean dpopBound = null;
        @Nullable ClientStatus status = null;
        @Nullable Instant secretExpiresAt = null;
        @Nullable List<String> exchangeAudiences = null;
        for (Map.Entry<?, ?> entry : members.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Member member = Member.of(key).orElse(null);
            if (member == null) {
                if (!ignoreUnknown) {
                    problem(pointerEscaped(key), "is not a member of client metadata");
                }
                continue;
            }
            if (!accepted.contains(member)) {
                problem(key, "cannot be set here");
                continue;
            }
            Object value = entry.getValue();
            if (value == null) {
                if (nullable.contains(member)) {
                    present.add(member);
                } else {
                    problem(key, "must not be null");
                }
                continue;
            }
            int before = problems.size();
            switch (member) {
                case CLIENT_ID -> clientId = matching(key, value, CLIENT_ID,
                        "must be 1 to 64 letters, digits, '.', '_', '~' or '-', starting with a letter or digit");
                case CLIENT_NAME -> name = text(key, value);
                case SUBJECT -> subject = text(key, value);
                case ROLES -> roles = roles(key, value);
                case SCOPE -> scopes = scopes(key, value);
                case GRANT_TYPES -> grantTypes = grantTypes(key, value);
                case TOKEN_LIFETIME -> tokenLifetime = lifetime(key, value);
                case RATE_LIMIT -> rateLimit = limit(key, value);
                case DPOP_BOUND -> dpopBound = bool(key, value);
                case STATUS -> status = status(key, value);
                case SECRET_EXPIRES_AT -> secretExpiresAt = expiry(key, value);
                case TOKEN_EXCHANGE_AUDIENCES -> exchangeAudiences = services(key, value);
            }
            if (problems.size() == before) {
                present.add(member);
            }
        }
        return new ClientInput(present, clientId, name, subject, roles, scopes, grantTypes, tokenLifetime, rateLimit,
                dpopBound, status, secretExpiresAt, exchangeAudiences);
    }

    /** An expiry in seconds since the epoch, 0 for never; for a new key's {@code expires_at} too. */
    @Nullable Instant expiry(String key, Object value) {
        Long seconds = integer(key, value);
        if (seconds == null || seconds == 0) {
            return null;
        }
        if (seconds < 0 || seconds <= now.getEpochSecond()) {
            problem(key, "must be a time in the future, in seconds since the epoch, or 0 for never");
            return null;
        }
        return Instant.ofEpochSecond(seconds);
    }

    private @Nullable String matching(String key, Object value, Pattern pattern, String rule) {
        if (!(value instanceof String text) || !pattern.matcher(text).matches()) {
            problem(key, rule);
            return null;
        }
        return text;
    }

    private @Nullable String text(String key, Object value) {
        if (!(value instanceof String text) || text.isBlank() || text.length() > MAX_TEXT
                || text.chars().anyMatch(Character::isISOControl)) {
            problem(key, "must be a string of 1 to " + MAX_TEXT + " characters without control characters");
            return null;
        }
        return text;
    }

    private @Nullable List<String> roles(String key, Object value) {
        if (!(value instanceof List<?> list) || list.size() > MAX_ROLES) {
            problem(key, "must be an array of at most " + MAX_ROLES + " strings");
            return null;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String role) || !ROLE.matcher(role).matches()) {
                problem(key + "/" + i, "must be 1 to 64 printable ASCII characters without spaces");
            } else {
                roles.add(role);
            }
        }
        return List.copyOf(roles);
    }

    private @Nullable List<String> services(String key, Object value) {
        if (!(value instanceof List<?> list) || list.size() > MAX_AUDIENCES) {
            problem(key, "must be an array of at most " + MAX_AUDIENCES + " service names");
            return null;
        }
        Set<String> services = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String service) || !SERVICE.matcher(service).matches()) {
                problem(key + "/" + i, "must be a service name: lower-case letters, digits and '-'");
            } else {
                services.add(service);
            }
        }
        return List.copyOf(services);
    }

    private @Nullable List<String> scopes(String key, Object value) {
        if (!(value instanceof String text)) {
            problem(key, "must be a string of space-separated scopes");
            return null;
        }
        if (text.isEmpty()) {
            return List.of();
        }
        String[] split = text.split(" ", -1);
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : split) {
            if (!SCOPE.matcher(scope).matches()) {
                problem(key, "must be scopes separated by one space, each 1 to 64 printable ASCII characters "
                        + "without '\"' or '\\'");
                return null;
            }
            scopes.add(scope);
        }
        if (scopes.size() > MAX_SCOPES) {
            problem(key, "must hold at most " + MAX_SCOPES + " scopes");
            return null;
        }
        return List.copyOf(scopes);
    }

    private @Nullable Set<GrantType> grantTypes(String key, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problem(key, "must be a non-empty array of client_credentials and api_key");
            return null;
        }
        Set<GrantType> grants = EnumSet.noneOf(GrantType.class);
        for (int i = 0; i < list.size(); i++) {
            GrantType grant = list.get(i) instanceof String text ? GrantType.of(text).orElse(null) : null;
            if (grant == null) {
                problem(key + "/" + i, "must be client_credentials or api_key");
            } else {
                grants.add(grant);
            }
        }
        return grants;
    }

    private @Nullable Duration lifetime(String key, Object value) {
        Long seconds = integer(key, value);
        if (seconds == null) {
            return null;
        }
        if (seconds < 1 || seconds > maxLifetime.toSeconds()) {
            problem(key, "must be from 1 to " + maxLifetime.toSeconds()
                    + " seconds (gateway.auth.max-token-lifetime)");
            return null;
        }
        return Duration.ofSeconds(seconds);
    }

    private @Nullable Limit limit(String key, Object value) {
        if (!(value instanceof Map<?, ?> members)) {
            problem(key, "must be an object with replenish_rate and burst_capacity");
            return null;
        }
        Long rate = null;
        Long burst = null;
        for (Map.Entry<?, ?> entry : members.entrySet()) {
            String name = String.valueOf(entry.getKey());
            switch (name) {
                case "replenish_rate" -> rate = integer(key + "/" + name, entry.getValue());
                case "burst_capacity" -> burst = integer(key + "/" + name, entry.getValue());
                default -> problem(key + "/" + pointerEscaped(name), "is not a member of rate_limit");
            }
        }
        if (!members.containsKey("replenish_rate") || !members.containsKey("burst_capacity")) {
            problem(key, "must have replenish_rate and burst_capacity");
            return null;
        }
        if (rate == null || burst == null) {
            return null;
        }
        if (rate < 1 || rate > 1_000_000) {
            problem(key + "/replenish_rate", "must be from 1 to 1000000 requests a second");
            return null;
        }
        if (burst < rate || burst > 1_000_000) {
            problem(key + "/burst_capacity", "must be from replenish_rate to 1000000");
            return null;
        }
        return new Limit(rate.intValue(), burst.intValue());
    }

    private @Nullable Boolean bool(String key, Object value) {
        if (!(value instanceof Boolean flag)) {
            problem(key, "must be true or false");
            return null;
        }
        return flag;
    }

    private @Nullable ClientStatus status(String key, Object value) {
        ClientStatus status = value instanceof String text ? ClientStatus.of(text).orElse(null) : null;
        if (status == null) {
            problem(key, "must be active or disabled");
        }
        return status;
    }

    /** A JSON integer (not 1.0, not "1"), within a long. */
    private @Nullable Long integer(String key, @Nullable Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger) {
            problem(key, "is too large");
            return null;
        }
        problem(key, "must be a whole number");
        return null;
    }

    /** RFC 6901 §3: {@code ~} and {@code /} in a member name, escaped for a pointer. */
    private static String pointerEscaped(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private void problem(String member, String detail) {
        problems.add(InvalidField.of(member, detail));
    }
}
