package io.jwtgateway.gateway.stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the WebSocket guard; a post-processor, so static, and it finds the watch only when first used. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    static TokenBoundWebSockets tokenBoundWebSockets(ObjectProvider<TokenWatch> watch) {
        return new TokenBoundWebSockets(watch);
    }
}
