package io.jwtgateway.backend;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The seed's content. Authentication is the gateway's job: this controller checks nothing. */
@RestController
class ContentController {

    private static final String AUTH_HEADER_PREFIX = "x-auth-";

    private final ServiceName serviceName;
    private final InstanceId instanceId;

    ContentController(ServiceName serviceName, InstanceId instanceId) {
        this.serviceName = serviceName;
        this.instanceId = instanceId;
    }

    @GetMapping(path = "/api/v3/home", produces = MediaType.TEXT_PLAIN_VALUE)
    String home() {
        return "hello world";
    }

    @GetMapping(path = "/api/v3/secret", produces = MediaType.TEXT_PLAIN_VALUE)
    String secret() {
        return "Opps, it's sensitive data :(";
    }

    @GetMapping(path = "/api/v3/admin", produces = MediaType.TEXT_PLAIN_VALUE)
    String admin() {
        return "Welcome, admin: this is the admin area";
    }

    @GetMapping(path = {"/api/v3/whoami", "/api/v3/public/whoami"}, produces = MediaType.APPLICATION_JSON_VALUE)
    WhoAmI whoami(@RequestHeader HttpHeaders headers) {
        Map<String, String> identity = new TreeMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(AUTH_HEADER_PREFIX)) {
                identity.put(lower, String.join(",", values));
            }
        });
        return new WhoAmI(serviceName.value(), instanceId.value(), identity);
    }

    /** The {@code whoami} body: which service and instance answered, and the identity headers it received. */
    record WhoAmI(String service, String instance, Map<String, String> headers) {
    }
}
