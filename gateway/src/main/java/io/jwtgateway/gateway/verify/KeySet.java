package io.jwtgateway.gateway.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The keys one issuer signs with, by {@code kid}. Immutable: a refreshed JWKS is a new set. */
final class KeySet {

    static final KeySet EMPTY = new KeySet(List.of());

    private final Map<String, VerificationKey> byId;

    KeySet(List<VerificationKey> keys) {
        Map<String, VerificationKey> map = new LinkedHashMap<>();
        keys.forEach(key -> map.putIfAbsent(key.keyId(), key));
        this.byId = Map.copyOf(map);
    }

    /**
     * The key a token header names. Without a {@code kid}, the set's only key, if it has exactly one: a token may
     * not make us try keys in turn.
     */
    @Nullable VerificationKey find(@Nullable String keyId) {
        if (keyId == null) {
            return byId.size() == 1 ? byId.values().iterator().next() : null;
        }
        return byId.get(keyId);
    }

    boolean contains(@Nullable String keyId) {
        return find(keyId) != null;
    }

    int size() {
        return byId.size();
    }
}
