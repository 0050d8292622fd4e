package io.jwtgateway.gateway;

import java.util.Arrays;

import io.jwtgateway.gateway.keytool.KeysCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The gateway: issues JWTs for API keys and verifies them in front of the backend services. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** Starts the gateway, or with {@code keys …} runs the key tool and exits without starting Spring. */
    public static void main(String[] args) {
        if (args.length > 0 && KeysCommand.NAME.equals(args[0])) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit(new KeysCommand(System.in, System.out, System.err).run(rest));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
