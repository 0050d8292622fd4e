package io.jwtgateway.gateway.observe;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One line for each change an operator or a client makes at runtime, on the logger {@value #LOGGER} at INFO:
 * {@code actor=… action=… request_id=…} and the fields of the change, such as {@code client_id=… key_id=…}, escaped as
 * the access log's are. Never a secret or a hash: callers pass names and ids only.
 */
@Component
public class AuditLog {

    public static final String LOGGER = "gateway.audit";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    /**
     * Writes the line.
     *
     * @param actor     who: the admin token's subject, {@code management-port}, or a client acting on itself
     * @param action    what, a fixed word such as {@code client_created}
     * @param requestId the request that made the change
     * @param fields    names and values in turn; an absent value is written as {@code -}
     */
    public void change(String actor, String action, @Nullable String requestId, @Nullable String... fields) {
        StringBuilder line = new StringBuilder(120);
        AccessLine.textField(line, "actor", actor);
        AccessLine.textField(line, "action", action);
        AccessLine.textField(line, "request_id", requestId);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            AccessLine.textField(line, String.valueOf(fields[i]), fields[i + 1]);
        }
        log.info("{}", line.substring(1));
    }
}
