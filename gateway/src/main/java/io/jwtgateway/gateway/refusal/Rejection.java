package io.jwtgateway.gateway.refusal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Why an operator's request was refused, when the reason is its input or the state it would change rather than its
 * credentials: a status, a fixed description, our own code when one applies, and each thing wrong with the input.
 * Only its named factories create one; {@link RefusalWriter} renders it as a problem detail.
 *
 * @param status        the HTTP status
 * @param detail        a fixed description, safe to show
 * @param code          our own code for the {@code error} member; null for none
 * @param invalidParams each thing wrong with the input; empty when the input is not at fault
 */
public record Rejection(HttpStatus status, String detail, @Nullable RefusalCode code,
        List<InvalidParam> invalidParams) {

    public Rejection {
        invalidParams = List.copyOf(invalidParams);
    }

    /** 400: the input breaks the rules listed, every one of them. */
    public static Rejection invalid(String detail, List<InvalidParam> invalidParams) {
        return new Rejection(HttpStatus.BAD_REQUEST, detail, null, invalidParams);
    }

    /** 404: what the request names does not exist. */
    public static Rejection notFound(String detail) {
        return new Rejection(HttpStatus.NOT_FOUND, detail, null, List.of());
    }

    /** 409: what the request would change cannot be changed this way. */
    public static Rejection conflict(String detail, List<InvalidParam> invalidParams) {
        return new Rejection(HttpStatus.CONFLICT, detail, null, invalidParams);
    }

    /** 503: the change could not be stored, so was not made. */
    public static Rejection storeUnavailable(String detail) {
        return new Rejection(HttpStatus.SERVICE_UNAVAILABLE, detail, RefusalCode.STORE_UNAVAILABLE, List.of());
    }

    public <T> Mono<T> reject() {
        return Mono.error(new RejectionException(this));
    }
}
