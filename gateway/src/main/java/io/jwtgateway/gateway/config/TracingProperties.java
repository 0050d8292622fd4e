package io.jwtgateway.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the gateway adds to the spans of a trace ({@code gateway.tracing.*}); whether there are traces at all is Spring
 * Boot's {@code management.opentelemetry.tracing.export.otlp.endpoint}, and how many
 * {@code management.tracing.sampling.probability}.
 *
 * @param includeSubject whether the server span names the verified subject ({@code gateway.subject}); off by default,
 *                       as a subject may be personal data, and a trace store is seldom kept like one
 */
@Validated
@ConfigurationProperties("gateway.tracing")
public record TracingProperties(@DefaultValue("false") boolean includeSubject) {
}
