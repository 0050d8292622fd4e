package io.jwtgateway.gateway.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The problems found while checking a configuration, gathered so that all of them are reported together: an operator
 * fixing a deployment learns everything wrong with it from one failed start, not one property per attempt.
 */
public final class ConfigurationProblems {

    private final List<ConfigurationProblem> problems = new ArrayList<>();

    public void add(String property, String reason) {
        problems.add(new ConfigurationProblem(property, reason));
    }

    public void add(ConfigurationProblem problem) {
        problems.add(problem);
    }

    public void addAll(Collection<ConfigurationProblem> more) {
        problems.addAll(more);
    }

    /** Runs a check that stops at its first problem, such as loading a key file, and keeps that problem. */
    public void collect(Runnable check) {
        try {
            check.run();
        } catch (InvalidConfigurationException ex) {
            problems.addAll(ex.problems());
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<ConfigurationProblem> list() {
        return List.copyOf(problems);
    }

    /** Fails with every problem found, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }
}
