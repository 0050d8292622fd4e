package io.jwtgateway.gateway.store;

/**
 * Where a feature keeps its shared documents, as its {@code ...store} property names it ({@code file} or
 * {@code redis}).
 */
public enum StoreType {

    /** A JSON file in {@code gateway.data-dir}: one node, kept across restarts. */
    FILE,

    /** A Redis hash shared by every replica through {@code spring.data.redis.*}. */
    REDIS
}
