package io.jwtgateway.gateway.registration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RequestPredicates.PUT;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jwtgateway.gateway.authn.Authenticator;
import io.jwtgateway.gateway.authn.Credential;
import io.jwtgateway.gateway.authn.Credentials;
import io.jwtgateway.gateway.clients.Client;
import io.jwtgateway.gateway.clients.ClientChanges;
import io.jwtgateway.gateway.clients.ClientChanges.Created;
import io.jwtgateway.gateway.clients.ClientInput;
import io.jwtgateway.gateway.clients.ClientInputReader;
import io.jwtgateway.gateway.clients.ClientKey;
import io.jwtgateway.gateway.clients.ClientRegistry;
import io.jwtgateway.gateway.clients.ClientRejections;
import io.jwtgateway.gateway.clients.JsonBodies;
import io.jwtgateway.gateway.clients.Member;
import io.jwtgateway.gateway.config.AuthProperties;
import io.jwtgateway.gateway.crypto.Sha256;
import io.jwtgateway.gateway.discovery.IssuerLocation;
import io.jwtgateway.gateway.http.EndpointPaths;
import io.jwtgateway.gateway.observe.Actor;
import io.jwtgateway.gateway.observe.RequestId;
import io.jwtgateway.gateway.observe.TraceId;
import io.jwtgateway.gateway.policy.Requirement;
import io.jwtgateway.gateway.refusal.AuthError;
import io.jwtgateway.gateway.refusal.AuthException;
import io.jwtgateway.gateway.refusal.InvalidField;
import io.jwtgateway.gateway.refusal.RefusalWriter;
import io.jwtgateway.gateway.refusal.Rejection;
import io.jwtgateway.gateway.refusal.RejectionException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /oauth2/register}: RFC 7591 dynamic client registration. The initial access token (§3) is an admin-role
 * Bearer token, checked as on any route; the registration answers 201 with the {@code client_id}, the
 * {@code client_secret} (an API key, good at {@code /api/v3/auth} as {@code X-API-Key} and at {@code /oauth2/token}),
 * the {@code registration_access_token} and the {@code registration_client_uri}, each secret shown this once. Members
 * it does not know are ignored (§2); a value it cannot take is {@code invalid_client_metadata} (§3.2.2).
 *
 * <p>{@code GET|PUT|DELETE /oauth2/register/{client_id}}: RFC 7592, with the registration access token as a Bearer
 * token, kept as its hash only. A wrong token, or a client that does not exist, is a 401 either way (§2.1). An update
 * changes what the client may change of its own ({@link OwnChanges}). Served by the gateway itself, ahead of its
 * routes; the change is audited with the admin's subject, or {@code client:<client_id>}.
 */
@Configuration(proxyBeanMethods = false)
class RegistrationEndpoint {

    static final String PATH = EndpointPaths.OAUTH_REGISTER;
    static final String CLIENT_PATH = PATH + "/{clientId}";
    static final String TOKEN_ENDPOINT_AUTH_METHOD = "token_endpoint_auth_method";
    static final String CLIENT_SECRET = "client_secret";

    private static final Set<String> AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post");
    private static final Set<Member> REMOVABLE = EnumSet.of(Member.CLIENT_NAME, Member.TOKEN_LIFETIME,
            Member.RATE_LIMIT);

    private final Credentials credentials;
    private final Authenticator authenticator;
    private final ClientRegistry registry;
    private final ClientChanges changes;
    private final RefusalWriter refusals;
    private final JsonMapper json;
    private final IssuerLocation location;
    private final AuthProperties auth;
    private final Clock clock;

    RegistrationEndpoint(Credentials credentials, Authenticator authenticator, ClientRegistry registry,
            ClientChanges changes, RefusalWriter refusals, JsonMapper json, AuthProperties auth, Clock clock) {
        this.credentials = credentials;
        this.authenticator = authenticator;
        this.registry = registry;
        this.changes = changes;
        this.refusals = refusals;
        this.json = json;
        this.location = IssuerLocation.of(auth.issuer());
        this.auth = auth;
        this.clock = clock;
    }

    @Bean
    RouterFunction<ServerResponse> registrationRoutes() {
        return RouterFunctions.route(POST(PATH), this::register)
                .andRoute(GET(CLIENT_PATH), this::read)
                .andRoute(PUT(CLIENT_PATH), this::update)
                .andRoute(DELETE(CLIENT_PATH), this::delete)
                .andRoute(path(PATH), request -> refusals.methodNotAllowed("Register with POST", HttpMethod.POST))
                .andRoute(path(CLIENT_PATH), request -> refusals.methodNotAllowed("Use GET, PUT or DELETE",
                        HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE));
    }

    private Mono<ServerResponse> register(ServerRequest request) {
        return authenticator.authenticate(credentials.bearer(request.exchange()), Requirement.ADMIN)
                .doOnNext(admin -> authenticator.admitted(request.exchange(), PATH))
                .flatMap(admin -> JsonBodies.read(request, false)
                        .flatMap(this::registration)
                        .flatMap(input -> changes.create(new Actor(admin.subject(), RequestId.of(request.exchange())),
                                input, true))
                        .flatMap(created -> created(request, created))
                        .onErrorResume(RejectionException.class, ex -> refuse(request, ex.rejection())))
                .onErrorResume(AuthException.class, ex -> authenticator.refusal(request.exchange(), PATH,
                        ex.error()));
    }

    private Mono<ServerResponse> read(ServerRequest request) {
        return ownClient(request)
                .flatMap(client -> answer(request, ServerResponse.ok(), client, null, null, null))
                .onErrorResume(AuthException.class, ex -> refusals.response(ex.error()));
    }

    private Mono<ServerResponse> update(ServerRequest request) {
        return ownClient(request)
                .flatMap(client -> JsonBodies.read(request, false)
                        .flatMap(members -> ownUpdate(client, members))
                        .flatMap(input -> changes.update(Actor.client(client.clientId(),
                                RequestId.of(request.exchange())), client.clientId(), input))
                        .flatMap(updated -> answer(request, ServerResponse.ok(), updated, null, null, null))
                        .onErrorResume(RejectionException.class, ex -> refuse(request, ex.rejection())))
                .onErrorResume(AuthException.class, ex -> refusals.response(ex.error()));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        return ownClient(request)
                .flatMap(client -> changes.delete(Actor.client(client.clientId(), RequestId.of(request.exchange())),
                        client.clientId())
                        .then(ServerResponse.noContent().cacheControl(CacheControl.noStore()).build())
                        .onErrorResume(RejectionException.class, ex -> refuse(request, ex.rejection())))
                .onErrorResume(AuthException.class, ex -> refusals.response(ex.error()));
    }

    /** RFC 7591 §2: every member of ours may be set by the admin registering it; a member we do not know is skipped. */
    private Mono<ClientInput> registration(Map<?, ?> members) {
        List<InvalidField> problems = new ArrayList<>();
        Object method = members.get(TOKEN_ENDPOINT_AUTH_METHOD);
        if (method != null && !AUTH_METHODS.contains(method)) {
            problems.add(InvalidField.of(TOKEN_ENDPOINT_AUTH_METHOD, "must be client_secret_basic or "
                    + "client_secret_post"));
        }
        ClientInputReader.Read read = ClientInputReader.read(members, EnumSet.allOf(Member.class), Set.of(), true,
                auth.maxTokenLifetime(), clock.instant());
        problems.addAll(read.problems());
        return problems.isEmpty() ? Mono.just(read.input()) : ClientRejections.invalidMetadata(problems).reject();
    }

    /** RFC 7592 §2.2: the request names the client, and any secret it sends is one of the client's keys. */
    private Mono<ClientInput> ownUpdate(Client client, Map<?, ?> members) {
        List<InvalidField> problems = new ArrayList<>();
        if (!client.clientId().equals(members.get(Member.CLIENT_ID.json()))) {
            problems.add(InvalidField.of(Member.CLIENT_ID.json(), "must be this client's client_id"));
        }
        Object secret = members.get(CLIENT_SECRET);
        if (secret != null && !(secret instanceof String text && isKeyOf(client, text))) {
            problems.add(InvalidField.of(CLIENT_SECRET, "must be one of this client's secrets"));
        }
        Map<Object, Object> metadata = new LinkedHashMap<>(members);
        metadata.remove(Member.CLIENT_ID.json());
        metadata.remove(Member.SECRET_EXPIRES_AT.json());
        ClientInputReader.Read read = ClientInputReader.read(metadata, EnumSet.allOf(Member.class), REMOVABLE, true,
                auth.maxTokenLifetime(), clock.instant());
        problems.addAll(read.problems());
        if (problems.isEmpty()) {
            problems.addAll(OwnChanges.problems(client, read.input()));
        }
        return problems.isEmpty()
                ? Mono.just(OwnChanges.own(read.input()))
                : ClientRejections.invalidMetadata(problems).reject();
    }

    private static boolean isKeyOf(Client client, String secret) {
        byte[] hash = Sha256.digest(secret.getBytes(UTF_8));
        return client.keys().stream().anyMatch(key -> !key.isRevoked()
                && MessageDigest.isEqual(key.sha256(), hash));
    }

    /**
     * The client the request's registration access token is for. RFC 7592 §2.1: a wrong token and an unknown client
     * are answered alike, 401 {@code invalid_token}, so the URI says nothing to whoever lacks the token.
     */
    private Mono<Client> ownClient(ServerRequest request) {
        String clientId = request.pathVariable("clientId");
        return credentials.bearer(request.exchange())
                .switchIfEmpty(Mono.defer(() -> AuthError.missingToken().reject()))
                .map(Credential::token)
                .flatMap(token -> registry.find(clientId)
                        .filter(client -> !client.readOnly() && client.hasRegistrationToken(token))
                        .map(Mono::just)
                        .orElseGet(() -> AuthError.invalidRegistrationToken().reject()));
    }

    private Mono<ServerResponse> created(ServerRequest request, Created created) {
        Client client = created.client();
        return answer(request, ServerResponse.status(HttpStatus.CREATED), client, client.keys().get(0),
                created.key().apiKey(), created.registrationToken());
    }

    /** The registration; with the key just made, its secret and the registration access token, shown this once. */
    private Mono<ServerResponse> answer(ServerRequest request, ServerResponse.BodyBuilder response, Client client,
            @Nullable ClientKey key, @Nullable String secret, @Nullable String registrationToken) {
        String uri = location.base(request.uri()) + PATH + "/" + client.clientId();
        RegistrationResponse body = RegistrationResponse.of(client, uri, key, secret, registrationToken);
        return response.contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())                // RFC 7591 §3.2.1
                .header(HttpHeaders.PRAGMA, "no-cache")
                .bodyValue(json.writeValueAsBytes(body));
    }

    /** RFC 7591 §3.2.2: {@code {"error", "error_description"}}, with the status the failure has. */
    private Mono<ServerResponse> refuse(ServerRequest request, Rejection rejection) {
        return ServerResponse.status(rejection.status())
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .bodyValue(json.writeValueAsBytes(new RegistrationError(code(rejection), rejection.detail(),
                        RequestId.of(request.exchange()), TraceId.of(request.exchange()))));
    }

    private static String code(Rejection rejection) {
        return rejection.status() == HttpStatus.BAD_REQUEST ? "invalid_client_metadata" : rejection.code().tag();
    }
}
