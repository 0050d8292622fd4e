package io.jwtgateway.gateway.startup;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.ConfigurationProblems;
import io.jwtgateway.gateway.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.convert.ConversionException;
import org.springframework.util.unit.DataSize;

/**
 * Binds like Spring Boot, but records each failure as a problem and carries on, so one pass finds them all: a value
 * that cannot be converted (the property's default stands in, so the checks after it still run), and the problems of
 * a properties record whose constructor refused. Never quotes a value: the message of a conversion failure would.
 * Constraint violations are left to the enclosing validation handler, which reports them when binding ends.
 */
final class CollectingBindHandler extends AbstractBindHandler {

    private final ConfigurationProblems problems;
    private final Set<String> unreadable = new HashSet<>();

    CollectingBindHandler(ConfigurationProblems problems) {
        this.problems = problems;
    }

    @Override
    public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
            Exception error) throws Exception {
        if (cause(error, BindValidationException.class) != null) {
            throw error;
        }
        InvalidConfigurationException invalid = cause(error, InvalidConfigurationException.class);
        if (invalid != null) {
            for (ConfigurationProblem problem : invalid.problems()) {
                if (!unreadable.contains(problem.property())) {     // its default stood in: only the first problem
                    problems.add(problem);
                }
            }
        } else if (cause(error, ConversionException.class) != null) {
            unreadable.add(name.toString());
            problems.add(name.toString(), "must be " + expected(target.getType().resolve()));
        } else {
            throw error;
        }
        return null;
    }

    /** What a value of the type looks like, for the reason text: examples, never the value that was given. */
    private static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "of another form";
        }
        if (type == Duration.class) {
            return "a duration such as 500ms, 30s, 5m or 1h";
        }
        if (type == DataSize.class) {
            return "a size such as 512B, 8KB or 1MB";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a valid " + type.getSimpleName();
    }

    private static <T extends Throwable> @Nullable T cause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
