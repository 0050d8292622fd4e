package io.jwtgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.jwtgateway.gateway.config.BackendProperties;
import io.jwtgateway.gateway.config.BackendProperties.HealthCheck;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

class BackendInstancesTests {

    final BackendInstances instances = new BackendInstances(new BackendProperties(
            List.of(URI.create("http://a:8081"), URI.create("http://b:8082"), URI.create("https://c")),
            Duration.ofSeconds(2), Duration.ofSeconds(30), new HealthCheck(true, "/actuator/health", Duration.ofSeconds(5))));

    final ServiceInstance a = instances.all().get(0);
    final ServiceInstance b = instances.all().get(1);
    final ServiceInstance c = instances.all().get(2);

    @Test
    void availableWhenNothingCheckedYetThenEveryInstanceInOrder() {
        assertThat(instances.available()).containsExactly(a, b, c);
        assertThat(c.getUri()).isEqualTo(URI.create("https://c:443"));
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
        List<ServiceInstance> chosen = IntStream.range(0, 6).mapToObj(i -> instances.choose(null)).toList();

        assertThat(chosen).containsExactly(a, b, c, a, b, c);
    }

    @Test
    void chooseWhenOneFailedItsCheckThenNeverChosen() {
        instances.record(b, false);

        List<ServiceInstance> chosen = IntStream.range(0, 6).mapToObj(i -> instances.choose(null)).toList();

        assertThat(chosen).doesNotContain(b).contains(a, c);
    }

    @Test
    void chooseWhenRetriedAfterAnInstanceThenNeverThatOne() {
        List<ServiceInstance> chosen = IntStream.range(0, 9).mapToObj(i -> instances.choose(b)).toList();

        assertThat(chosen).doesNotContain(b).contains(a, c);
    }

    @Test
    void chooseWhenRetriedAfterTheOnlyHealthyInstanceThenItIsStillChosen() {
        instances.record(a, false);
        instances.record(c, false);

        assertThat(instances.choose(b)).isEqualTo(b);
    }

    @Test
    void isBackendWhenSchemeOrHostInAnotherCaseThenStillTheBackend() {
        assertThat(BackendRouting.isBackend(URI.create("LB://Backend/api/v3/home"))).isTrue();
        assertThat(BackendRouting.isBackend(URI.create("lb://orders/api/v3/home"))).isFalse();
        assertThat(BackendRouting.isBackend(URI.create("http://backend/api/v3/home"))).isFalse();
    }

    @Test
    void atWhenPathAndQueryEncodedThenKeptAsTheyCame() {
        URI url = URI.create("lb://backend/api/v3/a%2Fb%20c?q=x%26y&z=%C3%A9");

        URI routed = BackendRouting.at(c, url);

        assertThat(routed.toString()).isEqualTo("https://c:443/api/v3/a%2Fb%20c?q=x%26y&z=%C3%A9");
    }
}
