package io.jwtgateway.gateway.refusal;

import java.util.List;

import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Why an operator's request was refused, when the reason is its input or the state it would change rather than its
 * credentials: a status, a fixed description, our own code, and the problem of each member at fault. Only its named
 * factories create one; {@link RefusalWriter} renders it as a problem detail. Where no handler of ours writes the
 * answer (an actuator endpoint's operation), it travels in a {@link RejectionException} to {@link ProblemErrorHandler}.
 *
 * @param status the HTTP status
 * @param detail a fixed description, safe to show
 * @param code   our own code, for the {@code error} member
 * @param errors the problem of each member at fault (RFC 9457 §3); empty when no member is
 */
public record Rejection(HttpStatus status, String detail, RefusalCode code, List<InvalidField> errors) {

    public Rejection {
        errors = List.copyOf(errors);
    }

    /** 400: members of the body break the rules listed, every one of them. */
    public static Rejection invalid(RefusalCode code, String detail, List<InvalidField> errors) {
        return new Rejection(HttpStatus.BAD_REQUEST, detail, code, errors);
    }

    /** 404: what the request names does not exist. */
    public static Rejection notFound(RefusalCode code, String detail) {
        return new Rejection(HttpStatus.NOT_FOUND, detail, code, List.of());
    }

    /** 409: what the request would change cannot be changed this way, or not now. */
    public static Rejection conflict(RefusalCode code, String detail, List<InvalidField> errors) {
        return new Rejection(HttpStatus.CONFLICT, detail, code, errors);
    }

    /** 503: the change could not be stored, so was not made. */
    public static Rejection storeUnavailable(String detail) {
        return new Rejection(HttpStatus.SERVICE_UNAVAILABLE, detail, RefusalCode.STORE_UNAVAILABLE, List.of());
    }

    public <T> Mono<T> reject() {
        return Mono.error(new RejectionException(this));
    }
}
