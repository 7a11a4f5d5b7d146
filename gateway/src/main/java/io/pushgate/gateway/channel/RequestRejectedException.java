package io.pushgate.gateway.channel;

import static java.util.Objects.requireNonNull;

import io.pushgate.model.RequestError;

/**
 * A client request the service refuses, with the spec's error to answer it. Expected, so it carries no
 * stack trace and is never logged as a failure.
 */
public final class RequestRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient RequestError error;

  public RequestRejectedException(RequestError error) {
    super(requireNonNull(error, "error").messageId() + " " + error.variables(), null, false, false);
    this.error = error;
  }

  public RequestError error() {
    return error;
  }
}
