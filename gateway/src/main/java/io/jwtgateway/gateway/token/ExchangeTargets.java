package io.jwtgateway.gateway.token;

import java.util.List;
import java.util.Set;

import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.ConfigurationProblems;
import io.jwtgateway.gateway.config.ServicesProperties;

/**
 * The rules that tie token exchange's audiences to the services: a configured client may be allowed to exchange for
 * a service only, and a service name must not be the gateway's own audience, or a token addressed to that one service
 * would be good on every route.
 */
public final class ExchangeTargets {

    private ExchangeTargets() {
    }

    /**
     * Every {@code gateway.auth.api-keys[N].exchange-audiences} entry that names no service, and a
     * {@code gateway.auth.audience} that is a service's name; empty when the configuration is clear.
     *
     * @param services the names under {@code gateway.services}; {@value ServicesProperties#BACKEND} is one anyway
     */
    public static List<ConfigurationProblem> problems(List<ApiKey> apiKeys, String audience, Set<String> services) {
        ConfigurationProblems problems = new ConfigurationProblems();
        for (int i = 0; i < apiKeys.size(); i++) {
            List<String> audiences = apiKeys.get(i).exchangeAudiences();
            for (int j = 0; j < audiences.size(); j++) {
                String service = audiences.get(j);
                if (!isService(service, services)) {
                    problems.add("gateway.auth.api-keys[" + i + "].exchange-audiences[" + j + "]", "'" + service
                            + "' is not a service: name backend or a service of gateway.services");
                }
            }
        }
        if (isService(audience, services)) {
            problems.add("gateway.auth.audience", "'" + audience + "' is the name of a service: a token exchanged "
                    + "for that service alone would be good on every route; choose another audience");
        }
        return problems.list();
    }

    private static boolean isService(String name, Set<String> services) {
        return ServicesProperties.BACKEND.equals(name) || services.contains(name);
    }
}
