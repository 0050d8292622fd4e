package io.jwtgateway.gateway.playground;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The token playground ({@code gateway.playground.*}).
 *
 * @param enabled whether the page at {@code /} is served: on by default for the local stack; a production gateway
 *                turns it off, since a public page that trades API keys for tokens invites guessing and shows what
 *                the gateway is
 */
@Validated
@ConfigurationProperties("gateway.playground")
public record PlaygroundProperties(@DefaultValue("true") boolean enabled) {
}
