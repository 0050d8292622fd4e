package io.jwtgateway.gateway.backend;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.jwtgateway.gateway.config.BackendProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * What {@link BackendRouting} does per request to pick an instance, without an exchange: find the {@code lb://} name's
 * service, choose an instance, and tell the service the request started and succeeded (in-flight count, consecutive
 * failures, the instance's request counter in a Prometheus registry, as in the gateway). {@code shape} is the
 * configuration: {@code one-service} is the shape before named services, {@code backend} with two instances in turn;
 * {@code three-services} adds {@code a}, {@code b} and {@code c} of two instances each and looks up {@code b};
 * {@code least-requests} is {@code backend} choosing the less busy of its two. {@code instanceUrl} builds the URL sent
 * to an instance, {@link BackendRouting#at}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChooseInstanceBenchmark {

    @Benchmark
    public Instance choose(Configured state) {
        ServiceInstances service = state.services.find(state.name);
        Instance chosen = service.choose(null);
        service.started(chosen);
        service.succeeded(chosen);
        return chosen;
    }

    @Benchmark
    public URI instanceUrl(Request request) {
        return BackendRouting.at(request.instance, request.url);
    }

    @State(Scope.Benchmark)
    public static class Configured {

        @Param({"one-service", "three-services", "least-requests"})
        public String shape;

        Services services;
        String name;

        @Setup
        public void setUp() {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("gateway.backend.uris[0]", "http://127.0.0.1:18081");
            properties.put("gateway.backend.uris[1]", "http://127.0.0.1:18082");
            String service = "backend";
            switch (shape) {
                case "one-service" -> {}
                case "three-services" -> {
                    int port = 18083;
                    for (String each : new String[] {"a", "b", "c"}) {
                        properties.put("gateway.services." + each + ".uris[0]", "http://127.0.0.1:" + port++);
                        properties.put("gateway.services." + each + ".uris[1]", "http://127.0.0.1:" + port++);
                    }
                    service = "b";
                }
                case "least-requests" -> properties.put("gateway.service-defaults.load-balancing", "least-requests");
                default -> throw new IllegalArgumentException("unknown shape " + shape);
            }
            Binder binder = new Binder(new MapConfigurationPropertySource(properties));
            services = new Services(binder.bindOrCreate("gateway.backend", BackendProperties.class),
                    binder.bindOrCreate("gateway", ServicesProperties.class),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            name = new String(service.toCharArray());   // a request's host is its own string, not the map's key
            if (services.find(name) == null) {
                throw new IllegalStateException("no service " + name);
            }
        }
    }

    /** The public target's request of bench/run.sh, and an instance to send it to. */
    @State(Scope.Benchmark)
    public static class Request {

        final Instance instance = Instance.of("backend", URI.create("http://127.0.0.1:18081"));
        final URI url = URI.create("lb://backend/api/v3/home");
    }
}
