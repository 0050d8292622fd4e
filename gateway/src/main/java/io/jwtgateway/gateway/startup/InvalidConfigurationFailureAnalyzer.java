package io.jwtgateway.gateway.startup;

import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.InvalidConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a start that failed on {@link InvalidConfigurationException} the way Spring Boot explains its own failures
 * ("APPLICATION FAILED TO START", Description, Action): every problem with its property, where it was set, and what
 * is wrong. Values are never shown: some are secrets. Registered in {@code META-INF/spring.factories}; ahead of Boot's
 * own binding analyzer, which would otherwise claim the failure of a properties record and show one problem.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        int count = cause.problems().size();
        StringBuilder description = new StringBuilder(count == 1
                ? "The gateway's configuration has a problem:"
                : "The gateway's configuration has " + count + " problems:");
        for (ConfigurationProblem problem : cause.problems()) {
            description.append("\n\n    Property: ").append(problem.property());
            if (problem.origin() != null) {
                description.append("\n    Origin: ").append(problem.origin());
            }
            description.append("\n    Reason: ").append(problem.reason());
        }
        String action = "Correct " + (count == 1 ? "the property" : "each property") + " above, then start the "
                + "gateway again. A property can be set in application.yml, as a --name=value argument, or as an "
                + "environment variable in upper case with _ for . and - (GATEWAY_AUTH_HMAC_SECRET for "
                + "gateway.auth.hmac-secret). Values are not shown, as some are secrets.";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
