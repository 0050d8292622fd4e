/** The project's pages, checked as code: every link between them leads somewhere, and the README stays a front page. */
package io.jwtgateway.gateway.docs;
