package io.jwtgateway.gateway.clients;

import java.util.Optional;

/** A member of client metadata in JSON: RFC 7591 §2's name where it has one, else ours. */
public enum Member {

    CLIENT_ID("client_id"),
    CLIENT_NAME("client_name"),
    SUBJECT("subject"),
    ROLES("roles"),
    SCOPE("scope"),
    GRANT_TYPES("grant_types"),
    TOKEN_LIFETIME("token_lifetime"),
    RATE_LIMIT("rate_limit"),
    /** RFC 9449 §5.2. */
    DPOP_BOUND("dpop_bound_access_tokens"),
    STATUS("status"),
    /** The services it may exchange a user's token for (RFC 8693); absent or empty: it may not exchange. */
    TOKEN_EXCHANGE_AUDIENCES("token_exchange_audiences"),
    /** The expiry of the first key, on creation only (RFC 7591 §3.2.1); 0 for never. */
    SECRET_EXPIRES_AT("client_secret_expires_at");

    private final String json;

    Member(String json) {
        this.json = json;
    }

    /** The member's name in JSON. */
    public String json() {
        return json;
    }

    static Optional<Member> of(String json) {
        for (Member member : values()) {
            if (member.json.equals(json)) {
                return Optional.of(member);
            }
        }
        return Optional.empty();
    }
}
