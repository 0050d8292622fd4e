package io.jwtgateway.gateway.filter;

import java.util.Locale;

import io.jwtgateway.gateway.http.FilterOrder;
import io.jwtgateway.gateway.http.FrontStep;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses, with 400, a request path that a backend might resolve differently from the route that decides its policy:
 * dot segments, their encoded forms, encoded slashes and backslashes, {@code ;} path parameters, double slashes and
 * control characters. {@code /api/v3/public/..%2fsecret} must never reach {@code /secret} as a public request.
 * Runs ahead of routing, for every path the gateway serves; only the request id (and the access log) come first, so a
 * refusal carries the id.
 */
@Component
class PathFirewall implements FrontStep {

    /** Encoded {@code .} {@code /} {@code \} {@code %} {@code ;} and NUL: nothing a plain path needs to encode. */
    private static final String[] FORBIDDEN_ENCODINGS = {"%2e", "%2f", "%5c", "%25", "%3b", "%00"};

    private final RefusalWriter refusals;

    PathFirewall(RefusalWriter refusals) {
        this.refusals = refusals;
    }

    /** Applies to a path it refuses: a plain one goes on untouched. */
    @Override
    public boolean appliesTo(ServerWebExchange exchange) {
        String rawPath = exchange.getRequest().getURI().getRawPath();
        return rawPath == null || !isPlain(rawPath);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return refusals.write(exchange, HttpStatus.BAD_REQUEST, "The request path is not in normal form");
    }

    @Override
    public int getOrder() {
        return FilterOrder.PATH_FIREWALL;
    }

    static boolean isPlain(String rawPath) {
        if (!rawPath.startsWith("/") || rawPath.contains("//") || rawPath.indexOf(';') >= 0
                || rawPath.indexOf('\\') >= 0) {
            return false;
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        if (rawPath.indexOf('%') >= 0) {
            String lower = rawPath.toLowerCase(Locale.ROOT);
            for (String encoding : FORBIDDEN_ENCODINGS) {
                if (lower.contains(encoding)) {
                    return false;
                }
            }
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
