package io.jwtgateway.gateway.verify;

import java.io.Reader;
import java.util.List;
import java.util.Map;

import io.jsonwebtoken.io.AbstractDeserializer;
import io.jsonwebtoken.io.DeserializationException;

/**
 * Reads a token's JSON header and claims for JJWT, as strictly as {@link JwtJson} does, and
 * {@code exp}, {@code nbf} and {@code iat} only as JSON numbers (RFC 7519 §2 NumericDate). JJWT alone would also
 * take {@code "exp": "1999999999"} or an ISO-8601 string, a second spelling of the same claim.
 */
public final class NumericDateReader extends AbstractDeserializer<Map<String, ?>> {

    private static final List<String> NUMERIC_DATES = List.of("exp", "nbf", "iat");

    /** 9999-12-31T23:59:59Z. Larger values would overflow JJWT's conversion to milliseconds and wrap to 1969. */
    private static final double LATEST_SECOND = 253_402_300_799d;
    @Override
    protected Map<String, ?> doDeserialize(Reader reader) {
        Map<String, Object> members = JwtJson.read(reader);
        for (String name : NUMERIC_DATES) {
            Object value = members.get(name);
            if (value != null && !isNumericDate(value)) {
                throw new DeserializationException("A NumericDate claim is not a JSON number of seconds in range");
            }
        }
        return members;
    }

    private static boolean isNumericDate(Object value) {
        if (!(value instanceof Number number)) {
            return false;
        }
        double seconds = number.doubleValue();
        return seconds >= 0 && seconds <= LATEST_SECOND;
    }
}
