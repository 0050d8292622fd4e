package io.jwtgateway.backend;

import org.springframework.http.HttpHeaders;

/** Who the gateway says is calling: its {@code X-Auth-Subject} header, which this service trusts without checking. */
final class Subject {

    static final String HEADER = "X-Auth-Subject";
    static final String ANONYMOUS = "anonymous";

    private Subject() {
    }

    /** The subject the gateway named, or {@link #ANONYMOUS} on a public route or a call that bypassed it. */
    static String of(HttpHeaders headers) {
        String subject = headers.getFirst(HEADER);
        return subject == null || subject.isBlank() ? ANONYMOUS : subject;
    }
}
