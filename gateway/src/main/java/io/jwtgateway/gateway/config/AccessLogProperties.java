package io.jwtgateway.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access log ({@code gateway.access-log.*}): one line per request on the logger {@code gateway.access}.
 *
 * @param enabled whether the line is written at all; off, the gateway does no work for it
 * @param format  {@code text}: {@code key=value} pairs; {@code json}: one JSON object per line, for log shippers
 */
@ConfigurationProperties("gateway.access-log")
public record AccessLogProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("text") Format format) {

    public enum Format { TEXT, JSON }
}
