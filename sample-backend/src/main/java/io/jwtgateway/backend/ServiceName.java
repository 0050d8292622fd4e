package io.jwtgateway.backend;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names the service this instance belongs to: {@code SERVICE_NAME} (an environment variable or a property) when set,
 * else {@code backend}, the service the gateway fronts by default. One jar plays any service of a stack.
 */
@Component
class ServiceName {

    static final String DEFAULT = "backend";

    private final String value;

    ServiceName(@Value("${SERVICE_NAME:}") String configured) {
        this.value = configured.isBlank() ? DEFAULT : configured.strip();
    }

    String value() {
        return value;
    }
}
