package io.pushgate.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.pushgate.model.PolicyException;
import io.pushgate.model.RequestError;

/** The HTTP status of each spec error code (digest §8): the one table of it. */
final class ErrorStatus {
  private ErrorStatus() {}

  static HttpResponseStatus of(RequestError error) {
    return switch (error.messageId()) {
      case "SVC0005", "SVC1012" -> HttpResponseStatus.CONFLICT;
      default -> error instanceof PolicyException ? HttpResponseStatus.FORBIDDEN : HttpResponseStatus.BAD_REQUEST;
    };
  }
}
