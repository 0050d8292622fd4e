package io.jwtgateway.gateway.observe;

import io.jwtgateway.gateway.http.FrameworkBeanReplacement;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GatewayMetricsProperties;
import org.springframework.cloud.gateway.filter.GatewayMetricsFilter;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayTagsProvider;
import org.springframework.stereotype.Component;

/**
 * Puts {@link RouteMetrics} in the place of Spring Cloud Gateway's route metrics filter, with the same registry, tag
 * providers and prefix, and the tracer while tracing is on; Spring Cloud Gateway creates its filter whether or not
 * another exists.
 */
@Component
class RouteMetricsReplacement extends FrameworkBeanReplacement<GatewayMetricsFilter> {

    private final ObjectProvider<MeterRegistry> registry;
    private final ObjectProvider<GatewayTagsProvider> providers;
    private final ObjectProvider<GatewayMetricsProperties> properties;
    private final ObjectProvider<Tracer> tracer;

    RouteMetricsReplacement(ObjectProvider<MeterRegistry> registry, ObjectProvider<GatewayTagsProvider> providers,
            ObjectProvider<GatewayMetricsProperties> properties, ObjectProvider<Tracer> tracer) {
        super(GatewayMetricsFilter.class);
        this.registry = registry;                   // looked up late: post-processors are created before beans
        this.providers = providers;
        this.properties = properties;
        this.tracer = tracer;
    }

    @Override
    protected Object replace(GatewayMetricsFilter bean) {
        Tracer tracing = tracer.getIfAvailable();
        return new RouteMetrics(registry.getObject(), providers.orderedStream().toList(),
                properties.getObject().getPrefix(), tracing == Tracer.NOOP ? null : tracing);
    }
}
