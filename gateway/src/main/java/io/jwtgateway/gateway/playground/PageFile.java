package io.jwtgateway.gateway.playground;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;

/**
 * One of the playground's files, read from {@code classpath:playground/} once at startup: a missing file stops the
 * gateway instead of surfacing as a 500 on the first visit.
 *
 * @param path    where it is served
 * @param type    its content type, charset included
 * @param content its bytes
 */
record PageFile(String path, MediaType type, Resource content) {

    static PageFile load(String path, String name, MediaType type) {
        ClassPathResource resource = new ClassPathResource("playground/" + name);
        try (InputStream in = resource.getInputStream()) {
            return new PageFile(path, type, new ByteArrayResource(in.readAllBytes(), name));
        } catch (IOException e) {
            throw new UncheckedIOException("The playground file " + name + " is missing from the jar", e);
        }
    }
}
