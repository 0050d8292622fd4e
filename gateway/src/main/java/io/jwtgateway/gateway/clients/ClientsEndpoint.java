package io.jwtgateway.gateway.clients;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.jwtgateway.gateway.clients.ClientChanges.AddedKey;
import io.jwtgateway.gateway.clients.ClientChanges.Created;
import io.jwtgateway.gateway.clients.ClientView.KeyView;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.observe.Actor;
import io.jwtgateway.gateway.refusal.InvalidField;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import io.jwtgateway.gateway.refusal.Rejection;
import io.jwtgateway.gateway.refusal.RejectionException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator API's handlers: list, create, read, update (RFC 7396 merge patch: {@code status} disables or enables),
 * delete; add a key, revoke a key. Bodies are strict JSON, read whole up to {@code 16 KiB}; every refusal is an RFC
 * 9457 problem whose {@code errors} name each member at fault. A key is shown once, in the answer that made it; no
 * answer holds a hash. The actor of the audit is the one the admitting step put in the context ({@link Actor#current}):
 * the admin token's subject on the main port, {@value Actor#MANAGEMENT_PORT} on the management port. Served where the operator endpoints are ({@link ClientsEndpointConfiguration}).
 */
final class ClientsEndpoint {

    private static final Set<Member> CREATE = Set.of(Member.values());
    private static final Set<Member> UPDATE = Set.of(Member.CLIENT_NAME, Member.SUBJECT, Member.ROLES,
            Member.SCOPE, Member.GRANT_TYPES, Member.TOKEN_LIFETIME, Member.RATE_LIMIT, Member.DPOP_BOUND,
            Member.STATUS, Member.TOKEN_EXCHANGE_AUDIENCES);
    private static final Set<Member> REMOVABLE = Set.of(Member.CLIENT_NAME, Member.TOKEN_LIFETIME, Member.RATE_LIMIT,
            Member.TOKEN_EXCHANGE_AUDIENCES);
    private static final String EXPIRES_AT = "expires_at";

    private final String base;
    private final ClientRegistry registry;
    private final ClientChanges changes;
    private final KeyUses uses;
    private final RefusalWriter refusals;
    private final JsonMapper json;
    private final AuthProperties auth;
    private final Clock clock;

    ClientsEndpoint(String base, ClientRegistry registry, ClientChanges changes, KeyUses uses,
            RefusalWriter refusals, JsonMapper json, AuthProperties auth, Clock clock) {
        this.base = base;
        this.registry = registry;
        this.changes = changes;
        this.uses = uses;
        this.refusals = refusals;
        this.json = json;
        this.auth = auth;
        this.clock = clock;
    }

    Mono<ServerResponse> list(ServerRequest request) {
        Instant now = clock.instant();
        return ok(new ClientList(registry.all().stream().map(client -> view(client, now)).toList()));
    }

    Mono<ServerResponse> read(ServerRequest request) {
        return registry.find(request.pathVariable("clientId"))
                .map(client -> ok(view(client, clock.instant())))
                .orElseGet(() -> refuse(ClientRejections.clientNotFound()));
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return JsonBodies.read(request, false)
                .flatMap(members -> input(members, CREATE, Set.of(Member.CLIENT_NAME, Member.TOKEN_LIFETIME,
                        Member.RATE_LIMIT)))
                .flatMap(input -> Actor.current().flatMap(actor -> changes.create(actor, input, false)))
                .flatMap(this::created)
                .onErrorResume(RejectionException.class, ex -> refuse(ex.rejection()));
    }

    Mono<ServerResponse> update(ServerRequest request) {
        String clientId = request.pathVariable("clientId");
        return JsonBodies.read(request, false)
                .flatMap(members -> input(members, UPDATE, REMOVABLE))
                .flatMap(input -> Actor.current().flatMap(actor -> changes.update(actor, clientId, input)))
                .flatMap(client -> ok(view(client, clock.instant())))
                .onErrorResume(RejectionException.class, ex -> refuse(ex.rejection()));
    }

    Mono<ServerResponse> delete(ServerRequest request) {
        return Actor.current().flatMap(actor -> changes.delete(actor, request.pathVariable("clientId")))
                .then(ServerResponse.noContent().cacheControl(CacheControl.noStore()).build())
                .onErrorResume(RejectionException.class, ex -> refuse(ex.rejection()));
    }

    /** {@code {"expires_at": <seconds>}}, or no body: a key that never expires. */
    Mono<ServerResponse> addKey(ServerRequest request) {
        String clientId = request.pathVariable("clientId");
        return JsonBodies.read(request, true)
                .flatMap(this::expiry)
                .flatMap(expiry -> Actor.current()
                        .flatMap(actor -> changes.addKey(actor, clientId, expiry.orElse(null))))
                .flatMap(this::addedKey)
                .onErrorResume(RejectionException.class, ex -> refuse(ex.rejection()));
    }

    Mono<ServerResponse> revokeKey(ServerRequest request) {
        return Actor.current().flatMap(actor -> changes.revokeKey(actor, request.pathVariable("clientId"),
                request.pathVariable("keyId")))
                .flatMap(client -> ok(view(client, clock.instant())))
                .onErrorResume(RejectionException.class, ex -> refuse(ex.rejection()));
    }

    private Mono<ClientInput> input(Map<?, ?> members, Set<Member> accepted, Set<Member> removable) {
        ClientInputReader.Read read = ClientInputReader.read(members, accepted, removable, false,
                auth.maxTokenLifetime(), clock.instant());
        return read.problems().isEmpty()
                ? Mono.just(read.input())
                : ClientRejections.invalidMetadata(read.problems()).reject();
    }

    private Mono<Optional<Instant>> expiry(Map<?, ?> members) {
        ClientInputReader reader = new ClientInputReader(Set.of(), Set.of(), false, auth.maxTokenLifetime(),
                clock.instant());
        Instant expiry = null;
        for (Map.Entry<?, ?> member : members.entrySet()) {
            if (EXPIRES_AT.equals(member.getKey()) && member.getValue() != null) {
                expiry = reader.expiry(EXPIRES_AT, member.getValue());
            } else if (!EXPIRES_AT.equals(member.getKey())) {
                return ClientRejections.invalidMetadata(List.of(InvalidField.of(String.valueOf(member.getKey())
                        .replace("~", "~0").replace("/", "~1"), "is not a member of a new key: expires_at only")))
                        .reject();
            }
        }
        return reader.problems().isEmpty()
                ? Mono.just(Optional.ofNullable(expiry))
                : ClientRejections.invalidMetadata(reader.problems()).reject();
    }

    private Mono<ServerResponse> created(Created created) {
        Client client = created.client();
        return respond(ServerResponse.created(location(client.clientId())),
                new CreatedClient(view(client, clock.instant()), created.key().apiKey()));
    }

    private Mono<ServerResponse> addedKey(AddedKey added) {
        Instant now = clock.instant();
        return respond(ServerResponse.created(location(added.client().clientId())),
                new NewKeyView(added.client().clientId(), KeyView.of(added.key(), now, null),
                        added.secret().apiKey()));
    }

    private URI location(String clientId) {
        return URI.create(base + "/" + clientId);
    }

    private ClientView view(Client client, Instant now) {
        return ClientView.of(client, now, uses::lastUse);
    }

    private Mono<ServerResponse> ok(Object body) {
        return respond(ServerResponse.ok(), body);
    }

    private Mono<ServerResponse> respond(ServerResponse.BodyBuilder response, Object body) {
        return response.contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .bodyValue(json.writeValueAsBytes(body));
    }

    private Mono<ServerResponse> refuse(Rejection rejection) {
        return ServerResponse.status(rejection.status()).build((exchange, context) -> refusals.write(exchange,
                rejection));
    }

    /**
     * Every client.
     *
     * @param clients by client id
     */
    record ClientList(List<ClientView> clients) {
    }

    /**
     * A new client and its first key, shown this once.
     *
     * @param client the client
     * @param apiKey the key
     */
    record CreatedClient(@JsonUnwrapped ClientView client, @JsonProperty("api_key") String apiKey) {

        @Override
        public String toString() {                      // the key is a credential
            return "CreatedClient[" + client.clientId() + "]";
        }
    }

    /**
     * A new key, shown this once.
     *
     * @param clientId its client
     * @param key      the key as kept
     * @param apiKey   the key
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewKeyView(@JsonProperty("client_id") String clientId, @JsonUnwrapped KeyView key,
            @JsonProperty("api_key") String apiKey) {

        @Override
        public String toString() {                      // the key is a credential
            return "NewKeyView[" + clientId + ", " + key.keyId() + "]";
        }
    }
}
