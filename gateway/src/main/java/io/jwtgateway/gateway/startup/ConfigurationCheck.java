package io.jwtgateway.gateway.startup;

import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.backend.BackendRoutes;
import io.jwtgateway.gateway.clients.ClientsProperties;
import io.jwtgateway.gateway.config.AccessLogProperties;
import io.jwtgateway.gateway.config.AssertionProperties;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.config.AuthProperties.ApiKey;
import io.jwtgateway.gateway.config.AuthProperties.Signing;
import io.jwtgateway.gateway.config.BackendProperties;
import io.jwtgateway.gateway.config.ClientConnectionProperties;
import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.ConfigurationProblems;
import io.jwtgateway.gateway.config.CookieProperties;
import io.jwtgateway.gateway.config.DpopProperties;
import io.jwtgateway.gateway.config.InvalidConfigurationException;
import io.jwtgateway.gateway.config.RateLimitProperties;
import io.jwtgateway.gateway.config.RateLimitProperties.Store;
import io.jwtgateway.gateway.config.RevocationProperties;
import io.jwtgateway.gateway.config.RoutesProperties;
import io.jwtgateway.gateway.config.RoutingFilterProperties;
import io.jwtgateway.gateway.config.ServicesProperties;
import io.jwtgateway.gateway.config.ServicesProperties.Service;
import io.jwtgateway.gateway.config.StoreProperties;
import io.jwtgateway.gateway.config.TracingProperties;
import io.jwtgateway.gateway.playground.PlaygroundProperties;
import io.jwtgateway.gateway.policy.RoutePolicies;
import io.jwtgateway.gateway.ratelimit.RateLimitConfiguration;
import io.jwtgateway.gateway.token.ExchangeTargets;
import io.jwtgateway.gateway.verify.AssertionKey;
import io.jwtgateway.gateway.verify.SigningKeys;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Checks the whole configuration before any bean is made: every properties record of the gateway bound as Spring Boot
 * binds it (conversion, constraints, the record's own rules), the key files they name, and the rules that span records
 * and routes: each route's policy and destination, the rate-limit store. Each problem is collected instead of stopping
 * at the first, and together they fail the start in one {@link InvalidConfigurationException}, which
 * {@link InvalidConfigurationFailureAnalyzer} explains.
 * <p>
 * A {@link BeanFactoryPostProcessor} runs after the configuration is read and before any bean exists, so a bad
 * value is reported here, once, rather than by whichever bean happens to be created first. The beans still check
 * their own input: this is the report, not the only guard.
 */
@Component
class ConfigurationCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    /** Every {@code @ConfigurationProperties} record of the gateway, each bound under the prefix it names. */
    static final List<Class<? extends Record>> RECORDS = List.of(
            AuthProperties.class,
            RevocationProperties.class,
            BackendProperties.class,
            RateLimitProperties.class,
            ClientConnectionProperties.class,
            RoutingFilterProperties.class,
            AccessLogProperties.class,
            PlaygroundProperties.class,
            ServicesProperties.class,
            CookieProperties.class,
            DpopProperties.class,
            StoreProperties.class,
            RoutesProperties.class,
            ClientsProperties.class,
            AssertionProperties.class,
            TracingProperties.class);

    // Set by Spring through EnvironmentAware: a post-processor is made before constructor autowiring is available.
    private @Nullable ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<ConfigurationProblem> problems = check();
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems.stream().map(this::withOrigin).toList());
        }
    }

    /** Every problem with the configuration in this environment; empty when the gateway can start. */
    List<ConfigurationProblem> check() {
        Binder binder = Binder.get(environment());
        ConfigurationProblems problems = new ConfigurationProblems();
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            SpringValidatorAdapter validator = new SpringValidatorAdapter(validation.getValidator());
            for (Class<?> record : RECORDS) {
                bind(binder, prefix(record), record, validator, problems);
            }
            // The signing values' own problems came with gateway.auth; bound alone, their key files are checked even
            // when another gateway.auth property is wrong.
            Signing signing = bind(binder, "gateway.auth.signing", Signing.class, validator,
                    new ConfigurationProblems());
            if (signing != null) {
                problems.addAll(SigningKeys.problems(signing));
                AssertionProperties assertion = bind(binder, prefix(AssertionProperties.class),
                        AssertionProperties.class, validator, new ConfigurationProblems());
                if (assertion != null) {
                    problems.addAll(AssertionKey.problems(assertion, signing));
                }
            }
        }
        // The rules that span records and routes read their few values leniently: a value that cannot be read was
        // reported above.
        List<RouteDefinition> routes = lenient(binder, RoutePolicies.ROUTES, Bindable.listOf(RouteDefinition.class),
                List.of());                                 // the syntax of a route is the gateway's to judge
        problems.addAll(RoutePolicies.problems(routes));
        Map<String, Service> services = lenient(binder, "gateway.services",
                Bindable.mapOf(String.class, Service.class), Map.of());
        problems.addAll(BackendRoutes.problems(routes, services.keySet()));
        problems.addAll(ExchangeTargets.problems(
                lenient(binder, "gateway.auth.api-keys", Bindable.listOf(ApiKey.class), List.of()),
                lenient(binder, "gateway.auth.audience", Bindable.of(String.class), AuthProperties.DEFAULT_AUDIENCE),
                services.keySet()));
        problems.addAll(RateLimitConfiguration.problems(
                lenient(binder, RateLimitConfiguration.STORE, Bindable.of(Store.class), Store.MEMORY),
                lenient(binder, RateLimitConfiguration.REDIS_ENABLED, Bindable.of(String.class), "true")));
        return problems.list();
    }

    /** The prefix a record is bound under, as its {@code @ConfigurationProperties} says. */
    static String prefix(Class<?> record) {
        return MergedAnnotations.from(record).get(ConfigurationProperties.class).getString("prefix");
    }

    private static <T> T lenient(Binder binder, String name, Bindable<T> target, T otherwise) {
        return binder.bind(name, target, new IgnoreErrorsBindHandler()).orElse(otherwise);
    }

    private ConfigurableEnvironment environment() {
        if (environment == null) {
            throw new IllegalStateException("ConfigurationCheck runs in an application context, which sets it");
        }
        return environment;
    }

    private static <T> @Nullable T bind(Binder binder, String prefix, Class<T> type, SpringValidatorAdapter validator,
            ConfigurationProblems problems) {
        try {
            return binder.bindOrCreate(prefix, Bindable.of(type),
                    new ValidationBindHandler(new CollectingBindHandler(problems), validator));
        } catch (BindException ex) {
            if (!(ex.getCause() instanceof BindValidationException invalid)) {
                throw ex;                               // not a problem we know: Boot's analyzers explain it
            }
            for (ObjectError error : invalid.getValidationErrors()) {
                problems.add(property(invalid.getValidationErrors().getName(), error),
                        String.valueOf(error.getDefaultMessage()));
            }
            return null;
        }
    }

    /** The kebab-case name of the property a constraint failed on: {@code gateway.auth.api-keys[0].sha256}. */
    private static String property(ConfigurationPropertyName object, ObjectError error) {
        if (error instanceof FieldError field) {
            return object + "." + DataObjectPropertyName.toDashedForm(field.getField());
        }
        return object.toString();
    }

    /** Adds where the property was set, such as a file and line or an environment variable; never its value. */
    private ConfigurationProblem withOrigin(ConfigurationProblem problem) {
        if (!ConfigurationPropertyName.isValid(problem.property())) {
            return problem;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(problem.property());
        ConfigurationProperty property = find(name);
        if (property == null && name.isLastElementIndexed()) {
            property = find(name.getParent());         // a list given as one comma-separated value
        }
        return property == null || property.getOrigin() == null
                ? problem
                : problem.withOrigin(property.getOrigin().toString());
    }

    private @Nullable ConfigurationProperty find(ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment())) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                return property;
            }
        }
        return null;
    }
}
