package io.jwtgateway.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.jwtgateway.gateway.testing.JarProcess;
import org.junit.jupiter.api.Test;

/** The {@code keys} command of the real jar: it answers and exits without starting the gateway. */
class KeysCommandIT {

    @Test
    void hashApiKeyWhenKeyPipedThenPrintsSha256AndExitsZeroWithoutStartingGateway() throws InterruptedException {
        try (JarProcess keys = JarProcess.start(JarProcess.jar("gateway.jar"), Map.of(), "keys", "hash-api-key")
                .input("abc\n")) {
            int exit = keys.awaitExit();

            assertThat(exit).isZero();
            // printf %s abc | sha256sum
            assertThat(keys.output()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n");
        }
    }

    @Test
    void keysWhenNoSubcommandThenUsageAndExitsTwo() throws InterruptedException {
        try (JarProcess keys = JarProcess.start(JarProcess.jar("gateway.jar"), Map.of(), "keys")) {
            int exit = keys.awaitExit();

            assertThat(exit).isEqualTo(2);
            assertThat(keys.output()).contains("Usage: java -jar gateway.jar keys <subcommand>");
        }
    }
}
