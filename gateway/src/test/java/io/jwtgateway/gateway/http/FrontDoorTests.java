package io.jwtgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class FrontDoorTests {

    final List<String> ran = new ArrayList<>();

    final WebFilterChain handler = exchange -> Mono.fromRunnable(() -> ran.add("handler"));

    @Test
    void requestWhenStepsApplyThenEachRunsInOrderThenTheHandler() {
        FrontDoor door = new FrontDoor(List.of(passing("a", true), passing("b", false), passing("c", true)));

        door.filter(exchange(), handler).block();

        assertThat(ran).containsExactly("a", "c", "handler");
    }

    @Test
    void requestWhenAStepAnswersThenNothingAfterItRuns() {
        FrontDoor door = new FrontDoor(List.of(passing("a", true), answering("refuse"), passing("c", true)));
        MockServerWebExchange exchange = exchange();

        door.filter(exchange, handler).block();

        assertThat(ran).containsExactly("a", "refuse");
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void requestWhenAStepChangesTheExchangeThenTheLaterStepsAndTheHandlerGetTheChangedOne() {
        FrontStep mutating = step("mutate", true, (exchange, next) -> next.filter(exchange.mutate()
                .request(request -> request.header("X-Step", "1")).build()));
        List<String> seen = new ArrayList<>();
        FrontStep reading = step("read", true, (exchange, next) -> {
            seen.add(exchange.getRequest().getHeaders().getFirst("X-Step"));
            return next.filter(exchange);
        });

        new FrontDoor(List.of(mutating, reading)).filter(exchange(), handler).block();

        assertThat(seen).containsExactly("1");
        assertThat(ran).containsExactly("mutate", "read", "handler");
    }

    private FrontStep passing(String name, boolean applies) {
        return step(name, applies, (exchange, next) -> next.filter(exchange));
    }

    private FrontStep answering(String name) {
        return step(name, true, (exchange, next) -> {
            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
            return exchange.getResponse().setComplete();
        });
    }

    private FrontStep step(String name, boolean applies, Work work) {
        return new FrontStep() {
            @Override
            public boolean appliesTo(ServerWebExchange exchange) {
                return applies;
            }

            @Override
            public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
                ran.add(name);
                return work.filter(exchange, next);
            }

            @Override
            public int getOrder() {
                return 0;
            }
        };
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v3/home"));
    }

    private interface Work {
        Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next);
    }
}
