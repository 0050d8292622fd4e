package io.jwtgateway.gateway.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jwtgateway.gateway.testing.GeneratedFile;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests of {@code deploy/kubernetes/base} as a test reads them, with a YAML parser alone, one object per
 * file (or several separated by {@code ---}): a container's environment as the kubelet builds it (a literal value, or
 * a reference to a Secret key or a pod field), its volume mounts, and the files the ConfigMap generator reads.
 */
final class BaseManifests {

    static final String BASE = "deploy/kubernetes/base";

    private BaseManifests() {
    }

    /** One environment variable: a literal value, or where the kubelet takes it from. */
    record EnvVar(String name, String value, String secret, String secretKey, String field) {
    }

    /** One volume mount of a container, with the volume it mounts. */
    record Mount(String mountPath, Map<String, Object> volume) {
    }

    static Path path(String file) {
        return GeneratedFile.REPOSITORY.resolve(BASE).resolve(file);
    }

    /** The one object of {@code kind} named {@code name} in the file. */
    static Map<String, Object> object(String file, String kind, String name) {
        List<Map<String, Object>> found = new ArrayList<>();
        try {
            for (Object document : new Yaml().loadAll(Files.readString(path(file), UTF_8))) {
                Map<String, Object> object = cast(document);
                if (object != null && kind.equals(object.get("kind"))
                        && name.equals(at(object, "metadata", "name"))) {
                    found.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(found).as("%s %s in %s", kind, name, file).hasSize(1);
        return found.get(0);
    }

    /** The pod template's spec of a Deployment or StatefulSet. */
    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return cast(at(workload, "spec", "template", "spec"));
    }

    static Map<String, Object> container(Map<String, Object> workload, String name) {
        List<Map<String, Object>> containers = cast(podSpec(workload).get("containers"));
        return containers.stream().filter(container -> name.equals(container.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    /** The container's environment, in order, by name. */
    static Map<String, EnvVar> environment(Map<String, Object> container) {
        List<Map<String, Object>> env = cast(container.getOrDefault("env", List.of()));
        Map<String, EnvVar> variables = new LinkedHashMap<>();
        for (Map<String, Object> variable : env) {
            String name = (String) variable.get("name");
            Object value = variable.get("value");
            assertThat(value == null || value instanceof String).as("%s: Kubernetes wants a string", name).isTrue();
            variables.put(name, new EnvVar(name, (String) value,
                    (String) at(variable, "valueFrom", "secretKeyRef", "name"),
                    (String) at(variable, "valueFrom", "secretKeyRef", "key"),
                    (String) at(variable, "valueFrom", "fieldRef", "fieldPath")));
        }
        return variables;
    }

    /** The volume mount of the container whose path holds {@code file}. */
    static Mount mountHolding(Map<String, Object> workload, Map<String, Object> container, String file) {
        List<Map<String, Object>> mounts = cast(container.getOrDefault("volumeMounts", List.of()));
        List<Map<String, Object>> volumes = cast(podSpec(workload).getOrDefault("volumes", List.of()));
        for (Map<String, Object> mount : mounts) {
            String mountPath = (String) mount.get("mountPath");
            if (file.startsWith(mountPath + "/")) {
                Map<String, Object> volume = volumes.stream().filter(v -> v.get("name").equals(mount.get("name")))
                        .findFirst().orElseThrow(() -> new AssertionError("no volume " + mount.get("name")));
                return new Mount(mountPath, volume);
            }
        }
        throw new AssertionError(container.get("name") + " mounts nothing holding " + file);
    }

    /** The files of the kustomization's ConfigMap generator {@code name}: key (file name) to the file's path. */
    static Map<String, Path> configMapFiles(String name) {
        Map<String, Object> kustomization;
        try {
            kustomization = new Yaml().load(Files.readString(path("kustomization.yaml"), UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Map<String, Object>> generators = cast(kustomization.getOrDefault("configMapGenerator", List.of()));
        Map<String, Object> generator = generators.stream().filter(g -> name.equals(g.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no configMapGenerator " + name));
        Map<String, Path> files = new LinkedHashMap<>();
        List<String> entries = cast(generator.get("files"));
        for (String entry : entries) {                      // "file" or "key=file"
            int equals = entry.indexOf('=');
            String file = entry.substring(equals + 1);
            files.put(equals < 0 ? Path.of(file).getFileName().toString() : entry.substring(0, equals), path(file));
        }
        return files;
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }

    /** A walk down nested maps that yields null where a key is missing. */
    static Object at(Map<String, Object> map, String... keys) {
        Object node = map;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> inner)) {
                return null;
            }
            node = inner.get(key);
        }
        return node;
    }
}
