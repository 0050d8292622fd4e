package io.jwtgateway.gateway.refusal;

/**
 * One thing wrong with a request's input, in the {@code invalid-params} member of a problem detail, as RFC 9457 §3's
 * example names it.
 *
 * @param name   the input at fault, named like a property: {@code uri}, {@code metadata.auth}, {@code filters[0]}
 * @param reason what is wrong with it and what would be right; our own text, which never quotes a secret
 */
public record InvalidParam(String name, String reason) {
}
