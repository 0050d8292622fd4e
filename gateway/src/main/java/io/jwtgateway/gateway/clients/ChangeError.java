package io.jwtgateway.gateway.clients;

import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.http.HttpStatus.CONFLICT;
import static org.springframework.http.HttpStatus.NOT_FOUND;
import static org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE;

import java.util.List;

import io.jwtgateway.gateway.refusal.InvalidField;
import io.jwtgateway.gateway.refusal.RefusalCode;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Why a change to the registry was not made: a status, our code, a fixed detail safe to show, and for a refused body
 * the problem of each member at fault. Only its named factories create one; in a {@code Mono} it travels inside
 * {@link ChangeException}, and each API writes it in its own shape (an RFC 9457 problem, or RFC 7591 §3.2.2's error).
 *
 * @param status 400, 404, 409 or 503
 * @param code   the {@code error} of the response
 * @param detail what is wrong, naming the member at fault; never the value, which may be a secret
 * @param fields each member at fault, for a refused body; else empty
 */
public record ChangeError(HttpStatus status, RefusalCode code, String detail, List<InvalidField> fields) {

    public ChangeError {
        fields = List.copyOf(fields);
    }

    /** A body that is not one JSON object of the right size and type. */
    public static ChangeError invalidBody(String detail) {
        return new ChangeError(BAD_REQUEST, RefusalCode.INVALID_BODY, detail, List.of());
    }

    /** Members at fault, all of them; the detail names the first. */
    public static ChangeError invalidMetadata(List<InvalidField> fields) {
        InvalidField first = fields.get(0);
        String more = fields.size() == 1 ? "" : " (and " + (fields.size() - 1) + " more: see errors)";
        return new ChangeError(BAD_REQUEST, RefusalCode.INVALID_CLIENT_METADATA, first.member() + ": "
                + first.detail() + more, fields);
    }

    static ChangeError clientNotFound() {
        return new ChangeError(NOT_FOUND, RefusalCode.CLIENT_NOT_FOUND, "No client has this client_id", List.of());
    }

    static ChangeError keyNotFound() {
        return new ChangeError(NOT_FOUND, RefusalCode.KEY_NOT_FOUND, "The client has no key of this key_id",
                List.of());
    }

    static ChangeError clientExists() {
        return new ChangeError(CONFLICT, RefusalCode.CLIENT_EXISTS, "client_id: a client has this client_id already",
                List.of(InvalidField.of("client_id", "a client has this client_id already")));
    }

    static ChangeError readOnly() {
        return new ChangeError(CONFLICT, RefusalCode.READ_ONLY_CLIENT, "This client is configured in "
                + "gateway.auth.api-keys: change it in the configuration", List.of());
    }

    static ChangeError tooManyClients(int max) {
        return new ChangeError(BAD_REQUEST, RefusalCode.TOO_MANY_CLIENTS, "The registry holds " + max
                + " clients, gateway.auth.clients.max-clients: delete one first", List.of());
    }

    static ChangeError tooManyKeys(int max) {
        return new ChangeError(BAD_REQUEST, RefusalCode.TOO_MANY_KEYS, "The client holds " + max
                + " keys that are not revoked, gateway.auth.clients.max-keys-per-client: revoke one first",
                List.of());
    }

    static ChangeError storeUnavailable() {
        return new ChangeError(SERVICE_UNAVAILABLE, RefusalCode.STORE_UNAVAILABLE,
                "The client store cannot be written now: nothing changed, try again shortly", List.of());
    }

    public <T> Mono<T> reject() {
        return Mono.error(new ChangeException(this));
    }
}
