package io.pushgate.gateway.http;

import static java.util.Objects.requireNonNull;

/** Ends a request early with a ready answer (415, 404, ...). Expected: no stack trace, not logged. */
final class HttpStatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ApiResponse response;

  HttpStatusException(ApiResponse response) {
    super(requireNonNull(response, "response").status().toString(), null, false, false);
    this.response = response;
  }

  ApiResponse response() {
    return response;
  }
}
