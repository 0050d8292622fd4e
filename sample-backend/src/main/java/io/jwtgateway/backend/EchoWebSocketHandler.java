package io.jwtgateway.backend;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v3/ws/echo}: greets the subject the upgrade request named ({@code hello <subject>}), then answers each
 * text message with {@code echo: <text>} until either side closes. Logs the close status it saw, so a test or a demo
 * can tell a client's goodbye from the gateway ending a session whose token ran out.
 */
class EchoWebSocketHandler implements WebSocketHandler {

    static final String PATH = "/api/v3/ws/echo";

    private static final Logger log = LoggerFactory.getLogger(EchoWebSocketHandler.class);

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        String subject = Subject.of(session.getHandshakeInfo().getHeaders());
        Flux<WebSocketMessage> replies = Flux.concat(Mono.just("hello " + subject), echoes(session))
                .map(session::textMessage);
        Mono<Void> closed = session.closeStatus()
                .doOnNext(EchoWebSocketHandler::logClosed)
                .then();
        return session.send(replies)
                .and(closed);
    }

    private static Flux<String> echoes(WebSocketSession session) {
        return session.receive()
                .filter(message -> message.getType() == WebSocketMessage.Type.TEXT)   // pings are Netty's to answer
                .map(WebSocketMessage::getPayloadAsText)
                .map(text -> "echo: " + text);
    }

    private static void logClosed(CloseStatus status) {
        String reason = status.getReason();
        log.info("websocket closed: {}{}", status.getCode(), reason == null || reason.isEmpty() ? "" : " " + reason);
    }
}
