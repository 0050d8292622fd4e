package io.jwtgateway.gateway.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.jwtgateway.gateway.config.StoreProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The shared documents of each kind, opened once, in the store its feature chose: a feature asks for its kind at
 * startup, as {@code documents("clients", properties.store())}, and keeps what it gets. A file store is read when it is
 * opened, so a data directory or a file it cannot use stops the start. Redis is needed only once a feature asks for a
 * Redis store: the Redis beans are looked up then. Nothing connects to Redis until the stores start, and a store that
 * cannot reach it keeps trying, so a replica starts while Redis is away, and catches up when it answers.
 *
 * <p>A {@link SmartLifecycle} in the revocation store's phase: Redis stores start right after Lettuce's connection
 * factory and well before the web server, so their first reload is under way before a request arrives, and stop after
 * the last request is answered, before Redis is disconnected. One opened after the start starts at once.
 */
@Component
public final class DocumentStores implements SmartLifecycle, DisposableBean {

    /** What a kind may be: it names a file and Redis keys. */
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final StoreProperties properties;
    private final ObjectProvider<ReactiveStringRedisTemplate> redis;
    private final ObjectProvider<ReactiveRedisConnectionFactory> connections;
    private final Map<String, OpenStore> opened = new LinkedHashMap<>();
    private @Nullable ReactiveRedisMessageListenerContainer messages;
    private boolean running;

    public DocumentStores(StoreProperties properties, ObjectProvider<ReactiveStringRedisTemplate> redis,
            ObjectProvider<ReactiveRedisConnectionFactory> connections) {
        this.properties = properties;
        this.redis = redis;
        this.connections = connections;
    }

    /**
     * The documents of {@code kind} ({@code clients}, {@code routes}: lower case letters, digits and dashes), opened in
     * {@code type}'s store on the first call; each later call returns the same instance. A file store that cannot be
     * used fails with {@link io.jwtgateway.gateway.config.InvalidConfigurationException}, naming
     * {@code gateway.data-dir}, which stops the start with the gateway's configuration report.
     *
     * @throws IllegalArgumentException when the kind is malformed, or already open in the other type of store
     */
    public synchronized SharedDocuments documents(String kind, StoreType type) {
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("A kind of documents is lower case letters, digits and dashes");
        }
        OpenStore open = opened.get(kind);
        if (open == null) {
            open = new OpenStore(type, switch (type) {
                case FILE -> new FileDocuments(kind, properties.dataDir());
                case REDIS -> redisDocuments(kind);
            });
            opened.put(kind, open);
        } else if (open.type() != type) {
            throw new IllegalArgumentException("The " + kind + " are already kept in the " + open.type() + " store");
        }
        return open.documents();
    }

    /** Every store opened so far, by kind, in the order they were opened. */
    synchronized Map<String, OpenStore> opened() {
        return new LinkedHashMap<>(opened);
    }

    @Override
    public synchronized void start() {
        opened.values().forEach(open -> {
            if (open.documents() instanceof RedisDocuments documents) {
                documents.start();
            }
        });
        running = true;
    }

    @Override
    public synchronized void stop() {
        opened.values().forEach(open -> {
            if (open.documents() instanceof RedisDocuments documents) {
                documents.stop();
            }
        });
        running = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /** The revocation store's, for the same reasons. */
    @Override
    public int getPhase() {
        return 1;
    }

    /** Ends each store's thread and the Redis subscriptions' connection, after {@link #stop()}. */
    @Override
    public synchronized void destroy() {
        opened.values().forEach(open -> {
            if (open.documents() instanceof FileDocuments documents) {
                documents.close();
            } else if (open.documents() instanceof RedisDocuments documents) {
                documents.close();
            }
        });
        if (messages != null) {
            messages.destroy();
        }
    }

    private RedisDocuments redisDocuments(String kind) {
        ReactiveStringRedisTemplate template = redis.getIfAvailable();
        ReactiveRedisConnectionFactory factory = connections.getIfAvailable();
        if (template == null || factory == null) {
            throw new IllegalStateException("The " + kind + " store is redis, but there is no Redis connection: "
                    + "spring.data.redis.* configures it");
        }
        RedisDocuments documents = new RedisDocuments(kind, template, () -> messages(factory), properties.store());
        if (running) {
            documents.start();
        }
        return documents;
    }

    /**
     * The one connection every kind's messages come by, made when a store first subscribes. Making it connects to
     * Redis, so it fails while Redis is away: the store then tries again, and a replica starts without Redis.
     */
    private synchronized ReactiveRedisMessageListenerContainer messages(ReactiveRedisConnectionFactory factory) {
        if (messages == null) {
            messages = new ReactiveRedisMessageListenerContainer(factory);
        }
        return messages;
    }

    /** A store as it was opened: which type, and the documents. */
    record OpenStore(StoreType type, SharedDocuments documents) {
    }
}
