package io.jwtgateway.gateway.backend;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.jwtgateway.gateway.config.BackendProperties;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
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
 * Polls {@code gateway.backend.health-check.path} on every backend instance, at startup and then every interval, and
 * tells {@link BackendInstances} which ones answer with a 2xx. Until the first check of an instance completes it is
 * assumed up, so startup never waits on a backend. Only changes are logged: one line when an instance goes down, one
 * when it is back.
 */
class BackendHealthCheck implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackendHealthCheck.class);

    private final BackendInstances instances;
    private final BackendProperties.HealthCheck settings;
    private final WebClient client;
    private volatile @Nullable Disposable polling;

    BackendHealthCheck(BackendInstances instances, BackendProperties properties) {
        this.instances = instances;
        this.settings = properties.healthCheck();
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis());
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    @Override
    public void start() {
        if (settings.enabled()) {
            polling = Flux.interval(Duration.ZERO, settings.interval())
                    .onBackpressureDrop()                       // a slow round skips ticks rather than piling up
                    .concatMap(tick -> checkAll())
                    .subscribe();
        }
    }

    @Override
    public void stop() {
        Disposable running = polling;
        if (running != null) {
            running.dispose();
            polling = null;
        }
    }

    @Override
    public boolean isRunning() {
        return polling != null;
    }

    private Mono<Void> checkAll() {
        return Flux.fromIterable(instances.all())
                .flatMap(this::check)
                .then();
    }

    private Mono<Void> check(ServiceInstance instance) {
        return client.get()
                .uri(URI.create(instance.getUri() + settings.path()))
                .exchangeToMono(BackendHealthCheck::outcome)
                .timeout(settings.interval())
                .onErrorResume(failure -> Mono.just(Outcome.down(reason(failure))))
                .doOnNext(outcome -> record(instance, outcome))
                .then();
    }

    private static Mono<Outcome> outcome(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        Outcome outcome = status.is2xxSuccessful() ? Outcome.UP : Outcome.down("HTTP " + status.value());
        return response.releaseBody().thenReturn(outcome);
    }

    private void record(ServiceInstance instance, Outcome outcome) {
        if (!instances.record(instance, outcome.healthy())) {
            return;
        }
        if (outcome.healthy()) {
            log.info("Backend {} passes its health check again and takes requests", instance.getUri());
        }
        else if (instances.noneHealthy()) {
            log.warn("Backend {} failed its health check ({}); no instance is healthy, so all keep taking requests",
                    instance.getUri(), outcome.reason());
        }
        else {
            log.warn("Backend {} failed its health check ({}) and takes no requests until it passes",
                    instance.getUri(), outcome.reason());
        }
    }

    private String reason(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "no answer within " + settings.interval().toMillis() + "ms";
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
