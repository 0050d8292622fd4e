package io.jwtgateway.gateway.clients;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The registry in the metrics: {@code gateway_client_changes_total{action}} for each change this replica made;
 * {@code gateway_clients{source, status}} ({@code registered} or {@code configured}; {@code active} or
 * {@code disabled}) and {@code gateway_client_keys{state}} for the registered keys ({@code active}, {@code expired},
 * {@code revoked}), as this replica holds them; and {@code gateway_client_store_current}, 1 while the store this
 * replica reads is current (with Redis: its reloads succeed), else 0. The gauges count at each scrape.
 */
@Component
class ClientMetrics {

    static final String CHANGES = "gateway.client.changes";

    private final Map<ClientAction, Counter> changes = new EnumMap<>(ClientAction.class);

    ClientMetrics(ClientRegistry registry, Clock clock, MeterRegistry meters) {
        for (ClientAction action : ClientAction.values()) {
            changes.put(action, Counter.builder(CHANGES)
                    .description("Changes to the client registry made on this replica, by action")
                    .tag("action", action.value())
                    .register(meters));
        }
        for (boolean readOnly : new boolean[] {false, true}) {
            for (ClientStatus status : ClientStatus.values()) {
                Gauge.builder("gateway.clients", registry, clients -> clients.all().stream()
                        .filter(client -> client.readOnly() == readOnly && client.metadata().status() == status)
                        .count())
                        .description("Clients this replica knows, by source and status")
                        .tag("source", readOnly ? "configured" : "registered")
                        .tag("status", status.value())
                        .register(meters);
            }
        }
        for (KeyState state : KeyState.values()) {
            Gauge.builder("gateway.client.keys", registry, clients -> clients.all().stream()
                    .filter(client -> !client.readOnly())
                    .flatMap(client -> client.keys().stream())
                    .filter(key -> key.state(clock.instant()) == state)
                    .count())
                    .description("Keys of registered clients this replica knows, by state")
                    .tag("state", state.value())
                    .register(meters);
        }
        Gauge.builder("gateway.client.store.current", registry, clients -> clients.isCurrent() ? 1 : 0)
                .description("1 while the client store this replica reads is current, else 0")
                .register(meters);
    }

    void changed(ClientAction action) {
        changes.get(action).increment();
    }
}
