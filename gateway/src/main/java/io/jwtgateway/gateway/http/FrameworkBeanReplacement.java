package io.jwtgateway.gateway.http;

import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The one way the gateway puts a bean of its own in the place of one Spring Cloud Gateway or Spring creates whether or
 * not another exists (the routing filter, the route metrics filter, the WebSocket service, the {@code gateway}
 * endpoint): a post-processor that takes the bean of exactly that class (or, for a wrapper, of that type) and returns
 * its replacement, built from what the replaced one was built from. A subclass is a static {@code @Bean} that looks its dependencies up late: post-
 * processors are created before other beans.
 *
 * <p>Replacing a bean couples the gateway to what that class does. {@code FrameworkBeanReplacementTests} holds a
 * fingerprint of every replaced class and of every class a replacement {@link #reliesOn relies on}, and fails when an
 * upgrade changes one: read the new version's source, then record the new fingerprints.
 */
public abstract class FrameworkBeanReplacement<T> implements BeanPostProcessor {

    private final Class<T> replaced;
    private final boolean orSubtypes;
    private volatile boolean done;

    /** Replaces the bean of exactly this class: a subclass of it is someone else's choice, kept. */
    protected FrameworkBeanReplacement(Class<T> replaced) {
        this(replaced, false);
    }

    /**
     * With {@code orSubtypes}, wraps any bean of this type, whoever made it: for a guard that must not be lost to a
     * bean of the user's.
     */
    protected FrameworkBeanReplacement(Class<T> replaced, boolean orSubtypes) {
        this.replaced = replaced;
        this.orSubtypes = orSubtypes;
    }

    @Override
    public final Object postProcessAfterInitialization(Object bean, String name) {
        if (orSubtypes ? !replaced.isInstance(bean) : bean.getClass() != replaced) {
            return bean;
        }
        done = true;
        return replace(replaced.cast(bean));
    }

    /** The bean to use instead; may wrap the replaced one. */
    protected abstract Object replace(T bean);

    /** The class whose bean this replaces or wraps. */
    public final Class<T> replaced() {
        return replaced;
    }

    /** Classes the replacement does the work of, or whose behaviour it depends on, beside the replaced one. */
    public List<Class<?>> reliesOn() {
        return List.of();
    }

    /** Whether a bean was replaced: false means the framework no longer creates one of that class. */
    public final boolean hasReplaced() {
        return done;
    }
}
