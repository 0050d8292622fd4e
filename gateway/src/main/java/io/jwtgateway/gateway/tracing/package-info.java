/**
 * Traces in OpenTelemetry, the Spring Boot way: Micrometer's observations of each request (Spring WebFlux's server
 * observation) and of each backend call (Spring Cloud Gateway's), bridged to the OpenTelemetry SDK and exported over
 * OTLP. On only when {@code management.opentelemetry.tracing.export.otlp.endpoint} is set ({@link TracingSwitch}):
 * without one the request path does no tracing work at all. What the gateway adds: its decision on the server span
 * ({@link ServerSpanAttributes}), a backend span without the query string ({@link BackendCallConvention}), and a
 * client's {@code traceparent} whose sampled flag counts only from a trusted proxy ({@link SampledFlagGuard}).
 */
@NullMarked
package io.jwtgateway.gateway.tracing;

import org.jspecify.annotations.NullMarked;
