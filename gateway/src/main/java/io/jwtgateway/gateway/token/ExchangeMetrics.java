package io.jwtgateway.gateway.token;

import java.util.EnumMap;
import java.util.Map;

import io.jwtgateway.gateway.refusal.AuthError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code gateway_token_exchanges_total{result}}: token exchanges by how they ended, every counter registered at
 * startup. A client that fails to authenticate is counted in {@code gateway_api_key_failures_total} instead, as at the
 * client credentials grant.
 */
@Component
class ExchangeMetrics {

    static final String EXCHANGES = "gateway.token.exchanges";

    private final Map<ExchangeResult, Counter> counters = new EnumMap<>(ExchangeResult.class);

    ExchangeMetrics(MeterRegistry registry) {
        for (ExchangeResult result : ExchangeResult.values()) {
            counters.put(result, Counter.builder(EXCHANGES)
                    .description("RFC 8693 token exchanges at /oauth2/token, by result: issued or the refusal's code")
                    .tag("result", result.tag())
                    .register(registry));
        }
    }

    void issued() {
        counters.get(ExchangeResult.ISSUED).increment();
    }

    void refused(AuthError refusal) {
        counters.get(ExchangeResult.of(refusal)).increment();
    }
}
