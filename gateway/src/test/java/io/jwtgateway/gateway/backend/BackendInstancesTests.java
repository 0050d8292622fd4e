package io.jwtgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.config.BackendProperties.HealthCheck;
import io.jwtgateway.gateway.config.BackendProperties;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

class BackendInstancesTests {

    final BackendInstances instances = new BackendInstances(new BackendProperties(
            List.of(URI.create("http://a:8081"), URI.create("http://b:8082"), URI.create("https://c")),
            Duration.ofSeconds(2), Duration.ofSeconds(30), new HealthCheck(true, "/actuator/health", Duration.ofSeconds(5))));

    final ServiceInstance a = instances.all().get(0);
    final ServiceInstance b = instances.all().get(1);
    final ServiceInstance c = instances.all().get(2);

    @Test
    void getWhenNothingCheckedYetThenEveryInstanceInOrder() {
        assertThat(instances.get().blockFirst()).containsExactly(a, b, c);
        assertThat(c.getUri()).isEqualTo(URI.create("https://c:443"));
    }

    @Test
    void getWhenOneFailedItsCheckThenTheOthersOnly() {
        instances.record(b, false);

        assertThat(instances.get().blockFirst()).containsExactly(a, c);
    }

    @Test
    void getWhenFailedInstancePassesAgainThenOfferedAgain() {
        instances.record(b, false);

        boolean changed = instances.record(b, true);

        assertThat(changed).isTrue();
        assertThat(instances.get().blockFirst()).containsExactly(a, b, c);
    }

    @Test
    void recordWhenSameResultTwiceThenSecondChangesNothing() {
        instances.record(a, false);

        assertThat(instances.record(a, false)).isFalse();
        assertThat(instances.record(c, true)).isFalse();
    }

    @Test
    void getWhenEveryInstanceFailedItsCheckThenAllOffered() {
        instances.record(a, false);
        instances.record(b, false);
        instances.record(c, false);

        assertThat(instances.noneHealthy()).isTrue();
        assertThat(instances.get().blockFirst()).containsExactly(a, b, c);
    }

    @Test
    void getWhenRequestRetriedAfterAnInstanceThenThatInstanceLeftOut() {
        assertThat(instances.get(retryAfter(b)).blockFirst()).containsExactly(a, c);
    }

    @Test
    void getWhenRequestRetriedAfterTheOnlyHealthyInstanceThenItIsStillOffered() {
        instances.record(a, false);
        instances.record(c, false);

        assertThat(instances.get(retryAfter(b)).blockFirst()).containsExactly(b);
    }

    @Test
    void getWhenFirstAttemptThenEveryAvailableInstance() {
        assertThat(instances.get(attempt(new HashMap<>())).blockFirst()).containsExactly(a, b, c);
    }

    private static DefaultRequest<RequestDataContext> retryAfter(ServiceInstance tried) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(GATEWAY_LOADBALANCER_RESPONSE_ATTR, new DefaultResponse(tried));
        return attempt(attributes);
    }

    private static DefaultRequest<RequestDataContext> attempt(Map<String, Object> attributes) {
        RequestData data = new RequestData(HttpMethod.GET, URI.create("http://backend/api/v3/home"), new HttpHeaders(),
                new LinkedMultiValueMap<>(), attributes);
        return new DefaultRequest<>(new RequestDataContext(data));
    }
}
