package io.jwtgateway.gateway.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * RFC 7591 §3.2.2's error body, plus the request and trace ids.
 *
 * @param error       {@code invalid_client_metadata} for a request the server cannot take; our code for the rest, such
 *                    as {@code store_unavailable}
 * @param description what is wrong, naming the member at fault
 * @param requestId   the {@code X-Request-Id}
 * @param traceId     the id of the request's trace, while tracing is on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RegistrationError(String error, @JsonProperty("error_description") String description,
        @JsonProperty("request_id") @Nullable String requestId,
        @JsonProperty("trace_id") @Nullable String traceId) {
}
