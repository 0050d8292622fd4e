package io.jwtgateway.gateway.backend;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.jwtgateway.gateway.config.ServicesProperties.HealthCheck;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Polls each service's {@code health-check.path} on every instance, at startup and then every interval, and tells
 * {@link ServiceInstances} which ones answer with a 2xx. Until the first check of an instance completes it is assumed
 * up, so startup never waits on a backend. Only changes are logged: one line when an instance goes down, one when it
 * is back.
 */
class BackendHealthCheck implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackendHealthCheck.class);

    private final Services services;
    private final List<Disposable> polling = new ArrayList<>();

    BackendHealthCheck(Services services) {
        this.services = services;
    }

    @Override
    public synchronized void start() {
        for (ServiceInstances service : services.all()) {
            HealthCheck settings = service.settings().healthCheck();
            if (Boolean.TRUE.equals(settings.enabled())) {
                polling.add(poll(service, settings));
            }
        }
    }

    private Disposable poll(ServiceInstances service, HealthCheck settings) {
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) service.settings().connectTimeout().toMillis());
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        return Flux.interval(Duration.ZERO, settings.interval())
                .onBackpressureDrop()                           // a slow round skips ticks rather than piling up
                .concatMap(tick -> Flux.fromIterable(service.all())
                        .flatMap(instance -> check(client, service, settings, instance))
                        .then()
                        .onErrorResume(failure -> skipped(service, failure)))
                .subscribe();
    }

    /** A round that failed in a way a check does not: logged, and the next round runs as planned. */
    private static Mono<Void> skipped(ServiceInstances service, Throwable failure) {
        log.warn("Service {}: a health-check round failed and is skipped", service.name(), failure);
        return Mono.empty();
    }

    @Override
    public synchronized void stop() {
        polling.forEach(Disposable::dispose);
        polling.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !polling.isEmpty();
    }

    private Mono<Void> check(WebClient client, ServiceInstances service, HealthCheck settings, Instance instance) {
        return client.get()
                .uri(instance.base() + settings.path())
                .exchangeToMono(BackendHealthCheck::outcome)
                .timeout(settings.interval())
                .onErrorResume(failure -> Mono.just(Outcome.down(reason(failure, settings.interval()))))
                .doOnNext(outcome -> record(service, instance, outcome))
                .then();
    }

    private static Mono<Outcome> outcome(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        Outcome outcome = status.is2xxSuccessful() ? Outcome.UP : Outcome.down("HTTP " + status.value());
        return response.releaseBody().thenReturn(outcome);
    }

    private static void record(ServiceInstances service, Instance instance, Outcome outcome) {
        if (!service.record(instance, outcome.healthy())) {
            return;
        }
        if (outcome.healthy()) {
            log.info("Service {} instance {} passes its health check again and takes requests", service.name(),
                    instance.base());
        } else if (service.noneHealthy()) {
            log.warn("Service {} instance {} failed its health check ({}); no instance is healthy, so all keep "
                    + "taking requests", service.name(), instance.base(), outcome.reason());
        } else {
            log.warn("Service {} instance {} failed its health check ({}) and takes no requests until it passes",
                    service.name(), instance.base(), outcome.reason());
        }
    }

    private static String reason(Throwable failure, Duration interval) {
        if (failure instanceof TimeoutException) {
            return "no answer within " + interval.toMillis() + "ms";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "cannot connect";
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** One check's result; the reason says why an instance is down, for the log. */
    private record Outcome(boolean healthy, String reason) {
        static final Outcome UP = new Outcome(true, "");

        static Outcome down(String reason) {
            return new Outcome(false, reason);
        }
    }
}
