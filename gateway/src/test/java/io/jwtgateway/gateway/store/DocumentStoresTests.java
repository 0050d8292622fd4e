package io.jwtgateway.gateway.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.jwtgateway.gateway.GatewayApplication;
import io.jwtgateway.gateway.config.InvalidConfigurationException;
import io.jwtgateway.gateway.config.StoreProperties;
import io.jwtgateway.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Opening stores by kind, without Redis: once per kind, only what a feature asks for, and a file store that cannot be
 * used stops the start with the gateway's configuration report.
 */
@ExtendWith(OutputCaptureExtension.class)
class DocumentStoresTests {

    @TempDir
    Path dir;

    DocumentStores stores;

    @AfterEach
    void close() {
        if (stores != null) {
            stores.stop();
            stores.destroy();
        }
    }

    @Test
    void documentsWhenAskedTwiceForOneKindThenTheSameInstance() {
        stores = stores(dir);

        SharedDocuments first = stores.documents("clients", StoreType.FILE);

        assertThat(stores.documents("clients", StoreType.FILE)).isSameAs(first);
        assertThat(stores.documents("routes", StoreType.FILE)).isNotSameAs(first);
    }

    @Test
    void documentsWhenKindAlreadyOpenInTheOtherStoreThenRefused() {
        stores = stores(dir);
        stores.documents("clients", StoreType.FILE);

        assertThatThrownBy(() -> stores.documents("clients", StoreType.REDIS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void documentsWhenKindCouldEscapeTheDirectoryOrKeyThenRefused() {
        stores = stores(dir);

        for (String kind : new String[] {"../clients", "Clients", "a:b", "", "clients.json"}) {
            assertThatThrownBy(() -> stores.documents(kind, StoreType.FILE)).as(kind)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void storesWhenNoFileStoreAskedForThenDataDirNotCreated() {
        Path dataDir = dir.resolve("data");
        stores = stores(dataDir);

        stores.start();

        assertThat(dataDir).doesNotExist();
        assertThat(stores.opened()).isEmpty();
    }

    @Test
    void documentsWhenRedisAskedForWithoutRedisThenRefusedNamingTheSettings() {
        stores = stores(dir);

        assertThatThrownBy(() -> stores.documents("clients", StoreType.REDIS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.data.redis");
    }

    @Test
    void startWhenAFeatureAsksForAKindWhoseFileIsCorruptThenTheConfigurationReportNamesDataDir(CapturedOutput output)
            throws IOException {
        Path file = Files.writeString(dir.resolve("things.json"), "{\"a\": ", UTF_8);

        Throwable thrown = catchThrowable(() -> new SpringApplicationBuilder(GatewayApplication.class,
                AsksForThings.class).run("--server.port=0", "--spring.main.banner-mode=off",
                        "--gateway.auth.hmac-secret=" + TestTokens.SECRET, "--gateway.data-dir=" + dir)
                .close());

        assertThat(thrown).hasRootCauseInstanceOf(InvalidConfigurationException.class);
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Property: gateway.data-dir")
                .contains("Reason: " + file + " is not valid JSON");
        assertThat(Files.readString(file)).isEqualTo("{\"a\": ");
    }

    /** A feature that keeps its documents in a file, as the registry does by default. Not scanned: no annotation. */
    static class AsksForThings {

        @Bean
        SharedDocuments things(DocumentStores stores) {
            return stores.documents("things", StoreType.FILE);
        }
    }

    private static DocumentStores stores(Path dataDir) {
        DefaultListableBeanFactory none = new DefaultListableBeanFactory();
        return new DocumentStores(
                new StoreProperties(dataDir, new StoreProperties.Redis(Duration.ofSeconds(2), Duration.ofSeconds(1))),
                none.getBeanProvider(ReactiveStringRedisTemplate.class),
                none.getBeanProvider(ReactiveRedisConnectionFactory.class));
    }
}
