package io.jwtgateway.gateway.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.jwtgateway.gateway.config.ConfigurationProblem;
import io.jwtgateway.gateway.config.InvalidConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * The file store over a real directory: what it writes is read back by the next instance over the same directory (a
 * restart), a write that fails leaves the old file and the copy as they were, and a directory or a file it cannot use
 * stops the start naming {@code gateway.data-dir}.
 */
class FileDocumentsTests {

    static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    final List<FileDocuments> opened = new CopyOnWriteArrayList<>();
    final ReadOnlyDirectory readOnly = new ReadOnlyDirectory();

    @AfterEach
    void closeAll() {
        readOnly.restore();
        opened.forEach(FileDocuments::close);
    }

    @Test
    void putAndRemoveWhenStoreOpenedAgainOverSameDirectoryThenEveryChangeReadBack() {
        FileDocuments before = open("clients");
        before.put("a", "{\"name\":\"first\"}").block(WAIT);
        before.put("b", "{\"name\":\"second\",\"limit\":1.50}").block(WAIT);
        before.put("c", "{\"name\":\"third\"}").block(WAIT);
        before.remove("a").block(WAIT);
        before.put("c", "{\"name\":\"third, renamed\"}").block(WAIT);

        FileDocuments after = open("clients");

        assertThat(after.all()).isEqualTo(Map.of(
                "b", "{\"name\":\"second\",\"limit\":1.50}",
                "c", "{\"name\":\"third, renamed\"}"));
        assertThat(after.all()).isEqualTo(before.all());
    }

    @Test
    void putWhenDocumentWrittenThenFileIsOneJsonObjectOfDocumentsById() throws IOException {
        FileDocuments documents = open("routes");

        documents.put("orders", "{ \"uri\": \"lb://orders\",\n \"order\": 1 }").block(WAIT);

        assertThat(documents.all()).containsEntry("orders", "{\"uri\":\"lb://orders\",\"order\":1}");
        assertThat(JsonMapper.builder().build().readTree(Files.readString(dataDir.resolve("routes.json"))).toString())
                .isEqualTo("{\"orders\":{\"uri\":\"lb://orders\",\"order\":1}}");
    }

    @Test
    void putWhenManyAtOnceThenWrittenOneAtATimeAndNoneLost() {
        FileDocuments documents = open("clients");

        Flux.range(0, 50)
                .flatMap(i -> documents.put("client-" + i, "{\"n\":" + i + "}"))
                .blockLast(WAIT);

        assertThat(open("clients").all()).hasSize(50).containsEntry("client-49", "{\"n\":49}");
    }

    @Test
    void putWhenListenersRegisteredThenEachCalledOnceAfterTheChangeOnTheStoresThread() {
        FileDocuments documents = open("clients");
        List<String> seen = new CopyOnWriteArrayList<>();
        documents.onChange(() -> seen.add(Thread.currentThread().getName().replaceAll("-\\d+$", "") + " "
                + documents.all().keySet()));

        documents.put("a", "{}").block(WAIT);
        documents.put("a", "{}").block(WAIT);               // no change: no call
        documents.remove("missing").block(WAIT);            // no change: no call
        documents.remove("a").block(WAIT);

        assertThat(seen).containsExactly("documents-clients [a]", "documents-clients []");
    }

    @Test
    void putWhenNotJsonThenRefusedAndNothingWritten() {
        FileDocuments documents = open("clients");

        assertThatThrownBy(() -> documents.put("a", "{not json").block(WAIT))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(documents.all()).isEmpty();
        assertThat(dataDir.resolve("clients.json")).doesNotExist();
    }

    @Test
    void putWhenDirectoryCannotBeWrittenThenUnavailableAndOldFileAndCopyAsTheyWere() throws IOException {
        FileDocuments documents = open("clients");
        documents.put("a", "{\"v\":1}").block(WAIT);
        Path file = dataDir.resolve("clients.json");
        String old = Files.readString(file);
        List<String> calls = new CopyOnWriteArrayList<>();
        documents.onChange(() -> calls.add("changed"));
        readOnly.apply(dataDir);                            // the file itself stays writable: only a write in place

        assertThatThrownBy(() -> documents.put("a", "{\"v\":2}").block(WAIT))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> documents.remove("a").block(WAIT))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(Files.readString(file)).isEqualTo(old);
        assertThat(documents.all()).isEqualTo(Map.of("a", "{\"v\":1}"));
        assertThat(calls).isEmpty();
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).containsExactly(file);        // no temporary file left behind
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": {\"v\": 1},", "", "[{\"v\": 1}]", "{\"a\": {}, \"a\": {}}", "{\"a\": {}} {}"})
    void openWhenFileIsNotAJsonObjectOfDocumentsThenRefusedNamingDataDirAndTheFileKept(String content)
            throws IOException {
        Path file = Files.writeString(dataDir.resolve("clients.json"), content, UTF_8);

        ConfigurationProblem problem = openFails("clients");

        assertThat(problem.property()).isEqualTo("gateway.data-dir");
        assertThat(problem.reason()).contains(file.toString()).contains("never replaces");
        assertThat(Files.readString(file)).isEqualTo(content);
    }

    @Test
    void openWhenFileIsNotJsonThenReasonSaysWhereAndNotWhat() throws IOException {
        Files.writeString(dataDir.resolve("clients.json"), "{\n  \"a\": {\"hash\": \"secret-ish\"\n}", UTF_8);

        ConfigurationProblem problem = openFails("clients");

        assertThat(problem.reason()).contains("not valid JSON (line 3").doesNotContain("secret-ish");
    }

    @Test
    void openWhenDataDirIsAFileThenRefusedNamingDataDir() throws IOException {
        Path notADirectory = Files.writeString(dataDir.resolve("data"), "", UTF_8);

        ConfigurationProblem problem = openFails("clients", notADirectory);

        assertThat(problem.property()).isEqualTo("gateway.data-dir");
        assertThat(problem.reason()).contains(notADirectory.toString()).contains("cannot be created");
    }

    @Test
    void openWhenDataDirCannotBeWrittenThenRefusedNamingDataDir() {
        readOnly.apply(dataDir);

        ConfigurationProblem problem = openFails("clients");

        assertThat(problem.property()).isEqualTo("gateway.data-dir");
        assertThat(problem.reason()).contains(dataDir.toString()).contains("cannot be written");
    }

    @Test
    void openWhenDataDirMissingThenCreatedEmpty() {
        Path missing = dataDir.resolve("nested/data");

        FileDocuments documents = track(new FileDocuments("clients", missing));

        assertThat(missing).isDirectory();
        assertThat(documents.all()).isEmpty();
        assertThat(documents.isAvailable()).isTrue();
    }

    @Test
    void openWhenOtherKindsInTheDirectoryThenEachReadsItsOwnFile() {
        open("clients").put("a", "{}").block(WAIT);
        open("routes").put("r", "[]").block(WAIT);

        assertThat(open("clients").all()).containsOnlyKeys("a");
        assertThat(open("routes").all()).containsOnlyKeys("r");
    }

    private FileDocuments open(String kind) {
        return track(new FileDocuments(kind, dataDir));
    }

    private FileDocuments track(FileDocuments documents) {
        opened.add(documents);
        return documents;
    }

    private ConfigurationProblem openFails(String kind) {
        return openFails(kind, dataDir);
    }

    private ConfigurationProblem openFails(String kind, Path directory) {
        InvalidConfigurationException failure = catchThrowableOfType(InvalidConfigurationException.class,
                () -> track(new FileDocuments(kind, directory)));
        assertThat(failure).as("opening %s in %s", kind, directory).isNotNull();
        assertThat(failure.problems()).hasSize(1);
        return failure.problems().get(0);
    }
}
