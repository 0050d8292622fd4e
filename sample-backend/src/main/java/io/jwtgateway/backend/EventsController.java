package io.jwtgateway.backend;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * {@code /api/v3/events}: a server-sent event named {@code tick} every second, the first at once, until the client
 * goes away. A long-lived response to watch through the gateway, each event naming who asked and who answered.
 */
@RestController
class EventsController {

    static final String PATH = "/api/v3/events";
    static final Duration PERIOD = Duration.ofSeconds(1);

    private final ServiceName serviceName;
    private final InstanceId instanceId;

    EventsController(ServiceName serviceName, InstanceId instanceId) {
        this.serviceName = serviceName;
        this.instanceId = instanceId;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Tick>> events(@RequestHeader HttpHeaders headers) {
        String subject = Subject.of(headers);
        return Flux.interval(Duration.ZERO, PERIOD)
                .map(seq -> new Tick(subject, seq, serviceName.value(), instanceId.value()))
                .map(EventsController::event);
    }

    private static ServerSentEvent<Tick> event(Tick tick) {
        return ServerSentEvent.builder(tick)
                .event("tick")
                .id(Long.toString(tick.seq()))
                .build();
    }

    /** One event's {@code data}: the subject the gateway named, a count from 0, and the answering service and instance. */
    record Tick(String subject, long seq, String service, String instance) {
    }
}
