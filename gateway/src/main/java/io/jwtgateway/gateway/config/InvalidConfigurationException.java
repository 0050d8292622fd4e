package io.jwtgateway.gateway.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used: each problem names its property. An {@link IllegalArgumentException}, so that
 * code and tests that expect the JDK's exception for a bad argument keep working. The message lists every problem,
 * one per line, and like the problems it never holds a secret value.
 */
public class InvalidConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigurationProblem> problems;

    public InvalidConfigurationException(List<ConfigurationProblem> problems) {
        super(problems.stream().map(ConfigurationProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid configuration has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** One problem, from a check that stops at the first. */
    public static InvalidConfigurationException of(String property, String reason) {
        return new InvalidConfigurationException(List.of(new ConfigurationProblem(property, reason)));
    }

    public List<ConfigurationProblem> problems() {
        return problems;
    }
}
