package io.jwtgateway.gateway.refusal;

/**
 * One problem with one member of a request's JSON body, as RFC 9457 §3's example lists them under {@code errors}.
 *
 * @param pointer where: a JSON Pointer (RFC 6901) as a URI fragment, such as {@code #/rate_limit/burst_capacity}
 * @param detail  what is wrong, in our own words, never quoting the value
 */
public record InvalidField(String pointer, String detail) {

    /** The problem of the member {@code path}, such as {@code rate_limit/burst_capacity} or {@code roles/0}. */
    public static InvalidField of(String path, String detail) {
        return new InvalidField("#/" + path, detail);
    }

    /** The member's path, as the pointer names it: {@code rate_limit/burst_capacity}. */
    public String member() {
        return pointer.substring(2);
    }
}
