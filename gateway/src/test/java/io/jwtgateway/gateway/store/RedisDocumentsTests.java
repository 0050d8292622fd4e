package io.jwtgateway.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.jwtgateway.gateway.testing.GatewayReplica;
import io.jwtgateway.gateway.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared documents of one kind on three gateway replicas sharing a real {@code redis-server}. Two reload only every
 * {@value #PUSH_ONLY_SECONDS} seconds, so what reaches them within a second came by message; the third, the watcher,
 * reloads every 200 ms, and shows its stores' health on a management port of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisDocumentsTests {

    static final String KIND = "things";
    static final String HASH = "jwt-gateway:things";
    static final String CHANNEL = "jwt-gateway:things:changes";
    static final long PUSH_ONLY_SECONDS = 60;
    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;

    final List<GatewayReplica> replicas = new ArrayList<>();
    final List<Map<String, String>> heardBySecond = new CopyOnWriteArrayList<>();
    RedisServer redis;
    RedisClient direct;
    SharedDocuments first;
    SharedDocuments second;
    SharedDocuments watcher;
    WebTestClient watcherMain;
    WebTestClient watcherManagement;

    @BeforeAll
    void startReplicas() {
        redis = RedisServer.startOrSkip();
        direct = RedisClient.create(redis.url());
        first = start(PUSH_ONLY_SECONDS + "s").bean(DocumentStores.class).documents(KIND, StoreType.REDIS);
        second = start(PUSH_ONLY_SECONDS + "s").bean(DocumentStores.class).documents(KIND, StoreType.REDIS);
        GatewayReplica third = start("200ms", "--management.server.port=0");
        watcher = third.bean(DocumentStores.class).documents(KIND, StoreType.REDIS);
        watcherMain = third.client();
        watcherManagement = third.managementClient();
        second.onChange(() -> heardBySecond.add(second.all()));
        awaitSubscribers(3);                                // measured from here on: replicas in their steady state
        awaitAvailable(first, second, watcher);
    }

    @AfterAll
    void stopAll() {
        replicas.forEach(GatewayReplica::close);
        if (direct != null) {
            direct.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void healthWhenStoreCurrentThenUpNamingItsStore() {
        awaitHealth("UP");

        watcherManagement.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.documentStores.components.things.details.store").isEqualTo("redis");
    }

    @Test
    @Order(2)
    void putOnOneReplicaThenOtherHasItWithinOneSecondAndItsListenersCalled() {
        first.put("alpha", "{\"v\":1}").block(WAIT);
        long written = System.nanoTime();

        assertThat(first.all()).containsEntry("alpha", "{\"v\":1}");          // the writer's own copy, at once
        Duration propagation = await(second, documents -> "{\"v\":1}".equals(documents.get("alpha")), written);
        System.out.println("A put reached the other replica in " + propagation.toMillis() + " ms");

        awaitHeard(documents -> documents.containsKey("alpha"));
        assertThat(redisHash()).containsEntry("alpha", "{\"v\":1}");
    }

    @Test
    @Order(3)
    void replaceOnOneReplicaThenOtherHasTheNewDocumentWithinOneSecond() {
        second.put("alpha", "{\"v\":2}").block(WAIT);
        long written = System.nanoTime();

        Duration propagation = await(first, documents -> "{\"v\":2}".equals(documents.get("alpha")), written);
        System.out.println("A replacement reached the other replica in " + propagation.toMillis() + " ms");
    }

    @Test
    @Order(4)
    void removeOnOneReplicaThenGoneFromOtherWithinOneSecondAndItsListenersCalled() {
        first.put("beta", "{}").block(WAIT);
        await(second, documents -> documents.containsKey("beta"), System.nanoTime());

        first.remove("beta").block(WAIT);
        long removed = System.nanoTime();

        assertThat(first.all()).doesNotContainKey("beta");
        Duration propagation = await(second, documents -> !documents.containsKey("beta"), removed);
        System.out.println("A remove reached the other replica in " + propagation.toMillis() + " ms");
        awaitHeard(documents -> documents.containsKey("alpha") && !documents.containsKey("beta"));
        assertThat(redisHash()).doesNotContainKey("beta");
    }

    @Test
    @Order(5)
    void changeWrittenWithoutMessageThenHealedByTheNextReload() {
        try (StatefulRedisConnection<String, String> connection = direct.connect()) {
            connection.sync().hset(HASH, "unannounced", "{\"v\":3}");
            long written = System.nanoTime();

            await(watcher, documents -> documents.containsKey("unannounced"), written);
            assertThat(second.all()).as("no message was sent").doesNotContainKey("unannounced");

            connection.sync().hdel(HASH, "unannounced");
            await(watcher, documents -> !documents.containsKey("unannounced"), System.nanoTime());
        }
    }

    @Test
    @Order(6)
    void redisStoppedThenWritesFailUnavailableChangeNothingAndHealthDownButReady() {
        first.put("kept", "{}").block(WAIT);
        await(second, documents -> documents.containsKey("kept"), System.nanoTime());
        Map<String, String> firstBefore = first.all();
        Map<String, String> secondBefore = second.all();

        redis.stop();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> first.put("during-outage", "{}").block(WAIT))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> second.remove("kept").block(WAIT))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

            assertThat(first.all()).isEqualTo(firstBefore);
            assertThat(second.all()).isEqualTo(secondBefore);
            awaitHealth("DOWN");
            watcherMain.get().uri("/readyz").exchange().expectStatus().isOk().expectBody(Void.class);
        } finally {
            redis.start();
        }
        long restarted = System.nanoTime();
        awaitSubscribers(3);
        System.out.println("Every replica subscribed again " + millisSince(restarted) + " ms after Redis restarted");

        second.put("after-restart", "{}").block(WAIT);
        long written = System.nanoTime();
        Duration propagation = await(first, documents -> documents.containsKey("after-restart"), written);
        System.out.println("After the restart, a put reached the other replica in " + propagation.toMillis() + " ms");

        awaitHealth("UP");
        await(watcher, documents -> documents.containsKey("after-restart"), System.nanoTime());
        assertThat(watcher.all()).doesNotContainKey("during-outage");
        assertThat(redisHash()).doesNotContainKey("during-outage");
    }

    @Test
    @Order(7)
    void replicaStartedWhileRedisIsAwayThenStartsAndCatchesUpOnceRedisAnswers() {
        SharedDocuments late;
        redis.stop();
        try {
            late = start(PUSH_ONLY_SECONDS + "s").bean(DocumentStores.class).documents(KIND, StoreType.REDIS);

            assertThat(late.isAvailable()).isFalse();
            assertThat(late.all()).isEmpty();
        } finally {
            redis.start();
        }
        long restarted = System.nanoTime();
        awaitAvailable(late);
        awaitSubscribers(4);
        System.out.println("A replica started without Redis subscribed " + millisSince(restarted)
                + " ms after Redis started");

        first.put("for-the-late-one", "{}").block(WAIT);
        await(late, documents -> documents.containsKey("for-the-late-one"), System.nanoTime());
    }

    private GatewayReplica start(String resyncInterval, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--gateway.data-dir=" + dataDir,
                "--gateway.store.resync-interval=" + resyncInterval,
                "--gateway.store.timeout=300ms",
                "--spring.data.redis.url=" + redis.url()));
        arguments.addAll(List.of(more));
        GatewayReplica replica = GatewayReplica.start(arguments.toArray(String[]::new));
        replicas.add(replica);
        return replica;
    }

    /** How long after {@code since} the documents matched; fails when that took a second or more. */
    private static Duration await(SharedDocuments documents, Predicate<Map<String, String>> condition, long since) {
        long deadline = since + ONE_SECOND.toNanos() * 5;               // poll past the bound, then assert it
        while (!condition.test(documents.all())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not so after 5 s: " + documents.all());
            }
            GatewayReplica.pause(1);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - since);
        assertThat(took).isLessThan(ONE_SECOND);
        return took;
    }

    private void awaitHeard(Predicate<Map<String, String>> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (heardBySecond.stream().noneMatch(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the listener never saw it: " + heardBySecond);
            }
            GatewayReplica.pause(1);
        }
    }

    private static void awaitAvailable(SharedDocuments... stores) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (SharedDocuments documents : stores) {
            while (!documents.isAvailable()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("a store never loaded from Redis");
                }
                GatewayReplica.pause(10);
            }
        }
    }

    private void awaitHealth(String status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!status.equals(storeHealth())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the store's health is still not " + status);
            }
            GatewayReplica.pause(20);
        }
    }

    private String storeHealth() {
        byte[] body = watcherManagement.get().uri("/actuator/health").exchange()
                .expectBody().returnResult().getResponseBody();
        return JsonMapper.builder().build().readTree(body)
                .path("components").path("documentStores").path("components").path(KIND).path("status").asString();
    }

    private void awaitSubscribers(long count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (subscribers() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " replicas subscribed to " + CHANNEL);
            }
            GatewayReplica.pause(10);
        }
    }

    private long subscribers() {
        try (StatefulRedisConnection<String, String> connection = direct.connect()) {
            return connection.sync().pubsubNumsub(CHANNEL).getOrDefault(CHANNEL, 0L);
        }
    }

    private Map<String, String> redisHash() {
        try (StatefulRedisConnection<String, String> connection = direct.connect()) {
            return connection.sync().hgetall(HASH);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
