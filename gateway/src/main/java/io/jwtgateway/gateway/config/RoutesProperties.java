package io.jwtgateway.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The routes added, replaced and removed at runtime through Spring Cloud Gateway's route API
 * ({@code /actuator/gateway/routes/{id}}) ({@code gateway.routes.*}). Those of
 * {@code spring.cloud.gateway.server.webflux.routes} stay as configured: the API cannot change them.
 *
 * @param store     where they are kept: {@code file}, a file under {@code gateway.data-dir} that this node alone reads;
 *                  {@code redis}, shared by every replica through {@code spring.data.redis.*}, each change served by
 *                  all of them within a second
 * @param maxRoutes the most routes the API may add, 1 to 1000: a request no earlier route matches is tested against
 *                  each of them in turn
 */
@Validated
@ConfigurationProperties("gateway.routes")
public record RoutesProperties(
        @DefaultValue("file") Store store,
        @DefaultValue("200") @Min(1) @Max(1000) int maxRoutes) {

    public enum Store { FILE, REDIS }
}
