package io.jwtgateway.gateway.stream;

import java.util.List;

import io.jwtgateway.gateway.http.FrameworkBeanReplacement;
import io.jwtgateway.gateway.verify.VerifiedToken;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.WebsocketRoutingFilter;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Ends a proxied WebSocket when the token that opened it does: wraps the {@link WebSocketService} through which Spring
 * Cloud Gateway's {@code WebsocketRoutingFilter} upgrades a routed request, so each session opened with a verified
 * token is closed with 1008 (policy violation, RFC 6455 §7.4.1) and the reason {@code token expired} or
 * {@code token revoked}. The gateway's proxy handler then closes the backend's side with the same status.
 */
final class TokenBoundWebSockets extends FrameworkBeanReplacement<WebSocketService> {

    static final String KIND = "websocket";

    private final ObjectProvider<TokenWatch> watch;

    TokenBoundWebSockets(ObjectProvider<TokenWatch> watch) {
        super(WebSocketService.class, true);              // a user's service too: the guard must stay
        this.watch = watch;
    }

    @Override
    protected Object replace(WebSocketService service) {
        return new Guarded(service, watch);
    }

    /** The filter that upgrades through the service and hands it the handler this wraps, and the service it makes. */
    @Override
    public List<Class<?>> reliesOn() {
        return List.of(WebsocketRoutingFilter.class, HandshakeWebSocketService.class);
    }

    private record Guarded(WebSocketService delegate, ObjectProvider<TokenWatch> watch) implements WebSocketService {

        @Override
        public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
            VerifiedToken token = exchange.getAttribute(VerifiedToken.EXCHANGE_ATTRIBUTE);
            return token == null                                // a public route: nothing to end it
                    ? delegate.handleRequest(exchange, handler)
                    : delegate.handleRequest(exchange, new Closing(handler, token, watch.getObject()));
        }
    }

    private record Closing(WebSocketHandler delegate, VerifiedToken token, TokenWatch watch)
            implements WebSocketHandler {

        @Override
        public List<String> getSubProtocols() {
            return delegate.getSubProtocols();
        }

        @Override
        public Mono<Void> handle(WebSocketSession session) {
            Disposable closing = watch.end(token)
                    .publishOn(currentEventLoop())
                    .flatMap(end -> {
                        watch.ended(KIND, end);
                        return session.close(CloseStatus.POLICY_VIOLATION.withReason(end.reason()));
                    })
                    .subscribe();
            return delegate.handle(session).doFinally(signal -> closing.dispose());
        }

        /**
         * The event loop of the session's connection, which Reactor Netty calls the handler on. Closed from the
         * watch's timer thread instead, one close frame in a few was released before Netty's encoder wrote it
         * ({@code IllegalReferenceCountException} in {@code MessageToMessageEncoder.write}), and the client saw the
         * connection end without a close frame.
         */
        private static Scheduler currentEventLoop() {
            EventExecutor loop = ThreadExecutorMap.currentExecutor();
            return loop == null ? Schedulers.immediate() : Schedulers.fromExecutor(loop);
        }

        @Override
        public String toString() {
            return "Closing[" + delegate + "]";
        }
    }
}
