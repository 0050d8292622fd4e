package io.jwtgateway.gateway;

import java.util.Arrays;

import io.jwtgateway.gateway.keytool.KeysCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

/**
 * The gateway: issues JWTs for API keys and verifies them in front of the backend services. What
 * {@code @SpringBootApplication} declares, and one more exclusion from the scan: a
 * {@code @ManagementContextConfiguration} is imported by Spring Boot into the context that serves the operator
 * endpoints (the management port's, when it has one), and scanned it would be served on the main port too.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = {
        @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @Filter(type = FilterType.ANNOTATION, classes = ManagementContextConfiguration.class)})
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
