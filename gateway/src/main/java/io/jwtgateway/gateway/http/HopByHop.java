package io.jwtgateway.gateway.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;

/** The header names a hop ends, as Spring Cloud Gateway's hop-by-hop filter finds them, to compare ignoring case. */
final class HopByHop {

    private HopByHop() {
    }

    /**
     * The names of the hop-by-hop filter's set that it ever matches: it compares each header's lower-cased name with
     * the set, so only the set's lower-case names do.
     */
    static Set<String> matchedNames(Set<String> configured) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : configured) {
            if (name.equals(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** The names the {@code Connection} header lists (RFC 9110 §7.6.1); null when there is none. */
    static @Nullable Set<String> namedInConnection(HttpHeaders headers) {
        return headers.containsHeader(HttpHeaders.CONNECTION) ? names(headers.getValuesAsList(HttpHeaders.CONNECTION))
                : null;
    }

    /** The same of Netty headers. */
    static @Nullable Set<String> namedInConnection(io.netty.handler.codec.http.HttpHeaders headers) {
        if (!headers.contains(HttpHeaders.CONNECTION)) {
            return null;                                // no list allocated for the usual request
        }
        List<String> values = headers.getAll(HttpHeaders.CONNECTION);
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String value : values) {
            for (String token : StringUtils.tokenizeToStringArray(value, ",")) {
                names.add(token);
            }
        }
        return names;
    }

    private static Set<String> names(List<String> tokens) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(tokens);
        return names;
    }
}
