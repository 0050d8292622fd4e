package io.jwtgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.config.ServicesProperties.HealthCheck;
import io.jwtgateway.gateway.config.ServicesProperties.LoadBalancing;
import io.jwtgateway.gateway.config.ServicesProperties.OutlierDetection;
import io.jwtgateway.gateway.config.ServicesProperties.Service;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Choosing among a service's instances: in turn, by health, by ejection, by load; plain JUnit with a fake clock. */
class ServiceInstancesTests {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ServiceInstances instances = service(LoadBalancing.ROUND_ROBIN, "http://a:8081", "http://b:8082",
            "https://c");

    final Instance a = instances.all().get(0);
    final Instance b = instances.all().get(1);
    final Instance c = instances.all().get(2);

    @Test
    void availableWhenNothingCheckedYetThenEveryInstanceInOrder() {
        assertThat(instances.available()).containsExactly(a, b, c);
        assertThat(c.base()).isEqualTo("https://c:443");
    }

    @Test
    void availableWhenOneFailedItsCheckThenTheOthersOnly() {
        instances.record(b, false);

        assertThat(instances.available()).containsExactly(a, c);
    }

    @Test
    void availableWhenFailedInstancePassesAgainThenOfferedAgain() {
        instances.record(b, false);

        boolean changed = instances.record(b, true);

        assertThat(changed).isTrue();
        assertThat(instances.available()).containsExactly(a, b, c);
    }

    @Test
    void recordWhenSameResultTwiceThenSecondChangesNothing() {
        instances.record(a, false);

        assertThat(instances.record(a, false)).isFalse();
        assertThat(instances.record(c, true)).isFalse();
    }

    @Test
    void availableWhenEveryInstanceFailedItsCheckThenAllOffered() {
        instances.record(a, false);
        instances.record(b, false);
        instances.record(c, false);

        assertThat(instances.noneHealthy()).isTrue();
        assertThat(instances.available()).containsExactly(a, b, c);
    }

    @Test
    void chooseWhenCalledRepeatedlyThenEachInstanceInTurn() {
        List<Instance> chosen = IntStream.range(0, 6).mapToObj(i -> instances.choose(null)).toList();

        assertThat(chosen).containsExactly(a, b, c, a, b, c);
    }

    @Test
    void chooseWhenOneFailedItsCheckThenNeverChosen() {
        instances.record(b, false);

        List<Instance> chosen = IntStream.range(0, 6).mapToObj(i -> instances.choose(null)).toList();

        assertThat(chosen).doesNotContain(b).contains(a, c);
    }

    @Test
    void chooseWhenRetriedAfterAnInstanceThenNeverThatOne() {
        List<Instance> chosen = IntStream.range(0, 9).mapToObj(i -> instances.choose(b)).toList();

        assertThat(chosen).doesNotContain(b).contains(a, c);
    }

    @Test
    void chooseWhenRetriedAfterTheOnlyHealthyInstanceThenItIsStillChosen() {
        instances.record(a, false);
        instances.record(c, false);

        assertThat(instances.choose(b)).isEqualTo(b);
    }

    @Test
    void failedWhenThreeInARowThenEjectedUntilEjectionTimeThenBack() {
        fail(b, 3);

        assertThat(b.isEjected()).isTrue();
        assertThat(instances.available()).containsExactly(a, c);
        assertThat(registry.get(InstanceMeters.EJECTED).tag("instance", "b:8082").gauge().value()).isEqualTo(1);

        now.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(instances.available()).containsExactly(a, b, c);
        assertThat(b.isEjected()).isFalse();
    }

    @Test
    void failedWhenSuccessBetweenFailuresThenNotEjected() {
        fail(b, 2);
        instances.started(b);
        instances.succeeded(b);
        fail(b, 2);

        assertThat(b.isEjected()).isFalse();
    }

    @Test
    void failedWhenEveryInstanceFailsThenNoMoreThanTheShareEjected() {
        fail(a, 3);
        fail(b, 3);
        fail(c, 3);

        assertThat(instances.all().stream().filter(Instance::isEjected)).hasSize(1);   // 50 % of 3, at least 1
        assertThat(instances.available()).hasSize(2);
    }

    @Test
    void failedWhenServiceHasOneInstanceThenNeverEjected() {
        ServiceInstances single = service(LoadBalancing.ROUND_ROBIN, "http://only:8080");
        Instance only = single.all().get(0);

        for (int i = 0; i < 10; i++) {
            single.started(only);
            single.failed(only, InstanceMeters.Failure.CONNECT);
        }

        assertThat(only.isEjected()).isFalse();
    }

    @Test
    void failedWhenCountedThenFailureKindInMetrics() {
        fail(a, 2);

        assertThat(registry.get(InstanceMeters.FAILURES).tag("instance", "a:8081").tag("kind", "connect").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get(InstanceMeters.REQUESTS).tag("instance", "a:8081").counter().count()).isEqualTo(2);
    }

    @Test
    void chooseWhenLeastRequestsAndOneInstanceBusyThenTheOtherChosen() {
        ServiceInstances balanced = service(LoadBalancing.LEAST_REQUESTS, "http://x:1", "http://y:2");
        Instance x = balanced.all().get(0);
        for (int i = 0; i < 5; i++) {
            balanced.started(x);
        }

        List<Instance> chosen = IntStream.range(0, 20).mapToObj(i -> balanced.choose(null)).toList();

        assertThat(chosen).doesNotContain(x);
    }

    @Test
    void replaceWhenDnsGivesNewAddressesThenKnownKeepStateAndGoneLoseMeters() {
        instances.record(a, false);

        instances.replace(List.of(new Instance("orders", "a", 8081, false), new Instance("orders", "d", 8084, false)));

        assertThat(instances.all()).extracting(Instance::id).containsExactly("a:8081", "d:8084");
        assertThat(instances.all().get(0)).isSameAs(a);
        assertThat(a.isHealthy()).isFalse();
        assertThat(registry.find(InstanceMeters.REQUESTS).tag("instance", "b:8082").counter()).isNull();
        assertThat(registry.find(InstanceMeters.REQUESTS).tag("instance", "d:8084").counter()).isNotNull();
    }

    @Test
    void replaceWhenNoAddressThenLastInstancesKept() {
        instances.replace(List.of());

        assertThat(instances.all()).containsExactly(a, b, c);
    }

    private void fail(Instance instance, int times) {
        for (int i = 0; i < times; i++) {
            instances.started(instance);
            instances.failed(instance, InstanceMeters.Failure.CONNECT);
        }
    }

    private ServiceInstances service(LoadBalancing balancing, String... uris) {
        Service settings = new Service(List.of(uris).stream().map(URI::create).toList(), null, null,
                new HealthCheck(null, null, null), balancing, new OutlierDetection(3, Duration.ofSeconds(10), 50), null,
                new ServicesProperties.Assertion(null, null))
                .orElse(ServicesProperties.BUILT_IN);
        return new ServiceInstances("orders", settings, registry, now::get);
    }
}
