package io.jwtgateway.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The access log ({@code gateway.access-log.*}): one line per request.
 *
 * @param enabled whether the line is written at all; off, the gateway does no work for it
 * @param format  {@code text}: {@code key=value} pairs; {@code json}: one JSON object per line, for log shippers
 * @param output  {@code stdout}: the bare lines on standard output, many lines a write under load; {@code logger}: at
 *                INFO on the logger {@code gateway.access}, formatted and sent wherever the logging configuration
 *                says, at the cost of a logging event and a write per line. Either way a thread of the access log's
 *                own formats and writes the lines, not the event loop
 */
@Validated
@ConfigurationProperties("gateway.access-log")
public record AccessLogProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("text") Format format,
        @DefaultValue("stdout") Output output) {

    public enum Format { TEXT, JSON }

    public enum Output { STDOUT, LOGGER }
}
