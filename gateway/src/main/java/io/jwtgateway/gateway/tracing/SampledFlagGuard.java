package io.jwtgateway.gateway.tracing;

import java.net.InetSocketAddress;
import java.util.List;

import io.jwtgateway.gateway.http.TrustedProxies;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A client's W3C {@code traceparent} is continued, but its sampled flag is believed only from a trusted proxy: anyone
 * else could have every one of their requests traced, which costs the gateway and every collector behind it. From
 * any other peer the flag is set to what the gateway's own sampler says of a new trace with that trace id (the
 * configured probability), before Spring WebFlux reads the header and starts the server span. Runs ahead of
 * WebFlux, so only what it needs is read: the header, and the peer's address. A header that is not a version 00
 * {@code traceparent} is left as is: the propagator ignores it and starts a new trace.
 */
final class SampledFlagGuard implements HttpHandlerDecoratorFactory {

    static final String TRACEPARENT = "traceparent";

    /** {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>} */
    private static final int LENGTH = 55;
    private static final int TRACE_ID = 3;
    private static final int FLAGS = 53;

    private final TrustedProxies trustedProxies;
    private final Sampler sampler;

    SampledFlagGuard(TrustedProxies trustedProxies, Sampler sampler) {
        this.trustedProxies = trustedProxies;
        this.sampler = sampler;
    }

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> handler.handle(guarded(request), response);
    }

    ServerHttpRequest guarded(ServerHttpRequest request) {
        String parent = request.getHeaders().getFirst(TRACEPARENT);
        if (parent == null || isFromTrustedProxy(request)) {
            return request;
        }
        String decided = decided(parent);
        if (decided == null || decided.equals(parent)) {
            return request;
        }
        return request.mutate().headers(headers -> headers.set(TRACEPARENT, decided)).build();
    }

    private boolean isFromTrustedProxy(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        return peer != null && trustedProxies.contains(peer.getAddress());
    }

    /** The header with its sampled flag as the sampler decides for its trace id; null when it is not one to read. */
    @Nullable String decided(String parent) {
        if (parent.length() != LENGTH || !parent.startsWith("00-") || parent.charAt(TRACE_ID + 32) != '-'
                || parent.charAt(FLAGS - 1) != '-') {
            return null;
        }
        String traceId = parent.substring(TRACE_ID, TRACE_ID + 32);
        int flags = hexByte(parent, FLAGS);
        if (!TraceId.isValid(traceId) || flags < 0) {
            return null;
        }
        SamplingDecision decision = sampler.shouldSample(Context.root(), traceId, "http", SpanKind.SERVER,
                Attributes.empty(), List.of()).getDecision();
        int sampled = decision == SamplingDecision.RECORD_AND_SAMPLE ? 1 : 0;
        if ((flags & 1) == sampled) {
            return parent;
        }
        int decidedFlags = (flags & ~1) | sampled;
        return parent.substring(0, FLAGS) + Character.forDigit(decidedFlags >> 4, 16)
                + Character.forDigit(decidedFlags & 0xF, 16);
    }

    private static int hexByte(String text, int at) {
        int high = Character.digit(text.charAt(at), 16);
        int low = Character.digit(text.charAt(at + 1), 16);
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }
}
