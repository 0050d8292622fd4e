package io.jwtgateway.gateway.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.jwtgateway.gateway.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documents of one kind in {@code <kind>.json} in the data directory: one JSON object, each member a document
 * under its id, one line each. Read when opened, which fails the start when the directory cannot be created or written,
 * or the file is not valid JSON: a file the gateway cannot read is never replaced. Each change rewrites the file
 * whole, atomically: the new content goes to a temporary file in the same directory, is forced to disk, then renamed
 * over the old file, so a failed write or a crash leaves the old file as it was. Writes run one at a time, on the
 * store's own thread. One node only: another process sharing the directory would not learn of the changes.
 */
final class FileDocuments implements SharedDocuments {

    static final String PROPERTY = "gateway.data-dir";

    private static final Logger log = LoggerFactory.getLogger(FileDocuments.class);

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)      // two documents under one id: which one?
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)  // numbers come back as they were written
            .build();

    private final String kind;
    private final Path directory;
    private final Path file;
    private final LocalCopy copy;

    /** Opens {@code <kind>.json}; fails with the problem, naming {@value #PROPERTY}, when it cannot be used. */
    FileDocuments(String kind, Path dataDir) {
        this.kind = kind;
        this.directory = dataDir.toAbsolutePath().normalize();
        this.file = directory.resolve(kind + ".json");
        this.copy = new LocalCopy(kind);
        checkWritable();
        copy.replace(read());
    }

    @Override
    public Map<String, String> all() {
        return copy.all();
    }

    /** Fails with {@link IllegalArgumentException} when {@code json} is not JSON: the caller's mistake. */
    @Override
    public Mono<Void> put(String id, String json) {
        return Mono.<Void>fromRunnable(() -> write(id, compact(json)))
                .subscribeOn(copy.thread());
    }

    @Override
    public Mono<Void> remove(String id) {
        return Mono.<Void>fromRunnable(() -> write(id, null))
                .subscribeOn(copy.thread());
    }

    @Override
    public void onChange(Runnable listener) {
        copy.onChange(listener);
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    /** Ends the store's thread. */
    void close() {
        copy.close();
    }

    /** The file this store keeps its documents in. */
    Path file() {
        return file;
    }

    /** On the store's thread: the file first, then the copy, so the copy never holds what the file does not. */
    private void write(String id, @Nullable String json) {
        Map<String, String> next = new HashMap<>(copy.all());
        if (json == null) {
            next.remove(id);
        } else {
            next.put(id, json);
        }
        if (next.equals(copy.all())) {
            return;
        }
        try {
            replaceFile(render(next));
        } catch (IOException ex) {
            log.warn("Cannot write {}, so the change to {} '{}' was not made: {}", file, kind, id, ex.toString());
            throw new StoreUnavailableException(kind);
        }
        copy.set(id, json);
    }

    private void replaceFile(String content) throws IOException {
        Path temporary = Files.createTempFile(directory, "." + kind + ".json.", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            Files.deleteIfExists(temporary);
            throw ex;
        }
        forceDirectory();
    }

    /**
     * The rename is durable once the directory is on disk too. Best effort: the file already holds the change, so a
     * failure here (a system that cannot open a directory) must not report the change as not made.
     */
    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ex) {
            log.debug("Cannot force {} to disk: {}", directory, ex.toString());
        }
    }

    /** Sorted by id, so that the file reads well and changes little from one write to the next. */
    private static String render(Map<String, String> documents) {
        StringBuilder out = new StringBuilder("{");
        String separator = "\n";
        for (Map.Entry<String, String> document : new TreeMap<>(documents).entrySet()) {
            out.append(separator).append("  ").append(JSON.writeValueAsString(document.getKey())).append(": ")
                    .append(document.getValue());
            separator = ",\n";
        }
        return out.append(documents.isEmpty() ? "}\n" : "\n}\n").toString();
    }

    /** The document as the file will hold it, so that what a restart reads back is what this replica serves now. */
    private static String compact(String json) {
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (JacksonException ex) {
            throw new IllegalArgumentException("A document must be JSON");
        }
    }

    private void checkWritable() {
        try {
            Files.createDirectories(directory);
        } catch (IOException ex) {
            throw problem(directory + " cannot be created: " + why(ex));
        }
        try {
            Files.delete(Files.createTempFile(directory, ".probe.", ".tmp"));
        } catch (IOException ex) {
            throw problem(directory + " cannot be written: " + why(ex));
        }
    }

    private Map<String, String> read() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException ex) {
            throw problem(file + " cannot be read: " + why(ex));
        }
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JacksonException ex) {
            throw unreadable("is not valid JSON" + where(ex.getLocation()));
        }
        if (root == null || !root.isObject()) {
            throw unreadable("is not a JSON object of documents by id");
        }
        Map<String, String> documents = new HashMap<>();
        root.properties().forEach(member -> documents.put(member.getKey(), JSON.writeValueAsString(member.getValue())));
        return documents;
    }

    private InvalidConfigurationException unreadable(String what) {
        return problem(file + " " + what + ". The gateway never replaces a file it cannot read: repair it, or move it "
                + "away to start without the " + kind + " it held");
    }

    private static InvalidConfigurationException problem(String reason) {
        return InvalidConfigurationException.of(PROPERTY, reason);
    }

    /** Why, in our words or the operating system's, never a message that might quote what was read. */
    private static String why(IOException ex) {
        if (ex instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (ex instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (ex instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason();                      // such as "Operation not permitted"
        }
        return ex.getClass().getSimpleName();
    }

    private static String where(@Nullable TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
