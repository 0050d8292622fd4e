@NullMarked
package io.jwtgateway.backend;

import org.jspecify.annotations.NullMarked;
