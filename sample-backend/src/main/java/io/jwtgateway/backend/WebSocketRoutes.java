package io.jwtgateway.backend;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/**
 * Maps the WebSocket endpoints. WebFlux's own {@code WebSocketHandlerAdapter} performs the upgrade; a plain GET
 * without one is refused with a 400.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketRoutes {

    @Bean
    HandlerMapping webSocketMapping() {
        // Ahead of the annotated controllers (order 0), so no @GetMapping can shadow a socket's path.
        return new SimpleUrlHandlerMapping(Map.of(EchoWebSocketHandler.PATH, new EchoWebSocketHandler()),
                Ordered.HIGHEST_PRECEDENCE);
    }
}
