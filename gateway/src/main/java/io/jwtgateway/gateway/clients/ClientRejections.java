package io.jwtgateway.gateway.clients;

import java.util.List;

import io.jwtgateway.gateway.refusal.InvalidField;
import io.jwtgateway.gateway.refusal.RefusalCode;
import io.jwtgateway.gateway.refusal.Rejection;

/**
 * Why a change to the registry was not made, as {@link Rejection}s: each API writes one in its own shape (an RFC 9457
 * problem, or RFC 7591 §3.2.2's error). Details name the member at fault, never its value, which may be a secret.
 */
public final class ClientRejections {

    private ClientRejections() {
    }

    /** A body that is not one JSON object of the right size and type. */
    public static Rejection invalidBody(String detail) {
        return Rejection.invalid(RefusalCode.INVALID_BODY, detail, List.of());
    }

    /** Members at fault, all of them; the detail names the first. */
    public static Rejection invalidMetadata(List<InvalidField> fields) {
        InvalidField first = fields.get(0);
        String more = fields.size() == 1 ? "" : " (and " + (fields.size() - 1) + " more: see errors)";
        return Rejection.invalid(RefusalCode.INVALID_CLIENT_METADATA, first.member() + ": " + first.detail() + more,
                fields);
    }

    static Rejection clientNotFound() {
        return Rejection.notFound(RefusalCode.CLIENT_NOT_FOUND, "No client has this client_id");
    }

    static Rejection keyNotFound() {
        return Rejection.notFound(RefusalCode.KEY_NOT_FOUND, "The client has no key of this key_id");
    }

    static Rejection clientExists() {
        return Rejection.conflict(RefusalCode.CLIENT_EXISTS, "client_id: a client has this client_id already",
                List.of(InvalidField.of("client_id", "a client has this client_id already")));
    }

    static Rejection readOnly() {
        return Rejection.conflict(RefusalCode.READ_ONLY_CLIENT, "This client is configured in gateway.auth.api-keys: "
                + "change it in the configuration", List.of());
    }

    /** A 400, as bad input is: the request asks for more than the configuration allows. */
    static Rejection tooManyClients(int max) {
        return Rejection.invalid(RefusalCode.TOO_MANY_CLIENTS, "The registry holds " + max
                + " clients, gateway.auth.clients.max-clients: delete one first", List.of());
    }

    /** A 400, as bad input is: the request asks for more than the configuration allows. */
    static Rejection tooManyKeys(int max) {
        return Rejection.invalid(RefusalCode.TOO_MANY_KEYS, "The client holds " + max
                + " keys that are not revoked, gateway.auth.clients.max-keys-per-client: revoke one first",
                List.of());
    }

    static Rejection storeUnavailable() {
        return Rejection.storeUnavailable("The client store cannot be written now: nothing changed, try again "
                + "shortly");
    }
}
