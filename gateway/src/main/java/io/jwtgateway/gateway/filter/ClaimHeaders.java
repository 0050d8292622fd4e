package io.jwtgateway.gateway.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@code X-Auth-*} headers: the backend's only source of identity. Whatever a client sends under that prefix is
 * removed, in any case and in the underscore spelling some servers fold into dashes; only the verified claims are
 * added back.
 */
@Component
class ClaimHeaders {

    static final String SUBJECT = "X-Auth-Subject";
    static final String ROLES = "X-Auth-Roles";
    static final String TOKEN_ID = "X-Auth-Token-Id";
    static final String EXPIRES_AT = "X-Auth-Expires-At";
    static final String ISSUER = "X-Auth-Issuer";
    static final String SCOPES = "X-Auth-Scopes";

    private static final int PREFIX_LENGTH = "x-auth-".length();

    private final boolean forwardToken;

    ClaimHeaders(AuthProperties properties) {
        this.forwardToken = properties.forwardToken();
    }

    /**
     * The exchange without client-sent identity headers. The {@code Connection} header loses any token naming one
     * too: the gateway drops the headers a client lists there after this filter has run (RFC 9110 §7.6.1), which
     * would otherwise let a client delete the identity headers we add.
     */
    ServerWebExchange strip(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        List<String> spoofed = headers.headerNames().stream().filter(ClaimHeaders::isIdentity).toList();
        List<String> connection = headers.getConnection();
        boolean namesIdentity = connection.stream().anyMatch(ClaimHeaders::isIdentity);
        if (spoofed.isEmpty() && !namesIdentity) {
            return exchange;
        }
        return exchange.mutate()
                .request(request -> request.headers(mutable -> removeIdentity(mutable, spoofed, connection)))
                .build();
    }

    /** The exchange carrying the verified claims, and the {@code Authorization} header only when configured to. */
    ServerWebExchange forward(ServerWebExchange exchange, VerifiedToken token) {
        return exchange.mutate()
                .request(request -> request.headers(mutable -> addClaims(mutable, token)))
                .build();
    }

    private void addClaims(HttpHeaders headers, VerifiedToken token) {
        headers.set(SUBJECT, HeaderValues.encode(token.subject()));
        headers.set(ROLES, list(token.roles()));
        if (!token.scopes().isEmpty()) {
            headers.set(SCOPES, list(token.scopes()));
        }
        if (token.tokenId() != null) {
            headers.set(TOKEN_ID, HeaderValues.encode(token.tokenId()));
        }
        headers.set(ISSUER, HeaderValues.encode(token.issuer()));
        headers.set(EXPIRES_AT, Long.toString(token.expiresAt().getEpochSecond()));
        if (!forwardToken) {
            headers.remove(HttpHeaders.AUTHORIZATION);
        }
    }

    private static String list(List<String> values) {
        StringJoiner joined = new StringJoiner(",");
        values.forEach(value -> joined.add(HeaderValues.encode(value)));
        return joined.toString();
    }

    private static void removeIdentity(HttpHeaders headers, List<String> spoofed, List<String> connection) {
        spoofed.forEach(headers::remove);
        List<String> kept = new ArrayList<>(connection.size());
        connection.stream().filter(name -> !isIdentity(name)).forEach(kept::add);
        if (kept.isEmpty()) {
            headers.remove(HttpHeaders.CONNECTION);
        } else {
            headers.setConnection(kept);
        }
    }

    /** {@code x-auth-…} in any case, with {@code _} for either dash; checked in place, as it runs on every header. */
    static boolean isIdentity(String headerName) {
        return headerName.length() >= PREFIX_LENGTH
                && (headerName.charAt(0) | 0x20) == 'x'
                && isDash(headerName.charAt(1))
                && headerName.regionMatches(true, 2, "auth", 0, 4)
                && isDash(headerName.charAt(6));
    }

    private static boolean isDash(char c) {
        return c == '-' || c == '_';
    }
}
