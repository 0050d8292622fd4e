package io.jwtgateway.gateway.tracing;

import io.jwtgateway.gateway.config.RateLimitProperties;
import io.jwtgateway.gateway.config.TracingProperties;
import io.jwtgateway.gateway.http.TrustedProxies;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayObservationConvention;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** The gateway's part of tracing, while tracing is on ({@link TracingSwitch}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(TracingSwitch.ENABLED)
class TracingConfiguration {

    @Bean
    SampledFlagGuard sampledFlagGuard(RateLimitProperties rateLimit, Sampler sampler) {
        return new SampledFlagGuard(TrustedProxies.of(rateLimit.trustedProxies()), sampler);
    }

    @Bean
    ServerSpanAttributes serverSpanAttributes(TracingProperties properties) {
        return new ServerSpanAttributes(properties.includeSubject());
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)                  // the first meter handler asked: it takes them, and stops
    RequestsUntimed requestsUntimed() {
        return new RequestsUntimed();
    }

    @Bean
    UnsampledBackendCalls unsampledBackendCalls() {
        return new UnsampledBackendCalls();
    }

    @Bean
    GatewayObservationConvention backendCallConvention() {
        return new BackendCallConvention();
    }
}
