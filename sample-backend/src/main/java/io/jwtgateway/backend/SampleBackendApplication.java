package io.jwtgateway.backend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A tiny service with no authentication of its own. It is reachable only through the gateway and trusts the
 * {@code X-Auth-*} headers the gateway adds after verifying a token.
 */
@SpringBootApplication
public class SampleBackendApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleBackendApplication.class, args);
    }
}
