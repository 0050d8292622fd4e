/** End-to-end tests: the packaged jars of the gateway and the sample backend, run as real processes. */
package io.jwtgateway.gateway.e2e;
