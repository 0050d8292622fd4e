package io.jwtgateway.gateway.verify;

import java.io.OutputStream;
import java.io.Reader;
import java.util.Map;

import io.jsonwebtoken.io.AbstractDeserializer;
import io.jsonwebtoken.io.AbstractSerializer;
import io.jsonwebtoken.io.Deserializer;
import io.jsonwebtoken.io.Serializer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for JJWT by Spring Boot's Jackson 3, so that no second JSON library (JJWT's {@code jjwt-jackson} brings
 * Jackson 2) reads what clients send. Reading is as strict as {@code StrictJson}: one object, no duplicate member, and
 * nothing after it, so no two readers can disagree about the claims in the same bytes. Every {@code Jwts.builder()},
 * {@code Jwts.parser()} and {@code Jwks} parser of the gateway's takes these through {@code .json(...)}.
 */
public final class JwtJson {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)           // JJWT closes its own streams
            .build();

    private static final Serializer<Map<String, ?>> WRITER = new AbstractSerializer<>() {
        @Override
        protected void doSerialize(Map<String, ?> members, OutputStream out) {
            MAPPER.writeValue(out, members);
        }
    };

    private static final Deserializer<Map<String, ?>> READER = new AbstractDeserializer<>() {
        @Override
        protected Map<String, ?> doDeserialize(Reader reader) {
            return read(reader);
        }
    };

    private JwtJson() {
    }

    /** For {@code Jwts.builder().json(...)}: a token's header and claims. */
    public static Serializer<Map<String, ?>> writer() {
        return WRITER;
    }

    /** For {@code Jwks.setParser().json(...)}, {@code Jwks.parser().json(...)} and {@code Jwts.parser().json(...)}. */
    public static Deserializer<Map<String, ?>> reader() {
        return READER;
    }

    /** One strict JSON object; Jackson's exception (a {@code RuntimeException}) when the text is not one. */
    static Map<String, Object> read(Reader reader) {
        return MAPPER.readValue(reader, OBJECT);
    }
}
