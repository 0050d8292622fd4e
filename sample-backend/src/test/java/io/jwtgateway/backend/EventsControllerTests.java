package io.jwtgateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.time.Duration;
import java.util.List;

import io.jwtgateway.backend.EventsController.Tick;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {"SERVICE_NAME=inventory", "INSTANCE_ID=inventory-test-1"})
@AutoConfigureWebTestClient
class EventsControllerTests {

    static final ParameterizedTypeReference<ServerSentEvent<Tick>> TICKS = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient client;

    @Test
    void eventsWhenSubjectSentThenTicksNameItWithSequenceServiceAndInstance() {
        List<ServerSentEvent<Tick>> events = firstTwo(client.get().uri("/api/v3/events")
                .header("X-Auth-Subject", "alice"));

        assertThat(events).extracting(ServerSentEvent::event).containsExactly("tick", "tick");
        assertThat(events).extracting(ServerSentEvent::id).containsExactly("0", "1");
        assertThat(events).extracting(ServerSentEvent::data).containsExactly(
                new Tick("alice", 0, "inventory", "inventory-test-1"),
                new Tick("alice", 1, "inventory", "inventory-test-1"));
    }

    @Test
    void eventsWhenNoSubjectThenTicksSayAnonymous() {
        List<ServerSentEvent<Tick>> events = firstTwo(client.get().uri("/api/v3/events"));

        assertThat(events).extracting(event -> event.data().subject()).containsExactly("anonymous", "anonymous");
    }

    @Test
    void eventsWhenSubscribedThenTextEventStreamWithJsonData() {
        String first = client.get().uri("/api/v3/events").header("X-Auth-Subject", "alice").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(String.class).getResponseBody()
                .next()
                .block(Duration.ofSeconds(5));

        assertThat(first).isNotNull()
                .contains("\"subject\":\"alice\"", "\"seq\":0", "\"service\":\"inventory\"",
                        "\"instance\":\"inventory-test-1\"");
    }

    private static List<ServerSentEvent<Tick>> firstTwo(WebTestClient.RequestHeadersSpec<?> request) {
        List<ServerSentEvent<Tick>> events = request.accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(TICKS).getResponseBody()
                .take(2)                                    // the stream never ends: cancel after the second
                .collectList()
                .block(Duration.ofSeconds(5));
        assertThat(events).hasSize(2);
        return events;
    }
}
