package io.jwtgateway.gateway.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.dpop.DpopProofs;
import io.jwtgateway.gateway.http.BackendRequestHeadersFilter;
import io.jwtgateway.gateway.verify.VerifiedToken;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@code X-Auth-*} headers: the backend's only source of identity. Whatever a client sends under that prefix is
 * removed, in any case and in the underscore spelling some servers fold into dashes; only the verified claims are
 * added back.
 *
 * <p>The claims go onto the backend request as it is built, by one of the routing filter's last header filters: after
 * Spring Cloud Gateway has dropped the headers a client names in {@code Connection} (RFC 9110 §7.6.1), so a client
 * cannot delete them that way, and without copying the exchange's request on every request.
 */
@Component
class ClaimHeaders implements BackendRequestHeadersFilter {

    static final String SUBJECT = "X-Auth-Subject";
    static final String ROLES = "X-Auth-Roles";
    static final String TOKEN_ID = "X-Auth-Token-Id";
    static final String EXPIRES_AT = "X-Auth-Expires-At";
    static final String ISSUER = "X-Auth-Issuer";
    static final String SCOPES = "X-Auth-Scopes";
    static final String DPOP_KEY = "X-Auth-Dpop-Jkt";
    static final String CLIENT_ID = "X-Auth-Client-Id";

    private static final int PREFIX_LENGTH = "x-auth-".length();

    private final boolean forwardToken;

    ClaimHeaders(AuthProperties properties) {
        this.forwardToken = properties.forwardToken();
    }

    /**
     * The exchange without client-sent identity headers, so that no filter after authentication can take them for
     * verified ones, and without any {@code Connection} token naming one: the claims are added after the hop-by-hop
     * filter, but its order is a setting ({@code spring.cloud.gateway.server.webflux.filter.remove-hop-by-hop.order}),
     * and run after ours it would drop them. The same exchange, uncopied, when there is nothing to remove.
     */
    ServerWebExchange strip(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        List<String> spoofed = identityHeaders(headers);
        boolean connectionNamesIdentity = headers.containsHeader(HttpHeaders.CONNECTION)
                && headers.getConnection().stream().anyMatch(ClaimHeaders::isIdentity);
        if (spoofed == null && !connectionNamesIdentity) {
            return exchange;
        }
        return exchange.mutate()
                .request(request -> request.headers(mutable -> removeIdentity(mutable, spoofed)))
                .build();
    }

    /** No identity header the client sent reaches the backend. */
    @Override
    public boolean drops(String name) {
        return isIdentity(name);
    }

    /**
     * The verified claims, {@value #CLIENT_ID} for a token the gateway issued to a client, {@value #DPOP_KEY} for a
     * token bound to a DPoP key, and the {@code Authorization} and
     * {@code DPoP} headers only when configured to forward the token. A route without a verified token (a public one)
     * gets no claims.
     */
    @Override
    public void edit(HttpHeaders headers, ServerWebExchange exchange) {
        VerifiedToken token = exchange.getAttribute(VerifiedToken.EXCHANGE_ATTRIBUTE);
        if (token != null) {
            addClaims(headers, token);
        }
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
        if (token.clientId() != null) {
            headers.set(CLIENT_ID, HeaderValues.encode(token.clientId()));
        }
        headers.set(EXPIRES_AT, Long.toString(token.expiresAt().getEpochSecond()));
        if (token.keyBinding() != null) {
            headers.set(DPOP_KEY, token.keyBinding());          // a base64url thumbprint: nothing to encode
        }
        if (!forwardToken) {
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.remove(DpopProofs.HEADER);                  // a proof is for the gateway; it travels with the token
        }
    }

    private static String list(List<String> values) {
        StringJoiner joined = new StringJoiner(",");
        values.forEach(value -> joined.add(HeaderValues.encode(value)));
        return joined.toString();
    }

    private static void removeIdentity(HttpHeaders headers, @Nullable List<String> spoofed) {
        if (spoofed != null) {
            spoofed.forEach(headers::remove);
        }
        List<String> kept = headers.getConnection().stream().filter(name -> !isIdentity(name)).toList();
        if (kept.isEmpty()) {
            headers.remove(HttpHeaders.CONNECTION);
        } else {
            headers.setConnection(kept);
        }
    }

    /** The identity header names present, or null when there is none: the common case allocates nothing. */
    private static @Nullable List<String> identityHeaders(HttpHeaders headers) {
        List<String> found = null;
        for (String name : headers.headerNames()) {
            if (isIdentity(name)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(name);
            }
        }
        return found;
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
